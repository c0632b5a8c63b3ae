package io.harbourpay.platform.crypto;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Stored secrets a person types (customers' payment PINs, merchant console passwords): {@code
 * pbkdf2-sha256$<iterations>$<salt>$<hash>} (salt and hash base64url). The iteration count travels
 * with the hash, so raising it later needs no migration: old hashes verify with their own count and
 * are rewritten with the new one at the next correct entry.
 */
public final class PasswordHash {
  public static final String SCHEME = "pbkdf2-sha256";
  static final int SALT_BYTES = 16;
  static final int HASH_BITS = 256;

  private PasswordHash() {}

  public static String create(String pin, int iterations, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return SCHEME
        + "$"
        + iterations
        + "$"
        + base64.encodeToString(salt)
        + "$"
        + base64.encodeToString(derive(pin, salt, iterations));
  }

  /** Whether {@code pin} is the one {@code stored} was made from; compares in constant time. */
  public static boolean matches(String pin, String stored) {
    String[] parts = stored.split("\\$");
    if (parts.length != 4 || !SCHEME.equals(parts[0])) {
      throw new IllegalStateException("unknown password hash format");
    }
    Base64.Decoder base64 = Base64.getUrlDecoder();
    byte[] expected = base64.decode(parts[3]);
    byte[] actual = derive(pin, base64.decode(parts[2]), Integer.parseInt(parts[1]));
    return MessageDigest.isEqual(expected, actual);
  }

  public static int iterations(String stored) {
    return Integer.parseInt(stored.split("\\$")[1]);
  }

  private static byte[] derive(String pin, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(pin.toCharArray(), salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", impossible);
    } finally {
      spec.clearPassword();
    }
  }
}

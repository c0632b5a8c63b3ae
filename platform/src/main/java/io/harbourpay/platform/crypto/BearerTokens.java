package io.harbourpay.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque session tokens (customers' and merchant console users'): a prefix naming the kind plus
 * {@link #TOKEN_BYTES} random bytes in base64url. Only the SHA-256 of a token is ever stored, so a
 * copy of the database holds no usable token; a plain hash suffices because the token carries 256
 * bits of randomness (nothing to brute-force, unlike a password).
 */
public final class BearerTokens {
  public static final int TOKEN_BYTES = 32;

  /** Length of the base64url text of {@link #TOKEN_BYTES} bytes without padding. */
  public static final int ENCODED_LENGTH = 43;

  private BearerTokens() {}

  public static String create(String prefix, SecureRandom random) {
    byte[] secret = new byte[TOKEN_BYTES];
    random.nextBytes(secret);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether {@code token} could be one of ours with this prefix (checked before any lookup). */
  public static boolean wellFormed(String token, String prefix) {
    return token != null
        && token.length() == prefix.length() + ENCODED_LENGTH
        && token.startsWith(prefix);
  }

  /** The stored form: lower-case hex SHA-256 of the token's ASCII bytes. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}

package io.harbourpay.platform.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals secrets the server must read back (merchant API secrets: an HMAC is checked with the secret
 * itself, so a hash will not do) with AES-256-GCM under the master key. The associated data (the
 * key id) binds a sealed secret to its row: copied onto another row it no longer opens.
 *
 * <p>Format: {@code v1:} + base64 of (12-byte nonce | ciphertext | 16-byte tag). A fresh random
 * nonce per seal; with a 96-bit nonce that is safe far past the number of keys a platform issues.
 */
public final class SecretBox {
  public static final int MASTER_KEY_BYTES = 32;
  static final String VERSION = "v1:";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public SecretBox(byte[] masterKey) {
    if (masterKey == null || masterKey.length != MASTER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the master key is " + MASTER_KEY_BYTES + " bytes (base64 of 32 random bytes)");
    }
    key = new SecretKeySpec(masterKey.clone(), "AES");
  }

  /** A master key from its base64 text; a clear message for anything else. */
  public static byte[] decodeMasterKey(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException notBase64) {
      throw new IllegalArgumentException("the master key is not base64", notBase64);
    }
    if (bytes.length != MASTER_KEY_BYTES) {
      throw new IllegalArgumentException(
          "the master key is base64 of "
              + MASTER_KEY_BYTES
              + " bytes (openssl rand -base64 32), not of "
              + bytes.length);
    }
    return bytes;
  }

  public static byte[] newMasterKey() {
    byte[] bytes = new byte[MASTER_KEY_BYTES];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  public String seal(byte[] plaintext, String associatedData) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(plaintext);
      ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + sealed.length);
      out.put(nonce).put(sealed);
      return VERSION + Base64.getEncoder().encodeToString(out.array());
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has AES-GCM", impossible);
    }
  }

  /**
   * The plaintext; fails when the text was not sealed by this master key for this associated data
   * (a wrong master key, a tampered row, a row copied elsewhere).
   */
  public byte[] open(String sealedText, String associatedData) {
    if (sealedText == null || !sealedText.startsWith(VERSION)) {
      throw new IllegalStateException("not a sealed secret");
    }
    byte[] all = Base64.getDecoder().decode(sealedText.substring(VERSION.length()));
    if (all.length <= NONCE_BYTES) throw new IllegalStateException("sealed secret too short");
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          key,
          new GCMParameterSpec(TAG_BITS, Arrays.copyOfRange(all, 0, NONCE_BYTES)));
      cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES);
    } catch (GeneralSecurityException wrongKeyOrTampered) {
      throw new IllegalStateException(
          "the sealed secret does not open: another master key, or the row was altered",
          wrongKeyOrTampered);
    }
  }
}

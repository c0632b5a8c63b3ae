package io.harbourpay.platform.webhooks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing secrets at rest: AES-256-GCM under the platform's webhook key, a fresh 12-byte nonce per
 * secret, the endpoint id as associated data (a sealed secret copied onto another endpoint's row
 * does not open). Stored as base64(nonce ‖ ciphertext ‖ tag).
 */
final class SecretBox {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  SecretBox(byte[] key) {
    this.key = new SecretKeySpec(key.clone(), "AES");
  }

  String seal(long endpointId, String secret) {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad(endpointId));
      byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder()
          .encodeToString(
              ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("AES-GCM unavailable", impossible);
    }
  }

  String open(long endpointId, String sealedText) {
    byte[] sealed = Base64.getDecoder().decode(sealedText);
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(aad(endpointId));
      byte[] plain = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException wrongKey) {
      throw new IllegalStateException(
          "webhook endpoint " + endpointId + ": signing secret does not open with this key");
    }
  }

  private static byte[] aad(long endpointId) {
    return ByteBuffer.allocate(Long.BYTES).putLong(endpointId).array();
  }
}

package io.harbourpay.platform.merchants;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signing recipe, shared by the server's verifier and by clients (tests, the docs' example):
 *
 * <pre>
 * canonical = METHOD \n PATH \n QUERY \n t \n nonce \n hex(SHA-256(body))
 * v1        = hex(HMAC-SHA256(key = UTF-8 bytes of the secret, canonical))
 * header    = HarbourPay-Signature: key_id=mk_…,t=&lt;unix seconds&gt;,nonce=&lt;random&gt;,v1=&lt;hex&gt;
 * </pre>
 *
 * METHOD is upper case; PATH and QUERY are exactly as on the request line (QUERY without the {@code
 * ?}, empty when there is none).
 */
public final class MerchantSigner {
  public static final String HEADER = "HarbourPay-Signature";
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private final String keyId;
  private final byte[] secret;

  public MerchantSigner(String keyId, String secret) {
    this.keyId = keyId;
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** The header value for a request at {@code epochSeconds} with a new random nonce. */
  public String sign(String method, String path, String query, byte[] body, long epochSeconds) {
    return sign(method, path, query, body, epochSeconds, newNonce());
  }

  public String sign(
      String method, String path, String query, byte[] body, long epochSeconds, String nonce) {
    String canonical = canonical(method, path, query, epochSeconds, nonce, body);
    return "key_id="
        + keyId
        + ",t="
        + epochSeconds
        + ",nonce="
        + nonce
        + ",v1="
        + HEX.formatHex(hmac(secret, canonical));
  }

  /** 24 random bytes, base64url: 32 characters. */
  public static String newNonce() {
    byte[] bytes = new byte[24];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static String canonical(
      String method, String path, String query, long epochSeconds, String nonce, byte[] body) {
    return method.toUpperCase(Locale.ROOT)
        + "\n"
        + path
        + "\n"
        + (query == null ? "" : query)
        + "\n"
        + epochSeconds
        + "\n"
        + nonce
        + "\n"
        + sha256Hex(body == null ? new byte[0] : body);
  }

  static byte[] hmac(byte[] secret, String canonical) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  static String sha256Hex(byte[] body) {
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}

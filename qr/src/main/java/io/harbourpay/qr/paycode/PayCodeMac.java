package io.harbourpay.qr.paycode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The check digits: HMAC-SHA256 over a domain label, the device id and the full time step. */
final class PayCodeMac {
  private static final String ALGORITHM = "HmacSHA256";

  /** Separates pay-code MACs from any other use of the device secret. */
  private static final byte[] DOMAIN = "HarbourPay pay code v1".getBytes(StandardCharsets.US_ASCII);

  private PayCodeMac() {}

  static String checkDigits(DeviceSecret secret, long deviceId, long timeStep) {
    byte[] mac;
    try {
      Mac hmac = Mac.getInstance(ALGORITHM);
      hmac.init(new SecretKeySpec(secret.key(), ALGORITHM));
      hmac.update(DOMAIN);
      hmac.update(ByteBuffer.allocate(2 * Long.BYTES).putLong(deviceId).putLong(timeStep).array());
      mac = hmac.doFinal();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every Java runtime provides " + ALGORITHM, e);
    }
    // 64 bits reduced modulo 10^7: the bias is below 10^-12, unlike RFC 4226's 31 bits.
    long truncated = ByteBuffer.wrap(mac, 0, Long.BYTES).getLong();
    long check = Long.remainderUnsigned(truncated, PayCodeFormat.CHECK_MODULUS);
    String digits = Long.toString(check);
    return "0".repeat(PayCodeFormat.CHECK_DIGITS - digits.length()) + digits;
  }
}

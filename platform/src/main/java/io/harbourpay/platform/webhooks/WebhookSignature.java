package io.harbourpay.platform.webhooks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code HarbourPay-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>}, the MAC
 * keyed with the endpoint's signing secret ({@code whsec_…}, the whole string, as UTF-8) over
 * {@code t + "." + body} where body is the raw request body. Merchants verify with {@link #verify};
 * docs/webhooks.md has the recipe and a worked example.
 */
public final class WebhookSignature {
  public static final String HEADER = "HarbourPay-Signature";
  public static final String EVENT_ID_HEADER = "HarbourPay-Event-Id";

  /** The tolerance merchants should use: a replay older than this is refused. */
  public static final Duration TOLERANCE_DEFAULT = Duration.ofSeconds(300);

  /** A header longer than this is not ours; parsing stops before doing work on it. */
  static final int HEADER_CHARS_MAX = 1_024;

  private WebhookSignature() {}

  /** What {@link #verify} found. */
  public enum Verification {
    VALID,
    /** Missing header, no {@code t=}, or no {@code v1=}. */
    MALFORMED,
    /** The timestamp is further from now than the tolerance (a replay, or a skewed clock). */
    STALE,
    /** No v1 signature matches: wrong secret, or the body was changed. */
    MISMATCH;

    public boolean valid() {
      return this == VALID;
    }
  }

  /** The header value for {@code body} signed at {@code timestampSeconds}. */
  public static String header(String secret, long timestampSeconds, String body) {
    return "t=" + timestampSeconds + ",v1=" + hex(secret, timestampSeconds, body);
  }

  /** {@code hex(HMAC-SHA256(secret, t + "." + body))}. */
  public static String hex(String secret, long timestampSeconds, String body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  /**
   * Checks a received webhook. Accepts the header if its timestamp is within {@code tolerance} of
   * {@code now} and any of its {@code v1} values (there can be several while a secret is rolled) is
   * the MAC of the raw body; compares in constant time.
   */
  public static Verification verify(
      String secret, String header, String body, Instant now, Duration tolerance) {
    if (header == null || header.length() > HEADER_CHARS_MAX || body == null) {
      return Verification.MALFORMED;
    }
    long timestamp = -1;
    boolean anySignature = false;
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("t=")) {
        try {
          timestamp = Long.parseLong(item.substring(2));
        } catch (NumberFormatException malformed) {
          return Verification.MALFORMED;
        }
      } else if (item.startsWith("v1=")) {
        anySignature = true;
      }
    }
    if (timestamp < 0 || !anySignature) return Verification.MALFORMED;
    if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
      return Verification.STALE;
    }
    byte[] expected = hex(secret, timestamp, body).getBytes(StandardCharsets.US_ASCII);
    boolean match = false;
    for (String part : header.split(",")) {
      String item = part.strip();
      if (item.startsWith("v1=")) {
        match |=
            MessageDigest.isEqual(expected, item.substring(3).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return match ? Verification.VALID : Verification.MISMATCH;
  }
}

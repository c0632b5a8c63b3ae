package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.platform.webhooks.WebhookSignature.Verification;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The verification recipe, including the worked example printed in docs/webhooks.md. */
class WebhookSignatureTest {
  static final String SECRET = "whsec_test_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH";
  static final long T = 1_767_225_600L; // 2026-01-01T00:00:00Z
  static final String BODY =
      "{\"id\":\"evt_0000000000001\",\"type\":\"payment.succeeded\",\"created\":1767225600,"
          + "\"data\":{\"payment\":\"pay_1\",\"amount\":2500,\"currency\":\"HKD\"}}";
  static final String DOCUMENTED_HEX =
      "4a3d26305c141fbe711654e674af95088e25d3f3a244aee4550df0024659564c";
  private static final Duration TOLERANCE = WebhookSignature.TOLERANCE_DEFAULT;

  @Test
  void theWorkedExampleOfTheDocs() {
    String header = WebhookSignature.header(SECRET, T, BODY);
    assertThat(header).isEqualTo("t=" + T + ",v1=" + DOCUMENTED_HEX);
    assertThat(
            WebhookSignature.verify(SECRET, header, BODY, Instant.ofEpochSecond(T + 5), TOLERANCE))
        .isEqualTo(Verification.VALID);
  }

  @Test
  void staleTamperedWrongSecretAndMalformedAreRefused() {
    String header = WebhookSignature.header(SECRET, T, BODY);
    Instant now = Instant.ofEpochSecond(T);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, now.plusSeconds(300), TOLERANCE))
        .isEqualTo(Verification.VALID);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, now.plusSeconds(301), TOLERANCE))
        .isEqualTo(Verification.STALE);
    assertThat(WebhookSignature.verify(SECRET, header, BODY, now.minusSeconds(301), TOLERANCE))
        .isEqualTo(Verification.STALE);
    assertThat(
            WebhookSignature.verify(SECRET, header, BODY.replace("2500", "25000"), now, TOLERANCE))
        .isEqualTo(Verification.MISMATCH);
    assertThat(WebhookSignature.verify("whsec_other", header, BODY, now, TOLERANCE))
        .isEqualTo(Verification.MISMATCH);
    String replayedWithNewTime = header.replace("t=" + T, "t=" + (T + 60));
    assertThat(WebhookSignature.verify(SECRET, replayedWithNewTime, BODY, now, TOLERANCE))
        .isEqualTo(Verification.MISMATCH);
    assertThat(WebhookSignature.verify(SECRET, null, BODY, now, TOLERANCE))
        .isEqualTo(Verification.MALFORMED);
    assertThat(WebhookSignature.verify(SECRET, "v1=abc", BODY, now, TOLERANCE))
        .isEqualTo(Verification.MALFORMED);
    assertThat(WebhookSignature.verify(SECRET, "t=x,v1=abc", BODY, now, TOLERANCE))
        .isEqualTo(Verification.MALFORMED);
    assertThat(WebhookSignature.verify(SECRET, "t=" + T, BODY, now, TOLERANCE))
        .isEqualTo(Verification.MALFORMED);
    // While a secret is rolled, a header may carry several v1 values: any match is enough.
    String rolled =
        "t=" + T + ",v1=" + "0".repeat(64) + "," + header.substring(header.indexOf("v1="));
    assertThat(WebhookSignature.verify(SECRET, rolled, BODY, now, TOLERANCE))
        .isEqualTo(Verification.VALID);
  }
}

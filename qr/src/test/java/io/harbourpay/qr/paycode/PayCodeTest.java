package io.harbourpay.qr.paycode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.qr.paycode.PayCodeVerification.Invalid;
import io.harbourpay.qr.paycode.PayCodeVerification.Reason;
import io.harbourpay.qr.paycode.PayCodeVerification.Valid;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PayCodeTest {
  static final long DEVICE_ID = 4_201_337L;
  static final DeviceSecret SECRET =
      DeviceSecret.fromHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
  static final Instant SYNCED = Instant.parse("2026-01-31T09:00:00Z");
  static final DeviceKey KEY = DeviceKey.leased(DEVICE_ID, SECRET, SYNCED);
  static final DeviceSecrets SECRETS = id -> id == DEVICE_ID ? Optional.of(KEY) : Optional.empty();

  static PayCodeVerifier verifierAt(Instant now) {
    return new PayCodeVerifier(SECRETS, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void aCodeHasTheDocumentedLayout() {
    Instant now = SYNCED.plusSeconds(30);
    String code = PayCodeGenerator.codeAt(KEY, now);
    assertThat(code).hasSize(18).startsWith("88").containsOnlyDigits();
    assertThat(code.substring(2, 10)).isEqualTo("04201337");
    assertThat(code.charAt(10) - '0').isEqualTo((int) (PayCodeFormat.timeStepOf(now) % 10));
  }

  @Test
  void theCodeChangesEveryMinuteAndIsValidInItsWindow() {
    Instant shown = SYNCED.plus(Duration.ofHours(5));
    String code = PayCodeGenerator.codeAt(KEY, shown);
    long step = PayCodeFormat.timeStepOf(shown);
    assertThat(PayCodeGenerator.codeAt(KEY, shown.plusSeconds(60))).isNotEqualTo(code);

    for (int stepsLater = -PayCodeFormat.STEPS_ACCEPTED_FUTURE;
        stepsLater <= PayCodeFormat.STEPS_ACCEPTED_PAST;
        stepsLater++) {
      assertThat(verifierAt(shown.plusSeconds(60L * stepsLater)).verify(code))
          .isEqualTo(new Valid(DEVICE_ID, step));
    }
    assertThat(
            verifierAt(shown.plusSeconds(60L * (PayCodeFormat.STEPS_ACCEPTED_PAST + 1)))
                .verify(code))
        .isEqualTo(new Invalid(Reason.EXPIRED));
    assertThat(
            verifierAt(shown.minusSeconds(60L * (PayCodeFormat.STEPS_ACCEPTED_FUTURE + 1)))
                .verify(code))
        .isEqualTo(new Invalid(Reason.NOT_YET_VALID));
  }

  @Test
  void anOldGenuineCodeIsExpiredForAnHourThenJustWrong() {
    Instant shown = SYNCED.plus(Duration.ofHours(1));
    String code = PayCodeGenerator.codeAt(KEY, shown);
    assertThat(verifierAt(shown.plus(Duration.ofMinutes(10))).verify(code))
        .isEqualTo(new Invalid(Reason.EXPIRED));
    assertThat(verifierAt(shown.plus(Duration.ofMinutes(57))).verify(code))
        .isEqualTo(new Invalid(Reason.EXPIRED));
    assertThat(verifierAt(shown.plus(Duration.ofHours(2))).verify(code))
        .isEqualTo(new Invalid(Reason.BAD_CHECK));
  }

  @Test
  void eachReasonIsPrecise() {
    Instant now = SYNCED.plusSeconds(600);
    String code = PayCodeGenerator.codeAt(KEY, now);
    PayCodeVerifier verifier = verifierAt(now);
    char last = code.charAt(17);
    String badCheck = code.substring(0, 17) + (last == '9' ? '0' : (char) (last + 1));
    String otherDevice = code.substring(0, 2) + "00000001" + code.substring(10);

    assertThat(verifier.verify(badCheck)).isEqualTo(new Invalid(Reason.BAD_CHECK));
    assertThat(verifier.verify(otherDevice)).isEqualTo(new Invalid(Reason.UNKNOWN_DEVICE));
    assertThat(verifier.verify("28" + code.substring(2)))
        .isEqualTo(new Invalid(Reason.UNKNOWN_PREFIX));
    assertThat(verifier.verify("134567890123456789")).isEqualTo(new Invalid(Reason.UNKNOWN_PREFIX));
    assertThat(verifier.verify("88123")).isEqualTo(new Invalid(Reason.MALFORMED));
    assertThat(verifier.verify("88x" + code.substring(3))).isEqualTo(new Invalid(Reason.MALFORMED));
    assertThat(verifier.verify(null)).isEqualTo(new Invalid(Reason.MALFORMED));
    assertThat(verifier.verify("")).isEqualTo(new Invalid(Reason.MALFORMED));
  }

  @Test
  void theOfflineLeaseBoundsCodeGeneration() {
    Instant afterLease = SYNCED.plus(PayCodeFormat.OFFLINE_LEASE).plusSeconds(1);
    assertThatThrownBy(() -> PayCodeGenerator.codeAt(KEY, afterLease))
        .isInstanceOf(IllegalStateException.class);
    String forged =
        PayCodeGenerator.codeForStep(DEVICE_ID, SECRET, PayCodeFormat.timeStepOf(afterLease));
    assertThat(verifierAt(afterLease).verify(forged)).isEqualTo(new Invalid(Reason.LEASE_EXPIRED));
  }

  @Test
  void secretsAreRandomAndNeverPrinted() {
    DeviceSecret first = DeviceSecret.generate(new SecureRandom());
    DeviceSecret second = DeviceSecret.generate(new SecureRandom());
    assertThat(first).isNotEqualTo(second);
    assertThat(DeviceSecret.fromHex(first.toHex())).isEqualTo(first);
    assertThat(first.toString()).doesNotContain(first.toHex());
  }
}

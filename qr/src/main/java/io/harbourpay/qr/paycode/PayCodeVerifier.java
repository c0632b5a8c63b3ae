package io.harbourpay.qr.paycode;

import io.harbourpay.qr.paycode.PayCodeVerification.Invalid;
import io.harbourpay.qr.paycode.PayCodeVerification.Reason;
import io.harbourpay.qr.paycode.PayCodeVerification.Valid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a scanned pay code with nothing but the device's key and the clock. It does not enforce
 * single use: the platform records each (device, step) it charges, and refuses a second. It never
 * throws on any input.
 */
public final class PayCodeVerifier {
  /** The step digit names one step in the ten around now: five back, four ahead. */
  private static final int STEPS_BACK_RESOLVED = PayCodeFormat.STEP_MODULUS / 2;

  private final DeviceSecrets secrets;
  private final Clock clock;

  public PayCodeVerifier(DeviceSecrets secrets, Clock clock) {
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public PayCodeVerification verify(String code) {
    if (code == null || code.length() != PayCodeFormat.LENGTH || !isDigits(code)) {
      return code != null && isDigits(code) && !PayCodeFormat.hasHarbourPayPrefix(code)
          ? new Invalid(Reason.UNKNOWN_PREFIX)
          : new Invalid(Reason.MALFORMED);
    }
    if (!PayCodeFormat.hasHarbourPayPrefix(code)) {
      return new Invalid(Reason.UNKNOWN_PREFIX);
    }
    int deviceStart = PayCodeFormat.PREFIX.length();
    int stepStart = deviceStart + PayCodeFormat.DEVICE_ID_DIGITS;
    int checkStart = stepStart + PayCodeFormat.STEP_DIGITS;
    long deviceId = Long.parseLong(code.substring(deviceStart, stepStart));
    int stepDigit = code.charAt(stepStart) - '0';

    Optional<DeviceKey> found = secrets.find(deviceId);
    if (found.isEmpty() || found.get().deviceId() != deviceId) {
      return new Invalid(Reason.UNKNOWN_DEVICE);
    }
    DeviceKey key = found.get();

    long now = PayCodeFormat.timeStepOf(clock.instant());
    long earliest = now - STEPS_BACK_RESOLVED;
    long timeStep = earliest + Math.floorMod(stepDigit - earliest, PayCodeFormat.STEP_MODULUS);

    byte[] presented = code.substring(checkStart).getBytes(StandardCharsets.US_ASCII);
    if (!checks(key, timeStep, presented)) {
      // The step digit repeats every ten steps: a genuine code from an earlier round of ten
      // would otherwise read as a bad check, and the customer would not know to refresh.
      for (long older = timeStep - PayCodeFormat.STEP_MODULUS;
          older >= now - PayCodeFormat.EXPIRED_LOOKBACK_STEPS;
          older -= PayCodeFormat.STEP_MODULUS) {
        if (checks(key, older, presented)) {
          return new Invalid(Reason.EXPIRED);
        }
      }
      return new Invalid(Reason.BAD_CHECK);
    }
    if (timeStep < now - PayCodeFormat.STEPS_ACCEPTED_PAST) {
      return new Invalid(Reason.EXPIRED);
    }
    if (timeStep > now + PayCodeFormat.STEPS_ACCEPTED_FUTURE) {
      return new Invalid(Reason.NOT_YET_VALID);
    }
    if (!PayCodeFormat.startOf(timeStep).isBefore(key.offlineUntil())) {
      return new Invalid(Reason.LEASE_EXPIRED);
    }
    return new Valid(deviceId, timeStep);
  }

  /** Constant-time comparison: the time taken tells an attacker nothing about the digits. */
  private static boolean checks(DeviceKey key, long timeStep, byte[] presented) {
    byte[] expected =
        PayCodeMac.checkDigits(key.secret(), key.deviceId(), timeStep)
            .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, presented);
  }

  private static boolean isDigits(String text) {
    return !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}

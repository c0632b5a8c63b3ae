package io.harbourpay.qr.paycode;

import java.time.Duration;
import java.time.Instant;

/**
 * The layout and time rules of a HarbourPay pay code: 18 digits,
 *
 * <pre>
 *   88 | DDDDDDDD  | S | CCCCCCC
 *   prefix  device id  step  check
 * </pre>
 *
 * where S is the time step modulo 10 and C is HMAC-SHA256(device secret, device id, full time step)
 * truncated to seven decimal digits. The reasoning behind each number is in docs/paycode.md.
 */
public final class PayCodeFormat {
  /**
   * Tills route a scanned code by its first digits: WeChat Pay uses 10–15, Alipay 25–30, UnionPay
   * 62. HarbourPay's 88 collides with none of them.
   */
  public static final String PREFIX = "88";

  public static final int LENGTH = 18;
  public static final int DEVICE_ID_DIGITS = 8;
  public static final int STEP_DIGITS = 1;
  public static final int CHECK_DIGITS = 7;
  public static final long DEVICE_ID_MAX = 99_999_999L;

  /** A new code every minute. */
  public static final long TIME_STEP_SECONDS = 60;

  /**
   * A code is accepted for the step it was made in and two more: time to hold the phone to the
   * scanner, and a till whose clock is a little behind.
   */
  public static final int STEPS_ACCEPTED_PAST = 2;

  /** A wallet whose clock runs up to one step ahead is still accepted. */
  public static final int STEPS_ACCEPTED_FUTURE = 1;

  /**
   * How far back a refused code is still recognised as genuine, to answer EXPIRED rather than
   * BAD_CHECK: an hour, at most six extra HMACs per refused code.
   */
  public static final int EXPIRED_LOOKBACK_STEPS = 60;

  /** How long a device shows codes without syncing: a long weekend without signal. */
  public static final Duration OFFLINE_LEASE = Duration.ofHours(72);

  static final int STEP_MODULUS = 10;
  static final long CHECK_MODULUS = 10_000_000L;

  static {
    // The step digit identifies a step only while the acceptance window is narrower than ten.
    if (STEPS_ACCEPTED_PAST + STEPS_ACCEPTED_FUTURE + 1 > STEP_MODULUS
        || PREFIX.length() + DEVICE_ID_DIGITS + STEP_DIGITS + CHECK_DIGITS != LENGTH) {
      throw new ExceptionInInitializerError("pay code layout does not add up");
    }
  }

  private PayCodeFormat() {}

  /** The time step an instant falls in. */
  public static long timeStepOf(Instant instant) {
    return Math.floorDiv(instant.getEpochSecond(), TIME_STEP_SECONDS);
  }

  /** The instant a time step starts. */
  public static Instant startOf(long timeStep) {
    return Instant.ofEpochSecond(Math.multiplyExact(timeStep, TIME_STEP_SECONDS));
  }

  /** Whether a till should hand this scanned text to HarbourPay at all. */
  public static boolean hasHarbourPayPrefix(String scanned) {
    return scanned != null && scanned.startsWith(PREFIX);
  }
}

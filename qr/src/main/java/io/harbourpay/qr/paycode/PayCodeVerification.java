package io.harbourpay.qr.paycode;

/** What a till learns from a scanned pay code. */
public sealed interface PayCodeVerification {
  /** The code is genuine and current: charge the device's wallet, once. */
  record Valid(long deviceId, long timeStep) implements PayCodeVerification {}

  /** The code must not be charged, and why. */
  record Invalid(Reason reason) implements PayCodeVerification {}

  /** Why a code was refused; the names are stable for logs and the API. */
  enum Reason {
    /** Not a HarbourPay code: another wallet's, to be routed elsewhere. */
    UNKNOWN_PREFIX,
    /** Not 18 digits. */
    MALFORMED,
    /** No device with this id holds a key. */
    UNKNOWN_DEVICE,
    /** The check digits are wrong: mistyped, or guessed. */
    BAD_CHECK,
    /** Genuine, but shown too long ago. */
    EXPIRED,
    /** Genuine, but for a step too far ahead of the till's clock. */
    NOT_YET_VALID,
    /** Genuine, but made after the device's offline lease ended. */
    LEASE_EXPIRED
  }
}

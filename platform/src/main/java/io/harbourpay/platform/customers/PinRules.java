package io.harbourpay.platform.customers;

import io.harbourpay.platform.PlatformException;

/**
 * What a payment PIN may be: 6 digits, not one a stranger would try first. Refused: fewer than 3
 * different digits (000000, 112112), runs up or down (123456, 654321), repeats of 2 or 3 digits
 * (121212, 123123), and the last 6 digits of the customer's own phone number.
 */
final class PinRules {
  static final int PIN_DIGITS = 6;
  static final int DISTINCT_DIGITS_MIN = 3;

  private PinRules() {}

  /** Throws INVALID_REQUEST ({@code pin_malformed}) unless {@code pin} is 6 ASCII digits. */
  static void requireWellFormed(String param, String pin) {
    if (pin == null
        || pin.length() != PIN_DIGITS
        || !pin.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw PlatformException.invalid(
          param, "pin_malformed", "A payment PIN is " + PIN_DIGITS + " digits");
    }
  }

  /** Throws INVALID_REQUEST ({@code pin_too_simple}) for a guessable PIN. */
  static void requireStrong(String pin, String phone) {
    requireWellFormed("pin", pin);
    String reason = weakness(pin, phone);
    if (reason != null) {
      throw PlatformException.invalid(
          "pin", "pin_too_simple", "Choose a PIN that is harder to guess: " + reason);
    }
  }

  /** Why {@code pin} is too simple, or {@code null}. */
  static String weakness(String pin, String phone) {
    if (pin.chars().distinct().count() < DISTINCT_DIGITS_MIN) {
      return "it uses fewer than " + DISTINCT_DIGITS_MIN + " different digits";
    }
    if (isRun(pin, 1) || isRun(pin, -1)) {
      return "its digits run in sequence";
    }
    if (hasPeriod(pin, 2) || hasPeriod(pin, 3)) {
      return "it repeats a short pattern";
    }
    if (phone != null && phone.endsWith(pin)) {
      return "it is the end of your phone number";
    }
    return null;
  }

  private static boolean isRun(String pin, int step) {
    for (int index = 1; index < pin.length(); index++) {
      if (pin.charAt(index) - pin.charAt(index - 1) != step) return false;
    }
    return true;
  }

  private static boolean hasPeriod(String pin, int period) {
    for (int index = period; index < pin.length(); index++) {
      if (pin.charAt(index) != pin.charAt(index - period)) return false;
    }
    return true;
  }
}

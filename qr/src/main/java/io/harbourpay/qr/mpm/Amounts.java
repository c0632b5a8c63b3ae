package io.harbourpay.qr.mpm;

import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Exact conversion between the decimal strings of data objects 54 and 56 and minor units. Money
 * never passes through a double: "23.72" with two fraction digits is 2372, exactly.
 */
public final class Amounts {
  /** Data object 54's maximum length, which bounds the work any conversion does. */
  public static final int AMOUNT_LENGTH_MAX = 13;

  private static final Map<String, Integer> FRACTION_DIGITS_BY_NUMERIC_CODE = fractionDigits();

  private Amounts() {}

  /**
   * Whether {@code value} is an amount as EMVCo writes it: digits with at most one ".", at least
   * one digit ("98." is valid, "98,73" is not).
   */
  public static boolean isDecimal(String value) {
    int dots = 0;
    int digits = 0;
    for (int index = 0; index < value.length(); index++) {
      char c = value.charAt(index);
      if (c == '.') {
        dots++;
      } else if (c >= '0' && c <= '9') {
        digits++;
      } else {
        return false;
      }
    }
    return dots <= 1 && digits >= 1;
  }

  /** Whether a valid decimal string is zero ("0", "0.00", "."-free or not). */
  public static boolean isZero(String decimal) {
    return decimal.chars().allMatch(c -> c == '0' || c == '.');
  }

  /**
   * The amount in minor units, exactly.
   *
   * @throws ArithmeticException if the amount has more non-zero fraction digits than the currency,
   *     or does not fit a long
   * @throws IllegalArgumentException if {@code decimal} is not a decimal amount
   */
  public static long toMinorUnits(String decimal, int fractionDigits) {
    if (!isDecimal(decimal) || decimal.length() > AMOUNT_LENGTH_MAX * 2) {
      throw new IllegalArgumentException("not a decimal amount: " + decimal);
    }
    if (fractionDigits < 0 || fractionDigits > 9) {
      throw new IllegalArgumentException("fraction digits must be 0 to 9: " + fractionDigits);
    }
    int dot = decimal.indexOf('.');
    String whole = dot < 0 ? decimal : decimal.substring(0, dot);
    String fraction = dot < 0 ? "" : decimal.substring(dot + 1);
    long minor = 0;
    for (int index = 0; index < whole.length(); index++) {
      minor = Math.addExact(Math.multiplyExact(minor, 10), whole.charAt(index) - '0');
    }
    for (int index = 0; index < fractionDigits; index++) {
      int digit = index < fraction.length() ? fraction.charAt(index) - '0' : 0;
      minor = Math.addExact(Math.multiplyExact(minor, 10), digit);
    }
    for (int index = fractionDigits; index < fraction.length(); index++) {
      if (fraction.charAt(index) != '0') {
        throw new ArithmeticException(
            decimal + " has more than " + fractionDigits + " fraction digits");
      }
    }
    return minor;
  }

  /** The decimal string for an amount in minor units: 2372 with two digits is "23.72". */
  public static String fromMinorUnits(long amountMinor, int fractionDigits) {
    if (amountMinor < 0) {
      throw new IllegalArgumentException("amount must not be negative: " + amountMinor);
    }
    if (fractionDigits < 0 || fractionDigits > 9) {
      throw new IllegalArgumentException("fraction digits must be 0 to 9: " + fractionDigits);
    }
    String digits = Long.toString(amountMinor);
    if (fractionDigits == 0) {
      return digits;
    }
    String padded = "0".repeat(Math.max(0, fractionDigits + 1 - digits.length())) + digits;
    int split = padded.length() - fractionDigits;
    return padded.substring(0, split) + "." + padded.substring(split);
  }

  /** The currency's minor-unit digits for an ISO 4217 numeric code: "344" (HKD) gives 2. */
  public static OptionalInt fractionDigitsOf(String numericCode) {
    Integer digits = FRACTION_DIGITS_BY_NUMERIC_CODE.get(numericCode);
    return digits == null ? OptionalInt.empty() : OptionalInt.of(digits);
  }

  private static Map<String, Integer> fractionDigits() {
    Map<String, Integer> byCode = new HashMap<>();
    for (Currency currency : Currency.getAvailableCurrencies()) {
      int digits = currency.getDefaultFractionDigits();
      if (digits >= 0 && currency.getNumericCode() > 0) {
        byCode.putIfAbsent(currency.getNumericCodeAsString(), digits);
      }
    }
    return Map.copyOf(byCode);
  }
}

package io.harbourpay.platform.customers;

import io.harbourpay.platform.PlatformException;

/**
 * Mobile numbers of the regions the wallet serves, normalized to E.164 ({@code +85291234567}).
 *
 * <ul>
 *   <li>Hong Kong {@code +852}: 8 digits starting 4–9 (mobile ranges; 2 and 3 are fixed lines).
 *   <li>Mainland China {@code +86}: 11 digits starting 13–19 (every mobile range; 10–12 are not
 *       allocated to mobiles).
 *   <li>Macau {@code +853}: 8 digits starting 6.
 * </ul>
 *
 * Accepted spellings: spaces, hyphens, dots and parentheses are ignored; {@code 00} may stand for
 * {@code +}; a number without a country code is Hong Kong when it has 8 digits and the mainland
 * when it has 11 digits starting 1 (a visitor typing the number as printed at home).
 */
public final class PhoneNumbers {
  /** Longer input is refused before any parsing (E.164 is at most 16 characters with the +). */
  static final int INPUT_LENGTH_MAX = 32;

  public static final String HONG_KONG = "852";
  public static final String MAINLAND = "86";
  public static final String MACAU = "853";

  private PhoneNumbers() {}

  /**
   * The E.164 form of {@code raw}, or {@link PlatformException} {@code invalid("phone",
   * "phone_invalid", …)} saying what is wrong.
   */
  public static String normalize(String raw) {
    if (raw == null || raw.isBlank()) {
      throw invalid("A mobile number is required");
    }
    if (raw.length() > INPUT_LENGTH_MAX) {
      throw invalid("That is too long for a mobile number");
    }
    StringBuilder digits = new StringBuilder(INPUT_LENGTH_MAX);
    boolean plus = false;
    for (int index = 0; index < raw.length(); index++) {
      char c = raw.charAt(index);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.isEmpty() && !plus) {
        plus = true;
      } else if (c != ' ' && c != '-' && c != '.' && c != '(' && c != ')') {
        throw invalid("A mobile number has only digits, spaces, hyphens and a leading +");
      }
    }
    String number = digits.toString();
    if (!plus && number.startsWith("00")) {
      plus = true;
      number = number.substring(2);
    }
    if (!plus) {
      if (number.length() == 8) return hongKong(number);
      if (number.length() == 11 && number.startsWith("1")) return mainland(number);
      plus = true; // 852…, 853…, 86… written without the +
    }
    if (number.startsWith(HONG_KONG)) return hongKong(number.substring(HONG_KONG.length()));
    if (number.startsWith(MACAU)) return macau(number.substring(MACAU.length()));
    if (number.startsWith(MAINLAND)) return mainland(number.substring(MAINLAND.length()));
    throw invalid(
        "Only Hong Kong (+852), mainland China (+86) and Macau (+853) mobile numbers are supported");
  }

  /** Whether {@code raw} is a supported mobile number in any accepted spelling. */
  public static boolean isValid(String raw) {
    try {
      normalize(raw);
      return true;
    } catch (PlatformException invalid) {
      return false;
    }
  }

  private static String hongKong(String national) {
    if (national.length() != 8 || national.charAt(0) < '4') {
      throw invalid("A Hong Kong mobile number has 8 digits and starts with 4, 5, 6, 7, 8 or 9");
    }
    return "+" + HONG_KONG + national;
  }

  private static String mainland(String national) {
    if (national.length() != 11 || national.charAt(0) != '1' || national.charAt(1) < '3') {
      throw invalid("A mainland China mobile number has 11 digits and starts with 13 to 19");
    }
    return "+" + MAINLAND + national;
  }

  private static String macau(String national) {
    if (national.length() != 8 || national.charAt(0) != '6') {
      throw invalid("A Macau mobile number has 8 digits and starts with 6");
    }
    return "+" + MACAU + national;
  }

  private static PlatformException invalid(String message) {
    return PlatformException.invalid("phone", "phone_invalid", message);
  }
}

package io.harbourpay.platform.customers;

import io.harbourpay.platform.PlatformException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Validation, normalization and masking of identity-document numbers. */
final class Documents {
  static final int INPUT_LENGTH_MAX = 40;
  static final int VISIBLE_CHARACTERS = 4;
  static final int PASSPORT_LENGTH_MIN = 5;
  static final int PASSPORT_LENGTH_MAX = 20;

  private static final int[] MAINLAND_WEIGHTS = {
    7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
  };
  private static final String MAINLAND_CHECK = "10X98765432";

  private Documents() {}

  /**
   * The number in canonical form (upper case; spaces, hyphens and the brackets around an HKID check
   * digit removed), or INVALID_REQUEST naming {@code document_number}.
   */
  static String normalize(DocumentType type, String raw) {
    if (raw == null || raw.isBlank()) {
      throw invalid("document_number_required", "The document number is required");
    }
    if (raw.length() > INPUT_LENGTH_MAX) {
      throw invalid("document_number_invalid", "The document number is too long");
    }
    String number = raw.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-()]", "");
    switch (type) {
      case HKID -> {
        if (!number.matches("[A-Z]{1,2}[0-9]{6}[0-9A]")) {
          throw invalid(
              "document_number_invalid",
              "An HKID number is 1 or 2 letters, 6 digits and a check digit, e.g. A123456(3)");
        }
        if (!hkidCheckDigitValid(number)) {
          throw invalid("document_number_invalid", "The HKID check digit does not match");
        }
      }
      case MAINLAND_ID -> {
        if (!number.matches("[0-9]{17}[0-9X]")) {
          throw invalid(
              "document_number_invalid",
              "A mainland identity card number is 17 digits and a check digit (0-9 or X)");
        }
        if (!mainlandCheckValid(number)) {
          throw invalid(
              "document_number_invalid", "The mainland identity card check digit does not match");
        }
      }
      case MACAU_ID -> {
        if (!number.matches("[157][0-9]{7}")) {
          throw invalid(
              "document_number_invalid",
              "A Macau identity card number is 8 digits starting 1, 5 or 7, e.g. 1234567(8)");
        }
      }
      case PASSPORT -> {
        if (!number.matches("[A-Z0-9]{" + PASSPORT_LENGTH_MIN + "," + PASSPORT_LENGTH_MAX + "}")) {
          throw invalid(
              "document_number_invalid",
              "A passport number is "
                  + PASSPORT_LENGTH_MIN
                  + " to "
                  + PASSPORT_LENGTH_MAX
                  + " letters and digits");
        }
      }
    }
    return number;
  }

  /** The date of birth a mainland identity card number carries (digits 7–14), if it is one. */
  static LocalDate mainlandBirthDate(String number) {
    try {
      return LocalDate.parse(number.substring(6, 14), DateTimeFormatter.BASIC_ISO_DATE);
    } catch (DateTimeParseException notADate) {
      throw invalid(
          "document_number_invalid", "The mainland identity card number has no valid birth date");
    }
  }

  /** All but the last {@link #VISIBLE_CHARACTERS} characters replaced by {@code *}. */
  static String mask(String number) {
    if (number == null) return null;
    int hidden = Math.max(0, number.length() - VISIBLE_CHARACTERS);
    return "*".repeat(hidden) + number.substring(hidden);
  }

  /**
   * HKID: letters count A=10 … Z=35 and a missing second letter 36; weights 9 … 2 over the 8
   * characters before the check digit; the check digit (A for 10) makes the sum divisible by 11.
   */
  static boolean hkidCheckDigitValid(String number) {
    String body = number.length() == 8 ? " " + number : number;
    int sum = 0;
    for (int index = 0; index < 8; index++) {
      char c = body.charAt(index);
      int value = c == ' ' ? 36 : Character.isLetter(c) ? c - 'A' + 10 : c - '0';
      sum += value * (9 - index);
    }
    char check = body.charAt(8);
    sum += check == 'A' ? 10 : check - '0';
    return sum % 11 == 0;
  }

  /** GB 11643: ISO 7064 MOD 11-2 over the first 17 digits. */
  static boolean mainlandCheckValid(String number) {
    int sum = 0;
    for (int index = 0; index < 17; index++) {
      sum += (number.charAt(index) - '0') * MAINLAND_WEIGHTS[index];
    }
    return MAINLAND_CHECK.charAt(sum % 11) == number.charAt(17);
  }

  private static PlatformException invalid(String code, String message) {
    return PlatformException.invalid("document_number", code, message);
  }
}

package io.harbourpay.platform.merchants;

import io.harbourpay.platform.PlatformException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The checks on what operators and merchants enter. Each failure names the field (as the API spells
 * it) and a stable code: {@code <field>_required}, {@code <field>_too_long} or {@code
 * <field>_invalid}. Valid input comes back normalized (stripped, upper-case codes).
 */
public final class MerchantRules {
  public static final int LEGAL_NAME_LENGTH_MAX = 200;
  public static final int STORE_NAME_EN_LENGTH_MAX = 100;
  public static final int STORE_NAME_ZH_LENGTH_MAX = 50;
  public static final int ADDRESS_LENGTH_MAX = 200;
  public static final int DISTRICT_LENGTH_MAX = 50;
  public static final int TERMINAL_LABEL_LENGTH_MAX = 40;
  public static final int DISCOUNT_RATE_BPS_MAX = 10_000;
  public static final Set<String> SETTLEMENT_CURRENCIES = Set.of("HKD", "CNY", "MOP");

  private static final Pattern MCC = Pattern.compile("[0-9]{4}");
  private static final Pattern BANK_CODE = Pattern.compile("[0-9]{3}");
  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{6,20}");
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

  private MerchantRules() {}

  public static NewMerchant merchant(NewMerchant input) {
    return new NewMerchant(
        text("legal_name", input.legalName(), LEGAL_NAME_LENGTH_MAX),
        mcc(input.mcc()),
        country(input.country()),
        currency(input.settlementCurrency()),
        discountRateBps(input.discountRateBps()),
        bankCode(input.bankCode()),
        accountNumber(input.bankAccountNumber()),
        fpsId(input.fpsId()));
  }

  /**
   * An FPS identifier as HKICL's merchant QR takes it (template 26): an FPS ID of 7 or 9 digits, a
   * Hong Kong mobile number written {@code +852-} and its 8 digits (e.g. {@code +852-91234567}), or
   * an email address (at most 64 characters). Null or blank means none.
   */
  public static String fpsId(String fpsId) {
    if (fpsId == null || fpsId.isBlank()) return null;
    String value = fpsId.strip();
    if (FpsProxy.of(value).isEmpty()) {
      throw invalid(
          "fps_id",
          "fps_id is an FPS ID of 7 or 9 digits, a mobile number as +852- and 8 digits, or an email"
              + " address of at most "
              + FpsProxy.EMAIL_LENGTH_MAX
              + " characters");
    }
    return value;
  }

  public static NewStore store(NewStore input) {
    return new NewStore(
        text("name_en", input.nameEn(), STORE_NAME_EN_LENGTH_MAX),
        text("name_zh", input.nameZh(), STORE_NAME_ZH_LENGTH_MAX),
        text("address", input.address(), ADDRESS_LENGTH_MAX),
        text("district", input.district(), DISTRICT_LENGTH_MAX));
  }

  public static String terminalLabel(String label) {
    return text("label", label, TERMINAL_LABEL_LENGTH_MAX);
  }

  public static int discountRateBps(Integer bps) {
    if (bps == null) throw required("discount_rate_bps");
    if (bps < 0 || bps > DISCOUNT_RATE_BPS_MAX) {
      throw PlatformException.invalid(
          "discount_rate_bps",
          "discount_rate_bps_invalid",
          "discount_rate_bps is in basis points, 0 to " + DISCOUNT_RATE_BPS_MAX);
    }
    return bps;
  }

  static String mcc(String mcc) {
    String value = present("mcc", mcc);
    if (!MCC.matcher(value).matches()) {
      throw invalid("mcc", "mcc is a four-digit merchant category code (ISO 18245), e.g. 5411");
    }
    return value;
  }

  static String country(String country) {
    String value = present("country", country).toUpperCase(Locale.ROOT);
    if (value.length() != 2 || !COUNTRIES.contains(value)) {
      throw invalid("country", "country is an ISO 3166-1 alpha-2 code, e.g. HK");
    }
    return value;
  }

  static String currency(String currency) {
    String value = present("settlement_currency", currency).toUpperCase(Locale.ROOT);
    if (!SETTLEMENT_CURRENCIES.contains(value)) {
      throw invalid("settlement_currency", "settlement_currency is one of HKD, CNY, MOP");
    }
    return value;
  }

  static String bankCode(String bankCode) {
    String value = present("bank_code", bankCode);
    if (!BANK_CODE.matcher(value).matches()) {
      throw invalid("bank_code", "bank_code is the bank's three-digit code, e.g. 004");
    }
    return value;
  }

  static String accountNumber(String number) {
    String value = present("bank_account_number", number).replace("-", "").replace(" ", "");
    if (!ACCOUNT_NUMBER.matcher(value).matches()) {
      throw invalid("bank_account_number", "bank_account_number is 6 to 20 digits");
    }
    return value;
  }

  static String text(String field, String value, int lengthMax) {
    String stripped = present(field, value);
    if (stripped.length() > lengthMax) {
      throw PlatformException.invalid(
          field, field + "_too_long", field + " is at most " + lengthMax + " characters");
    }
    if (stripped.chars().anyMatch(Character::isISOControl)) {
      throw invalid(field, field + " must not contain control characters");
    }
    return stripped;
  }

  private static String present(String field, String value) {
    if (value == null || value.isBlank()) throw required(field);
    return value.strip();
  }

  private static PlatformException required(String field) {
    return PlatformException.invalid(field, field + "_required", field + " is required");
  }

  private static PlatformException invalid(String field, String message) {
    return PlatformException.invalid(field, field + "_invalid", message);
  }
}

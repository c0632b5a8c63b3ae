package io.harbourpay.qr.mpm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An EMVCo merchant-presented payload as a value. Every component that the payload may omit is null
 * when absent; an empty string is a zero-length data object, which only a lenient decode accepts.
 * {@code MpmDecoder.decode(MpmEncoder.encode(x))} gives back {@code x}.
 *
 * @param payloadFormatIndicator 00, "01" for this version of the specification
 * @param pointOfInitiation 01
 * @param primitiveAccounts 02–25: card schemes' merchant account numbers, by ID
 * @param merchantAccountTemplates 26–51: one template per scheme the merchant accepts
 * @param merchantCategoryCode 52, ISO 18245
 * @param transactionCurrency 53, ISO 4217 numeric ("344" HKD, "156" CNY, "446" MOP)
 * @param transactionAmount 54, a decimal string in major units ("23.72"); see {@link
 *     #transactionAmountMinor()}
 * @param tipOrConvenienceIndicator 55
 * @param convenienceFeeFixed 56, a decimal string like 54
 * @param convenienceFeePercentage 57, "00.01" to "99.99"
 * @param countryCode 58, ISO 3166-1 alpha-2
 * @param merchantName 59
 * @param merchantCity 60
 * @param postalCode 61
 * @param additionalData 62
 * @param alternateLanguage 64
 * @param reservedForFutureUse 65–79, kept as read
 * @param unreservedTemplates 80–99
 */
public record MerchantPresentedPayload(
    String payloadFormatIndicator,
    PointOfInitiation pointOfInitiation,
    SortedMap<String, String> primitiveAccounts,
    List<GuidTemplate> merchantAccountTemplates,
    String merchantCategoryCode,
    String transactionCurrency,
    String transactionAmount,
    TipOrConvenienceIndicator tipOrConvenienceIndicator,
    String convenienceFeeFixed,
    String convenienceFeePercentage,
    String countryCode,
    String merchantName,
    String merchantCity,
    String postalCode,
    AdditionalData additionalData,
    AlternateLanguage alternateLanguage,
    SortedMap<String, String> reservedForFutureUse,
    List<GuidTemplate> unreservedTemplates) {

  /** The payload format indicator of EMVCo MPM version 1. */
  public static final String FORMAT_VERSION_1 = "01";

  static final int PRIMITIVE_ACCOUNT_FIRST = 2;
  static final int PRIMITIVE_ACCOUNT_LAST = 25;
  static final int ACCOUNT_TEMPLATE_FIRST = 26;
  static final int ACCOUNT_TEMPLATE_LAST = 51;
  static final int RESERVED_FIRST = 65;
  static final int RESERVED_LAST = 79;
  static final int UNRESERVED_FIRST = 80;

  public MerchantPresentedPayload {
    Objects.requireNonNull(payloadFormatIndicator, "payloadFormatIndicator");
    primitiveAccounts =
        Ids.sortedFields(
            Objects.requireNonNull(primitiveAccounts),
            PRIMITIVE_ACCOUNT_FIRST,
            PRIMITIVE_ACCOUNT_LAST,
            "primitive merchant account");
    merchantAccountTemplates =
        Ids.sortedTemplates(
            Objects.requireNonNull(merchantAccountTemplates),
            ACCOUNT_TEMPLATE_FIRST,
            ACCOUNT_TEMPLATE_LAST,
            "merchant account template");
    reservedForFutureUse =
        Ids.sortedFields(
            Objects.requireNonNull(reservedForFutureUse),
            RESERVED_FIRST,
            RESERVED_LAST,
            "reserved data object");
    unreservedTemplates =
        Ids.sortedTemplates(
            Objects.requireNonNull(unreservedTemplates),
            UNRESERVED_FIRST,
            Ids.ID_MAX,
            "unreserved template");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this payload's values, to derive a changed copy. */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .payloadFormatIndicator(payloadFormatIndicator)
            .pointOfInitiation(pointOfInitiation)
            .merchantCategoryCode(merchantCategoryCode)
            .transactionCurrency(transactionCurrency)
            .transactionAmount(transactionAmount)
            .tipOrConvenienceIndicator(tipOrConvenienceIndicator)
            .convenienceFeeFixed(convenienceFeeFixed)
            .convenienceFeePercentage(convenienceFeePercentage)
            .countryCode(countryCode)
            .merchantName(merchantName)
            .merchantCity(merchantCity)
            .postalCode(postalCode)
            .additionalData(additionalData)
            .alternateLanguage(alternateLanguage);
    primitiveAccounts.forEach(builder::primitiveAccount);
    merchantAccountTemplates.forEach(builder::merchantAccount);
    reservedForFutureUse.forEach(builder::reservedForFutureUse);
    unreservedTemplates.forEach(builder::unreservedTemplate);
    return builder;
  }

  /** The first merchant account template of the scheme named by {@code guid}, in ID order. */
  public Optional<GuidTemplate> merchantAccount(String guid) {
    return merchantAccountTemplates.stream().filter(t -> t.hasGuid(guid)).findFirst();
  }

  /**
   * The amount in the currency's minor units, when the payload carries an amount in a currency
   * whose minor-unit digits are known.
   *
   * @throws ArithmeticException if the amount has more fraction digits than the currency allows
   */
  public OptionalLong transactionAmountMinor() {
    if (transactionAmount == null
        || transactionCurrency == null
        || !Amounts.isDecimal(transactionAmount)) {
      return OptionalLong.empty();
    }
    OptionalInt fractionDigits = Amounts.fractionDigitsOf(transactionCurrency);
    if (fractionDigits.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Amounts.toMinorUnits(transactionAmount, fractionDigits.getAsInt()));
  }

  /** Builds a payload; defaults to format "01" and nothing else. */
  public static final class Builder {
    private String payloadFormatIndicator = FORMAT_VERSION_1;
    private PointOfInitiation pointOfInitiation;
    private final Map<String, String> primitiveAccounts = new TreeMap<>();
    private final Map<String, GuidTemplate> merchantAccountTemplates = new TreeMap<>();
    private String merchantCategoryCode;
    private String transactionCurrency;
    private String transactionAmount;
    private TipOrConvenienceIndicator tipOrConvenienceIndicator;
    private String convenienceFeeFixed;
    private String convenienceFeePercentage;
    private String countryCode;
    private String merchantName;
    private String merchantCity;
    private String postalCode;
    private AdditionalData additionalData;
    private AlternateLanguage alternateLanguage;
    private final Map<String, String> reservedForFutureUse = new TreeMap<>();
    private final Map<String, GuidTemplate> unreservedTemplates = new TreeMap<>();

    private Builder() {}

    public Builder payloadFormatIndicator(String value) {
      payloadFormatIndicator = value;
      return this;
    }

    public Builder pointOfInitiation(PointOfInitiation value) {
      pointOfInitiation = value;
      return this;
    }

    /** A sticker: the payer enters the amount. */
    public Builder staticCode() {
      return pointOfInitiation(PointOfInitiation.STATIC);
    }

    /** A code for one payment, normally with amount and reference. */
    public Builder dynamicCode() {
      return pointOfInitiation(PointOfInitiation.DYNAMIC);
    }

    public Builder primitiveAccount(String id, String value) {
      primitiveAccounts.put(id, value);
      return this;
    }

    /** Adds a template, replacing one with the same ID. */
    public Builder merchantAccount(GuidTemplate template) {
      merchantAccountTemplates.put(template.id(), template);
      return this;
    }

    public Builder merchantCategoryCode(String value) {
      merchantCategoryCode = value;
      return this;
    }

    public Builder transactionCurrency(String value) {
      transactionCurrency = value;
      return this;
    }

    public Builder transactionAmount(String value) {
      transactionAmount = value;
      return this;
    }

    /** Sets 54 from minor units and the currency's minor-unit digits, exactly. */
    public Builder transactionAmountMinor(long amountMinor, int fractionDigits) {
      return transactionAmount(Amounts.fromMinorUnits(amountMinor, fractionDigits));
    }

    public Builder tipOrConvenienceIndicator(TipOrConvenienceIndicator value) {
      tipOrConvenienceIndicator = value;
      return this;
    }

    public Builder convenienceFeeFixed(String value) {
      convenienceFeeFixed = value;
      return this;
    }

    public Builder convenienceFeePercentage(String value) {
      convenienceFeePercentage = value;
      return this;
    }

    public Builder countryCode(String value) {
      countryCode = value;
      return this;
    }

    public Builder merchantName(String value) {
      merchantName = value;
      return this;
    }

    public Builder merchantCity(String value) {
      merchantCity = value;
      return this;
    }

    public Builder postalCode(String value) {
      postalCode = value;
      return this;
    }

    public Builder additionalData(AdditionalData value) {
      additionalData = value;
      return this;
    }

    public Builder alternateLanguage(AlternateLanguage value) {
      alternateLanguage = value;
      return this;
    }

    public Builder reservedForFutureUse(String id, String value) {
      reservedForFutureUse.put(id, value);
      return this;
    }

    public Builder unreservedTemplate(GuidTemplate template) {
      unreservedTemplates.put(template.id(), template);
      return this;
    }

    public MerchantPresentedPayload build() {
      return new MerchantPresentedPayload(
          payloadFormatIndicator,
          pointOfInitiation,
          new TreeMap<>(primitiveAccounts),
          new ArrayList<>(merchantAccountTemplates.values()),
          merchantCategoryCode,
          transactionCurrency,
          transactionAmount,
          tipOrConvenienceIndicator,
          convenienceFeeFixed,
          convenienceFeePercentage,
          countryCode,
          merchantName,
          merchantCity,
          postalCode,
          additionalData,
          alternateLanguage,
          new TreeMap<>(reservedForFutureUse),
          new ArrayList<>(unreservedTemplates.values()));
    }
  }
}

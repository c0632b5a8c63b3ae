package io.harbourpay.platform.merchants;

/**
 * What the operator enters to onboard a merchant; checked by {@link MerchantRules}.
 *
 * @param fpsId optional: the merchant's FPS identifier (docs/merchants.md)
 */
public record NewMerchant(
    String legalName,
    String mcc,
    String country,
    String settlementCurrency,
    Integer discountRateBps,
    String bankCode,
    String bankAccountNumber,
    String fpsId) {
  /** A merchant without an FPS identifier. */
  public NewMerchant(
      String legalName,
      String mcc,
      String country,
      String settlementCurrency,
      Integer discountRateBps,
      String bankCode,
      String bankAccountNumber) {
    this(
        legalName,
        mcc,
        country,
        settlementCurrency,
        discountRateBps,
        bankCode,
        bankAccountNumber,
        null);
  }
}

package io.harbourpay.platform.merchants;

/** What the operator enters to onboard a merchant; checked by {@link MerchantRules}. */
public record NewMerchant(
    String legalName,
    String mcc,
    String country,
    String settlementCurrency,
    Integer discountRateBps,
    String bankCode,
    String bankAccountNumber) {}

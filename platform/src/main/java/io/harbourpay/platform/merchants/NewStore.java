package io.harbourpay.platform.merchants;

/** A store to add to a merchant; checked by {@link MerchantRules}. */
public record NewStore(String nameEn, String nameZh, String address, String district) {}

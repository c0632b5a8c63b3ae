package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;

/** A merchant whose request carried a valid signature, and the key it was signed with. */
public record MerchantCaller(long merchantId, long keyId) {
  public String merchantPublicId() {
    return Ids.publicId(Merchant.ID_PREFIX, merchantId);
  }

  public String keyPublicId() {
    return Ids.publicId(MerchantKey.ID_PREFIX, keyId);
  }

  /** How the audit log names a merchant acting on its own account. */
  public String actor() {
    return "merchant:" + merchantPublicId() + " via " + keyPublicId();
  }
}

package io.harbourpay.platform.merchants;

/**
 * A key just created, with its secret: the only time the secret is shown. {@code toString} leaves
 * the secret out so it never reaches a log by accident.
 */
public record IssuedKey(MerchantKey key, String secret) {
  @Override
  public String toString() {
    return "IssuedKey[" + key.publicId() + ", secret hidden]";
  }
}

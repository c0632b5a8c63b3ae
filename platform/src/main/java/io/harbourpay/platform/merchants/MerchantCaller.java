package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;

/**
 * Who is calling the merchant API: a merchant, through an API key whose signature checked out
 * ({@code keyId} set, {@code userId} 0, no role: keys act for the whole merchant), or through a
 * console user's session ({@code userId} and {@code role} set, {@code keyId} 0).
 */
public record MerchantCaller(long merchantId, long keyId, long userId, ConsoleRole role) {
  /** A caller authenticated by an API key's signature. */
  public MerchantCaller(long merchantId, long keyId) {
    this(merchantId, keyId, 0, null);
  }

  public static MerchantCaller consoleUser(ConsoleUser user) {
    return new MerchantCaller(user.merchantId(), 0, user.id(), user.role());
  }

  public boolean viaConsole() {
    return userId != 0;
  }

  public String merchantPublicId() {
    return Ids.publicId(Merchant.ID_PREFIX, merchantId);
  }

  public String keyPublicId() {
    return viaConsole() ? null : Ids.publicId(MerchantKey.ID_PREFIX, keyId);
  }

  public String userPublicId() {
    return viaConsole() ? Ids.publicId(ConsoleUser.ID_PREFIX, userId) : null;
  }

  /** How the audit log names a merchant acting on its own account. */
  public String actor() {
    return "merchant:"
        + merchantPublicId()
        + (viaConsole() ? " via console " + userPublicId() : " via " + keyPublicId());
  }
}

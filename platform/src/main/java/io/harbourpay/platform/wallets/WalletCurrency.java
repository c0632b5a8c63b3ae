package io.harbourpay.platform.wallets;

import io.harbourpay.platform.PlatformException;
import java.util.Locale;

/** The currencies a wallet can hold: Hong Kong residents and Guangdong and Macau visitors. */
public enum WalletCurrency {
  HKD,
  CNY,
  MOP;

  /** Parses an ISO 4217 code, or fails naming {@code param}. */
  public static WalletCurrency parse(String code, String param) {
    if (code != null) {
      try {
        return valueOf(code.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException unknown) {
        // fall through to the error below
      }
    }
    throw PlatformException.invalid(
        param, "currency_unsupported", "currency must be one of HKD, CNY, MOP");
  }
}

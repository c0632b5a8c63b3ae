package io.harbourpay.ledger;

import java.util.Currency;
import java.util.HashSet;
import java.util.Set;

/** ISO 4217 alphabetic codes the engine accepts: those the JDK knows. */
final class Currencies {
  private static final Set<String> KNOWN = new HashSet<>();

  static {
    for (Currency currency : Currency.getAvailableCurrencies()) {
      KNOWN.add(currency.getCurrencyCode());
    }
  }

  private Currencies() {}

  static boolean isValid(String code) {
    return code != null && KNOWN.contains(code);
  }
}

package io.harbourpay.platform.payments;

import io.harbourpay.platform.wallets.WalletCurrency;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Payment rules an operator may change.
 *
 * @param confirmAboveMinor per currency: a pay-code payment of more than this waits for the
 *     customer to confirm with the PIN
 * @param confirmationWindow how long the customer has to confirm before the holds are released
 */
public record PaymentConfig(
    Map<WalletCurrency, Long> confirmAboveMinor, Duration confirmationWindow) {
  /** HKD 500: above it, a scanned pay code alone does not take the money. */
  public static final long CONFIRM_ABOVE_HKD = 500_00;

  public static final long CONFIRM_ABOVE_CNY = 450_00;
  public static final long CONFIRM_ABOVE_MOP = 500_00;
  public static final Duration CONFIRMATION_WINDOW_DEFAULT = Duration.ofMinutes(5);

  public PaymentConfig {
    confirmAboveMinor = Map.copyOf(confirmAboveMinor);
    for (WalletCurrency currency : WalletCurrency.values()) {
      if (!confirmAboveMinor.containsKey(currency)) {
        throw new IllegalArgumentException("no confirmation threshold for " + currency);
      }
    }
    if (confirmationWindow.isNegative()
        || confirmationWindow.isZero()
        || confirmationWindow.toSeconds() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the confirmation window is a positive number of seconds");
    }
  }

  public static PaymentConfig defaults() {
    Map<WalletCurrency, Long> above = new EnumMap<>(WalletCurrency.class);
    above.put(WalletCurrency.HKD, CONFIRM_ABOVE_HKD);
    above.put(WalletCurrency.CNY, CONFIRM_ABOVE_CNY);
    above.put(WalletCurrency.MOP, CONFIRM_ABOVE_MOP);
    return new PaymentConfig(above, CONFIRMATION_WINDOW_DEFAULT);
  }

  public boolean needsConfirmation(WalletCurrency currency, long amountMinor) {
    return amountMinor > confirmAboveMinor.get(currency);
  }
}

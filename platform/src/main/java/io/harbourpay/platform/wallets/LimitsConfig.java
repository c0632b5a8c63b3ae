package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Tier;
import java.util.EnumMap;
import java.util.Map;

/**
 * Tier limits per currency. Defaults are the published limits of a Hong Kong wallet (PRODUCT.md),
 * in HKD, applied with the same face value to CNY and MOP until the operator configures them.
 * Outgoing money (P2P, payments, withdrawals) counts towards the daily and yearly limits; the
 * balance cap bounds what a wallet may hold.
 */
public final class LimitsConfig {
  private final Map<WalletCurrency, Map<Tier, Limits>> limits = new EnumMap<>(WalletCurrency.class);

  public static LimitsConfig defaults() {
    LimitsConfig config = new LimitsConfig();
    for (WalletCurrency currency : WalletCurrency.values()) {
      config.set(currency, Tier.UNVERIFIED, new Limits(2_000_00, 3_000_00, 25_000_00, 3_000_00));
      config.set(
          currency, Tier.INTERMEDIATE, new Limits(5_000_00, 10_000_00, 100_000_00, 100_000_00));
      config.set(currency, Tier.ADVANCED, new Limits(5_000_00, 20_000_00, 200_000_00, 100_000_00));
    }
    return config;
  }

  public LimitsConfig set(WalletCurrency currency, Tier tier, Limits tierLimits) {
    limits.computeIfAbsent(currency, key -> new EnumMap<>(Tier.class)).put(tier, tierLimits);
    return this;
  }

  public Limits of(WalletCurrency currency, Tier tier) {
    return limits.get(currency).get(tier);
  }
}

package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Tier;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * One version of the tier limits: every currency × tier, and who set them, when and why. Versions
 * only grow; a change is a new version (see {@link LimitsBook}).
 */
public record LimitsVersion(
    long version,
    Instant createdAt,
    String actor,
    String reason,
    Map<WalletCurrency, Map<Tier, Limits>> limits) {
  public LimitsVersion {
    Map<WalletCurrency, Map<Tier, Limits>> copy = new EnumMap<>(WalletCurrency.class);
    limits.forEach((currency, tiers) -> copy.put(currency, Map.copyOf(new EnumMap<>(tiers))));
    limits = java.util.Collections.unmodifiableMap(copy);
  }

  public Limits of(WalletCurrency currency, Tier tier) {
    return limits.get(currency).get(tier);
  }
}

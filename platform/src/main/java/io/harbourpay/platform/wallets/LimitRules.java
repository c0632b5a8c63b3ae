package io.harbourpay.platform.wallets;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a set of tier limits must satisfy before it becomes a version. A refusal is INVALID_REQUEST
 * naming the field as {@code <CUR>.<tier>.<field>} (e.g. {@code HKD.intermediate.daily}) and the
 * rule broken:
 *
 * <ul>
 *   <li>{@code limit_required}: every currency × tier × field is given;
 *   <li>{@code limit_negative}, {@code limit_too_large}: 0 ≤ amount ≤ {@link #AMOUNT_MINOR_MAX};
 *   <li>{@code limit_below_lower_tier}: a tier never has a lower limit than the tier below it
 *       (UNVERIFIED ≤ INTERMEDIATE ≤ ADVANCED) — verifying one's identity never lowers a limit;
 *   <li>{@code per_payment_above_daily}, {@code daily_above_yearly}: a limit no payment could reach
 *       is a mistake.
 * </ul>
 */
public final class LimitRules {
  /** A hundred billion in major units: far above any wallet limit, far below overflow. */
  public static final long AMOUNT_MINOR_MAX = 10_000_000_000_000L;

  /** The fields as the API names them, and how to read each from {@link Limits}. */
  enum Field {
    PER_PAYMENT("per_payment", Limits::perPaymentMinor),
    DAILY("daily", Limits::dailyMinor),
    YEARLY("yearly", Limits::yearlyMinor),
    BALANCE_CAP("balance_cap", Limits::balanceCapMinor);

    final String apiName;
    final ToLongFunction<Limits> read;

    Field(String apiName, ToLongFunction<Limits> read) {
      this.apiName = apiName;
      this.read = read;
    }
  }

  private LimitRules() {}

  /** The parameter name of one amount: {@code HKD.intermediate.daily}. */
  public static String param(WalletCurrency currency, Tier tier, String field) {
    return currency.name() + "." + tier.name().toLowerCase(Locale.ROOT) + "." + field;
  }

  public static void validate(Map<WalletCurrency, Map<Tier, Limits>> limits) {
    for (WalletCurrency currency : WalletCurrency.values()) {
      Map<Tier, Limits> tiers = limits.get(currency);
      Limits lower = null;
      Tier lowerTier = null;
      for (Tier tier : Tier.values()) {
        Limits values = tiers == null ? null : tiers.get(tier);
        if (values == null) {
          throw PlatformException.invalid(
              param(currency, tier, Field.DAILY.apiName),
              "limit_required",
              "Give the limits of every currency and tier: "
                  + currency
                  + " "
                  + tier
                  + " is missing");
        }
        for (Field field : Field.values()) {
          long amount = field.read.applyAsLong(values);
          String param = param(currency, tier, field.apiName);
          if (amount < 0) {
            throw PlatformException.invalid(
                param, "limit_negative", param + " must not be negative (minor units)");
          }
          if (amount > AMOUNT_MINOR_MAX) {
            throw PlatformException.invalid(
                param,
                "limit_too_large",
                param + " must be at most " + AMOUNT_MINOR_MAX + " minor units");
          }
          if (lower != null && amount < field.read.applyAsLong(lower)) {
            throw PlatformException.invalid(
                param,
                "limit_below_lower_tier",
                param
                    + " ("
                    + amount
                    + ") must be at least the "
                    + lowerTier.name().toLowerCase(Locale.ROOT)
                    + " tier's ("
                    + field.read.applyAsLong(lower)
                    + "): a higher tier never has a lower limit");
          }
        }
        if (values.perPaymentMinor() > values.dailyMinor()) {
          throw PlatformException.invalid(
              param(currency, tier, Field.PER_PAYMENT.apiName),
              "per_payment_above_daily",
              "The per-payment limit must not be above the daily limit");
        }
        if (values.dailyMinor() > values.yearlyMinor()) {
          throw PlatformException.invalid(
              param(currency, tier, Field.DAILY.apiName),
              "daily_above_yearly",
              "The daily limit must not be above the yearly limit");
        }
        lower = values;
        lowerTier = tier;
      }
    }
  }

  /** What changed from {@code before} to {@code after}, for the audit log: one line per amount. */
  static String differences(LimitsVersion before, Map<WalletCurrency, Map<Tier, Limits>> after) {
    StringBuilder changes = new StringBuilder();
    for (WalletCurrency currency : WalletCurrency.values()) {
      for (Tier tier : Tier.values()) {
        for (Field field : Field.values()) {
          long old = before == null ? 0 : field.read.applyAsLong(before.of(currency, tier));
          long now = field.read.applyAsLong(after.get(currency).get(tier));
          if (before != null && old == now) continue;
          if (changes.length() > 0) changes.append("; ");
          changes.append(param(currency, tier, field.apiName)).append(' ');
          if (before != null) changes.append(old).append(" -> ");
          changes.append(now);
        }
      }
    }
    return changes.length() == 0 ? "no change" : changes.toString();
  }
}

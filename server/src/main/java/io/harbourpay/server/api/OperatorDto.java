package io.harbourpay.server.api;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.AuditEntry;
import io.harbourpay.platform.customers.CustomerSearch;
import io.harbourpay.platform.operators.Operator;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.operators.OperatorService;
import io.harbourpay.platform.operators.OperatorStats;
import io.harbourpay.platform.operators.OperatorStatus;
import io.harbourpay.platform.wallets.LimitRules;
import io.harbourpay.platform.wallets.Limits;
import io.harbourpay.platform.wallets.LimitsVersion;
import io.harbourpay.platform.wallets.WalletCurrency;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The operator console's JSON shapes (snake_case on the wire). */
final class OperatorDto {
  private OperatorDto() {}

  public record LoginRequest(String username, String password) {
    @Override
    public String toString() {
      return "LoginRequest[username=" + username + "]";
    }
  }

  public record PasswordChange(String currentPassword, String newPassword) {
    @Override
    public String toString() {
      return "PasswordChange[<hidden>]";
    }
  }

  public record OperatorRequest(
      String username, String displayName, String password, List<String> roles) {
    @Override
    public String toString() {
      return "OperatorRequest[username=" + username + ", roles=" + roles + "]";
    }
  }

  public record OperatorUpdate(
      String displayName, List<String> roles, String status, String password) {
    @Override
    public String toString() {
      return "OperatorUpdate[roles=" + roles + ", status=" + status + "]";
    }
  }

  static Set<OperatorRole> roles(List<String> names) {
    if (names == null) return null;
    Set<OperatorRole> roles = new LinkedHashSet<>();
    for (String name : names) roles.add(OperatorRole.parse(name));
    return roles;
  }

  static OperatorStatus status(String name) {
    if (name == null) return null;
    for (OperatorStatus status : OperatorStatus.values()) {
      if (status.wireName().equals(name)) return status;
    }
    throw io.harbourpay.platform.PlatformException.invalid(
        "status", "status_invalid", "status is active or disabled");
  }

  public record OperatorView(
      String object,
      String id,
      String username,
      String displayName,
      List<String> roles,
      String status,
      Instant lockedUntil,
      Instant lastLoginAt,
      Instant createdAt) {
    static OperatorView of(Operator operator) {
      return new OperatorView(
          "operator",
          operator.publicId(),
          operator.username(),
          operator.displayName(),
          operator.roles().stream().sorted().map(OperatorRole::wireName).toList(),
          operator.status().wireName(),
          operator.lockedUntil(),
          operator.lastLoginAt(),
          operator.createdAt());
    }
  }

  public record SessionView(String object, String token, Instant expiresAt, OperatorView operator) {
    @Override
    public String toString() {
      return "SessionView[operator=" + operator + "]";
    }
  }

  /** Who is calling: an account, or the break-glass key (no account, admin). */
  public record MeView(
      String object,
      String actor,
      String displayName,
      List<String> roles,
      boolean breakGlass,
      OperatorView operator) {
    static MeView of(Auth.OperatorCaller caller) {
      return new MeView(
          "operator_caller",
          caller.actor(),
          caller.account() == null ? caller.actor() : caller.account().displayName(),
          caller.roles().stream().sorted().map(OperatorRole::wireName).toList(),
          caller.breakGlass(),
          caller.account() == null ? null : OperatorView.of(caller.account()));
    }
  }

  public record AuditView(
      long id,
      Instant at,
      String actor,
      String actorName,
      String action,
      String target,
      String detail) {
    /** Entries with the display name of the operator account behind each actor, where one is. */
    static List<AuditView> of(List<AuditEntry> entries, OperatorService operators) {
      Map<String, Optional<String>> names = new HashMap<>();
      return entries.stream()
          .map(
              entry ->
                  new AuditView(
                      entry.id(),
                      entry.at(),
                      entry.actor(),
                      names
                          .computeIfAbsent(entry.actor(), actor -> displayName(actor, operators))
                          .orElse(entry.actor()),
                      entry.action(),
                      entry.target(),
                      entry.detail()))
          .toList();
    }

    private static Optional<String> displayName(String actor, OperatorService operators) {
      if (!actor.startsWith(Operator.ACTOR_PREFIX)) return Optional.empty();
      return operators
          .byUsername(actor.substring(Operator.ACTOR_PREFIX.length()))
          .map(Operator::displayName);
    }
  }

  public record StatsDay(
      LocalDate day,
      long activeCustomers,
      long acceptingStores,
      Map<String, Long> captured,
      Map<String, Long> refunded) {}

  public record StatsView(
      String object,
      LocalDate from,
      LocalDate to,
      long activeCustomers,
      long acceptingStores,
      List<StatsDay> days) {
    static StatsView of(OperatorStats.Summary summary) {
      return new StatsView(
          "stats",
          summary.from(),
          summary.to(),
          summary.activeCustomers(),
          summary.acceptingStores(),
          summary.days().stream()
              .map(
                  day ->
                      new StatsDay(
                          day.day(),
                          day.activeCustomers(),
                          day.acceptingStores(),
                          day.capturedMinor(),
                          day.refundedMinor()))
              .toList());
    }
  }

  public record CustomerHit(
      String object,
      String id,
      String phone,
      String fullName,
      String tier,
      String status,
      Instant createdAt) {
    static CustomerHit of(CustomerSearch.Hit hit) {
      Dto.CustomerView view = Dto.CustomerView.of(hit.customer());
      return new CustomerHit(
          "customer",
          view.id(),
          view.phone(),
          hit.fullName(),
          view.tier(),
          view.status(),
          view.createdAt());
    }
  }

  public record CustomerDetail(
      String object,
      String id,
      String phone,
      String fullName,
      String tier,
      String status,
      Instant createdAt,
      boolean pinSet,
      boolean pinLocked,
      List<Dto.WalletView> wallets,
      Dto.KycView latestReview) {}

  public record TierLimits(String tier, long perPayment, long daily, long yearly, long balanceCap) {
    static TierLimits of(String tier, Limits limits) {
      return new TierLimits(
          tier,
          limits.perPaymentMinor(),
          limits.dailyMinor(),
          limits.yearlyMinor(),
          limits.balanceCapMinor());
    }
  }

  public record CurrencyLimits(String currency, List<TierLimits> tiers) {}

  /** A version of the limits; {@code editable}: the caller may change them. */
  public record LimitsView(
      String object,
      long version,
      boolean editable,
      Instant createdAt,
      String actor,
      String reason,
      List<CurrencyLimits> currencies) {
    static LimitsView of(LimitsVersion version, boolean editable) {
      List<CurrencyLimits> currencies = new ArrayList<>();
      for (WalletCurrency currency : WalletCurrency.values()) {
        List<TierLimits> tiers = new ArrayList<>();
        for (Tier tier : Tier.values()) {
          tiers.add(
              TierLimits.of(tier.name().toLowerCase(Locale.ROOT), version.of(currency, tier)));
        }
        currencies.add(new CurrencyLimits(currency.name(), tiers));
      }
      return new LimitsView(
          "limits",
          version.version(),
          editable,
          version.createdAt(),
          version.actor(),
          version.reason(),
          currencies);
    }
  }

  /**
   * A new version of the limits: every currency and tier, amounts in minor units. {@code
   * base_version} is the version the operator edited (optional): if another change came first the
   * answer is 409 {@code limits_version_stale}.
   */
  public record LimitsChange(
      Long baseVersion, String reason, List<CurrencyLimitsInput> currencies) {
    Map<WalletCurrency, Map<Tier, Limits>> limits() {
      Map<WalletCurrency, Map<Tier, Limits>> limits = new EnumMap<>(WalletCurrency.class);
      for (CurrencyLimitsInput input : Dto.required(currencies, "currencies")) {
        WalletCurrency currency =
            WalletCurrency.parse(Dto.required(input.currency(), "currency"), "currency");
        Map<Tier, Limits> tiers =
            limits.computeIfAbsent(currency, key -> new EnumMap<>(Tier.class));
        for (TierLimitsInput tier : Dto.required(input.tiers(), currency + ".tiers")) {
          Tier level = MeResource.tier(Dto.required(tier.tier(), currency + ".tier"), "tier");
          tiers.put(level, tier.toLimits(currency, level));
        }
      }
      return limits;
    }
  }

  public record CurrencyLimitsInput(String currency, List<TierLimitsInput> tiers) {}

  public record TierLimitsInput(
      String tier, Long perPayment, Long daily, Long yearly, Long balanceCap) {
    Limits toLimits(WalletCurrency currency, Tier level) {
      return new Limits(
          amount(perPayment, currency, level, "per_payment"),
          amount(daily, currency, level, "daily"),
          amount(yearly, currency, level, "yearly"),
          amount(balanceCap, currency, level, "balance_cap"));
    }

    private static long amount(Long value, WalletCurrency currency, Tier level, String field) {
      if (value == null) {
        String param = LimitRules.param(currency, level, field);
        throw PlatformException.invalid(
            param, "limit_required", param + " is required (minor units, 0 or more)");
      }
      return value;
    }
  }

  /** An operator's tier decision: the new tier and why (required). */
  public record TierChange(String tier, String reason) {}
}

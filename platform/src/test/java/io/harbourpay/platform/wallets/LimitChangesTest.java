package io.harbourpay.platform.wallets;

import static io.harbourpay.platform.wallets.WalletCurrency.HKD;
import static io.harbourpay.platform.wallets.WalletFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.AuditEntry;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.CustomerRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Limits and tiers that change while customers spend: the allowances follow every change, up or
 * down, exactly once, and what is left never goes below zero. Real stores (SQLite and PostgreSQL).
 */
class LimitChangesTest {
  private static final String BOB = "+85261234567";

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aLimitRaisedOrLoweredMidDayAppliesToWhatIsLeft(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      f.customer(BOB, Tier.INTERMEDIATE);
      f.topUp(alice, f.bankAccount(alice, "123456789", "HKD"), 30_000_00);
      send(f, alice, 4_000_00);
      send(f, alice, 4_000_00);
      assertThat(dailyLeft(f, alice)).isEqualTo(2_000_00);

      // Raised after 8,000 spent: the new remainder is spendable, and no more.
      setDaily(f, Tier.INTERMEDIATE, 12_000_00, "festival week");
      assertThat(dailyLeft(f, alice)).isEqualTo(4_000_00);
      send(f, alice, 4_000_00);
      assertRefused(() -> send(f, alice, 1), ErrorType.DECLINED, "daily_limit_exceeded");

      // Lowered below what was spent: nothing left, never negative, and the payout is refused.
      setDaily(f, Tier.INTERMEDIATE, 5_000_00, "back to normal");
      assertThat(dailyLeft(f, alice)).isZero();
      assertRefused(() -> send(f, alice, 1_00), ErrorType.DECLINED, "daily_limit_exceeded");
      Account daily = daily(f, alice);
      assertThat(daily.creditBalanceAvailable()).isZero();
      assertThat(f.wallet(alice, HKD).limits().dailyRemainingMinor()).isZero();

      // Raised again: the limit less what was really spent (12,000), not a fresh allowance.
      setDaily(f, Tier.INTERMEDIATE, 15_000_00, "festival week again");
      assertThat(dailyLeft(f, alice)).isEqualTo(3_000_00);
      send(f, alice, 3_000_00);
      assertRefused(() -> send(f, alice, 1), ErrorType.DECLINED, "daily_limit_exceeded");
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(30_000_00 - 15_000_00);

      List<AuditEntry> audit =
          f.platform.audit.list(null, null, AuditLog.LIMITS_CHANGE, 10, null).items();
      assertThat(audit).hasSize(3);
      assertThat(audit.get(0).actor()).isEqualTo("test-admin");
      assertThat(audit.get(0).target()).isEqualTo("limits_v4");
      assertThat(audit.get(0).detail())
          .contains("festival week again")
          .contains("HKD.intermediate.daily 500000 -> 1500000");
      assertThat(f.platform.limits.history(10, 0))
          .extracting(LimitsVersion::version)
          .containsExactly(4L, 3L, 2L, 1L);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void fundingARetargetedAllowanceIsIdempotent(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      f.platform.walletAccounts.prepareSender(alice, HKD);
      long account = WalletAccounts.daily(alice.id(), HKD, f.platform.walletAccounts.today());
      var version = f.platform.limits.current();
      AllowanceFunding funding =
          new AllowanceFunding(f.platform.ledger, f.platform.database, Clock.systemUTC());
      var target =
          new AllowanceFunding.Target(account, HKD, 12_000_00, version.version(), alice.tier());
      assertThat(funding.retarget(List.of(target))).isTrue();
      int steps = steps(f, account);
      var totals = f.platform.ledgerStore().totals();

      // The same target again, from a second "process" (nothing remembered): no new movement.
      AllowanceFunding again =
          new AllowanceFunding(f.platform.ledger, f.platform.database, Clock.systemUTC());
      assertThat(again.retarget(List.of(target))).isTrue();
      assertThat(steps(f, account)).isEqualTo(steps);
      assertThat(f.platform.ledgerStore().totals()).isEqualTo(totals);
      assertThat(daily(f, alice).creditBalanceAvailable()).isEqualTo(12_000_00);
      assertThat(funding.funded(List.of(account))).containsEntry(account, 12_000_00L);

      // A retried step (same id, same amount) is EXISTS, never a second movement.
      var stored =
          f.platform.ledger.lookupTransfers(AllowanceFunding.stepId(account, steps)).get(0);
      var retried =
          LedgerCalls.await(
              f.platform.ledger.createTransfers(
                  List.of(
                      io.harbourpay.ledger.Transfer.of(
                          stored.id(),
                          stored.debitAccountId(),
                          stored.creditAccountId(),
                          stored.amount(),
                          stored.currency(),
                          stored.code()))));
      assertThat(retried).containsExactly(io.harbourpay.ledger.CreateTransferResult.EXISTS);
      assertThat(daily(f, alice).creditBalanceAvailable()).isEqualTo(12_000_00);
    }
  }

  /** Many payouts at once right after a change: one funding step, and the new limit holds. */
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void concurrentPayoutsAfterAChangeFundOnceAndNeverPassTheLimit(Kind kind) throws Exception {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      f.topUp(alice, f.bankAccount(alice, "123456789", "HKD"), 30_000_00);
      f.customer(BOB, Tier.INTERMEDIATE);
      List<String> receivers = new ArrayList<>();
      for (int index = 0; index < 6; index++) {
        String phone = "+8526100000" + index;
        f.customer(phone, Tier.INTERMEDIATE);
        receivers.add(phone);
      }
      send(f, alice, 2_000_00);
      setDaily(f, Tier.INTERMEDIATE, 14_000_00, "raise");
      long account = WalletAccounts.daily(alice.id(), HKD, f.platform.walletAccounts.today());
      int stepsBefore = steps(f, account);

      // 12 of 1,000 fit in what is left (14,000 - 2,000).
      List<String> results = f.sendAtOnce(alice, receivers, 24, 1_000_00, 8);
      assertThat(results.stream().filter("ok"::equals).count()).isEqualTo(12);
      assertThat(results.stream().filter(result -> !result.equals("ok")))
          .containsOnly("daily_limit_exceeded");
      assertThat(steps(f, account)).isEqualTo(stepsBefore + 1);
      assertThat(daily(f, alice).creditsPosted()).isEqualTo(14_000_00);
      assertThat(dailyLeft(f, alice)).isZero();
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(30_000_00 - 14_000_00);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void anOperatorDowngradeAndUpgradeRetargetAllowancesAndTheBalanceCap(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      CustomerRef bob = f.customer(BOB, Tier.INTERMEDIATE);
      BankAccount account = f.bankAccount(alice, "123456789", "HKD");
      f.topUp(alice, account, 20_000_00);
      f.topUp(bob, f.bankAccount(bob, "223456789", "HKD"), 1_000_00);
      send(f, alice, 2_500_00);

      alice =
          f.platform
              .customers
              .setTier(alice.id(), Tier.UNVERIFIED, "test-admin", "fraud check")
              .ref();
      CustomerRef downgraded = alice;
      assertThat(dailyLeft(f, downgraded)).isEqualTo(3_000_00 - 2_500_00);
      assertRefused(() -> send(f, downgraded, 600_00), ErrorType.DECLINED, "daily_limit_exceeded");
      send(f, downgraded, 500_00);
      // Above the lower cap (HKD 3,000): the money stays; it just cannot grow.
      assertThat(f.wallet(downgraded, HKD).balanceMinor()).isEqualTo(17_000_00);
      assertRefused(
          () -> f.platform.bankTransfers.topUp(downgraded, account.publicId(), 1_00, "HKD", null),
          ErrorType.DECLINED,
          "balance_cap_exceeded");
      assertRefused(
          () ->
              f.platform.p2p.send(bob, "+85291234567", 1_00, "HKD", null, WalletFixture.PIN, null),
          ErrorType.DECLINED,
          "receiver_balance_cap_exceeded");
      assertThat(cap(f, downgraded).creditBalanceAvailable()).isZero();

      CustomerRef upgraded =
          f.platform
              .customers
              .setTier(alice.id(), Tier.ADVANCED, "test-admin", "documents seen")
              .ref();
      assertThat(dailyLeft(f, upgraded)).isEqualTo(20_000_00 - 3_000_00);
      f.topUp(upgraded, account, 1_000_00);
      assertThat(f.wallet(upgraded, HKD).balanceMinor()).isEqualTo(18_000_00);
      assertThat(cap(f, upgraded).creditBalanceAvailable()).isEqualTo(100_000_00 - 18_000_00);

      List<AuditEntry> audit =
          f.platform.audit.list(alice.publicId(), null, AuditLog.CUSTOMER_TIER, 10, null).items();
      assertThat(audit)
          .extracting(AuditEntry::detail)
          .containsExactly(
              "tier UNVERIFIED -> ADVANCED; reason: documents seen",
              "tier INTERMEDIATE -> UNVERIFIED; reason: fraud check");
      assertRefused(
          () -> f.platform.customers.setTier(upgraded.id(), Tier.INTERMEDIATE, "test-admin", " "),
          ErrorType.INVALID_REQUEST,
          "reason_required");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aChangeThatBreaksARuleIsRefusedNamingTheFieldAndTheRule(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      LimitsBook book = f.platform.limits;
      assertThat(book.current().version()).isEqualTo(1);
      assertThat(book.current().of(HKD, Tier.INTERMEDIATE))
          .isEqualTo(LimitsConfig.defaults().of(HKD, Tier.INTERMEDIATE));
      assertInvalid(
          () -> change(f, HKD, Tier.ADVANCED, limits -> withDaily(limits, -1), "r"),
          "HKD.advanced.daily",
          "limit_negative");
      assertInvalid(
          () -> change(f, HKD, Tier.INTERMEDIATE, limits -> withDaily(limits, 2_500_00), "r"),
          "HKD.intermediate.daily",
          "limit_below_lower_tier");
      assertInvalid(
          () -> change(f, HKD, Tier.UNVERIFIED, limits -> withDaily(limits, 1_500_00), "r"),
          "HKD.unverified.per_payment",
          "per_payment_above_daily");
      assertInvalid(
          () -> change(f, HKD, Tier.ADVANCED, limits -> limits, ""), "reason", "reason_required");
      var missing = copy(book.current());
      missing.get(WalletCurrency.MOP).remove(Tier.ADVANCED);
      assertInvalid(
          () -> book.change("test-admin", "r", 0, missing), "MOP.advanced.daily", "limit_required");
      assertThat(book.current().version()).isEqualTo(1);

      LimitsVersion two =
          change(f, HKD, Tier.ADVANCED, limits -> withDaily(limits, 25_000_00), "r");
      assertThat(two.version()).isEqualTo(2);
      assertRefused(
          () -> book.change("test-admin", "late edit", 1, copy(book.current())),
          ErrorType.CONFLICT,
          "limits_version_stale");
      f.restart();
      assertThat(f.platform.limits.current().version()).isEqualTo(2);
      assertThat(f.platform.limits.current().of(HKD, Tier.ADVANCED).dailyMinor())
          .isEqualTo(25_000_00);
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static void send(WalletFixture f, CustomerRef sender, long amountMinor) {
    f.platform.p2p.send(sender, BOB, amountMinor, "HKD", null, WalletFixture.PIN, null);
  }

  private static long dailyLeft(WalletFixture f, CustomerRef customer) {
    CustomerRef now = f.platform.customers.byId(customer.id()).orElseThrow();
    return f.wallet(now, HKD).limits().dailyRemainingMinor();
  }

  private static Account daily(WalletFixture f, CustomerRef customer) {
    return f.platform
        .ledger
        .lookupAccounts(WalletAccounts.daily(customer.id(), HKD, f.platform.walletAccounts.today()))
        .get(0);
  }

  private static Account cap(WalletFixture f, CustomerRef customer) {
    return f.platform.ledger.lookupAccounts(WalletAccounts.cap(customer.id(), HKD)).get(0);
  }

  private static int steps(WalletFixture f, long accountId) {
    return f.platform.database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT COUNT(*) FROM allowance_funding WHERE account_id = ?")) {
            query.setLong(1, accountId);
            try (ResultSet rows = query.executeQuery()) {
              rows.next();
              return rows.getInt(1);
            }
          }
        });
  }

  private static void setDaily(WalletFixture f, Tier tier, long dailyMinor, String reason) {
    change(f, HKD, tier, limits -> withDaily(limits, dailyMinor), reason);
  }

  private static LimitsVersion change(
      WalletFixture f,
      WalletCurrency currency,
      Tier tier,
      UnaryOperator<Limits> edit,
      String reason) {
    LimitsVersion current = f.platform.limits.current();
    Map<WalletCurrency, Map<Tier, Limits>> next = copy(current);
    next.get(currency).put(tier, edit.apply(current.of(currency, tier)));
    return f.platform.limits.change("test-admin", reason, current.version(), next);
  }

  private static Limits withDaily(Limits limits, long dailyMinor) {
    return new Limits(
        limits.perPaymentMinor(), dailyMinor, limits.yearlyMinor(), limits.balanceCapMinor());
  }

  private static Map<WalletCurrency, Map<Tier, Limits>> copy(LimitsVersion version) {
    Map<WalletCurrency, Map<Tier, Limits>> copy = new EnumMap<>(WalletCurrency.class);
    version.limits().forEach((currency, tiers) -> copy.put(currency, new EnumMap<>(tiers)));
    return copy;
  }

  private static void assertInvalid(ThrowingCallable call, String param, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(ErrorType.INVALID_REQUEST);
              assertThat(failure.code()).isEqualTo(code);
              assertThat(failure.param()).isEqualTo(param);
            });
  }
}

package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.db.Database;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ledger accounts behind a customer's wallets, and their limits as balances (TigerBeetle's
 * "balance bounds"): a limit account holds the remaining allowance and cannot go below zero, and
 * every outgoing movement debits it in the same linked chain as the money. Two payments at once can
 * therefore never together pass a limit, whatever the concurrency.
 *
 * <ul>
 *   <li>wallet — the money; never overdrawn.
 *   <li>cap — balance-cap headroom: cap minus balance; consumed by money in, released by money out.
 *   <li>daily (one per local day) and yearly (one per local year) — allowance left for outgoing
 *       money.
 * </ul>
 *
 * Allowances follow the limits: each prepare brings them to the limit of the customer's tier in the
 * current limits version ({@link LimitsBook}) through {@link AllowanceFunding}, up or down, exactly
 * once. What is prepared is remembered per customer, currency, tier, limits version (and day for
 * the sender's allowances), so the hot path costs a set lookup, and a tier change or a new limits
 * version makes the next payment or receipt re-target the accounts.
 */
public final class WalletAccounts {
  /** Local time of the limits: a day is a Hong Kong day. */
  public static final ZoneId LIMITS_ZONE = ZoneId.of("Asia/Hong_Kong");

  /** Entries remembered as set up; past it the memory is dropped and rebuilt on use. */
  static final int PREPARED_REMEMBERED_MAX = 200_000;

  private final Ledger ledger;
  private final LimitsBook limits;
  private final AllowanceFunding funding;
  private final Clock clock;
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();

  public WalletAccounts(Ledger ledger, Database database, LimitsBook limits, Clock clock) {
    this.ledger = ledger;
    this.limits = limits;
    this.funding = new AllowanceFunding(ledger, database, clock);
    this.clock = clock;
  }

  public static long wallet(long customerId, WalletCurrency currency) {
    return Ids.derive("wallet", customerId, currency);
  }

  public static long cap(long customerId, WalletCurrency currency) {
    return Ids.derive("cap", customerId, currency);
  }

  public static long daily(long customerId, WalletCurrency currency, LocalDate day) {
    return Ids.derive("daily", customerId, currency, day);
  }

  public static long yearly(long customerId, WalletCurrency currency, int year) {
    return Ids.derive("yearly", customerId, currency, year);
  }

  public static long operator(int code, WalletCurrency currency) {
    return Ids.derive("operator", code, currency);
  }

  public LocalDate today() {
    return LocalDate.now(clock.withZone(LIMITS_ZONE));
  }

  public Limits limitsOf(CustomerRef customer, WalletCurrency currency) {
    return limitsOf(customer.tier(), currency);
  }

  /** A tier's limits in a currency, in the current limits version. */
  public Limits limitsOf(Tier tier, WalletCurrency currency) {
    return limits.current().of(currency, tier);
  }

  /**
   * What is left today and this year of {@code customer}'s allowances in {@code currency}: the
   * current limit less what was used, never below zero — also before the next payout re-targets the
   * accounts after a tier or limits change. {@code daily} and {@code yearly} are the accounts as
   * read from the ledger (null: not opened, nothing used); {@code funded} what {@link #funded} says
   * of them.
   */
  public long[] remaining(
      CustomerRef customer,
      WalletCurrency currency,
      Account daily,
      Account yearly,
      Map<Long, Long> funded) {
    Limits current = limitsOf(customer, currency);
    return new long[] {
      AllowanceFunding.remaining(
          daily, daily == null ? 0 : funded.get(daily.id()), current.dailyMinor()),
      AllowanceFunding.remaining(
          yearly, yearly == null ? 0 : funded.get(yearly.id()), current.yearlyMinor())
    };
  }

  /** What has been funded so far to each of {@code allowances} (opened allowance accounts). */
  public Map<Long, Long> funded(List<Long> allowances) {
    return allowances.isEmpty() ? Map.of() : funding.funded(allowances);
  }

  /** The operator's accounts in every currency; called once at start. */
  public void prepareOperator() {
    List<Account> accounts = new ArrayList<>();
    for (WalletCurrency currency : WalletCurrency.values()) {
      accounts.add(
          account(
              operator(LedgerCodes.BANK_CLEARING, currency),
              currency,
              LedgerCodes.BANK_CLEARING,
              0));
      accounts.add(
          account(
              operator(LedgerCodes.LIMIT_SOURCE, currency), currency, LedgerCodes.LIMIT_SOURCE, 0));
      accounts.add(
          account(operator(LedgerCodes.LIMIT_SINK, currency), currency, LedgerCodes.LIMIT_SINK, 0));
    }
    LedgerCalls.requireAccounts(LedgerCalls.await(ledger.createAccounts(accounts)));
  }

  /** Wallet and cap: what receiving money needs. Returns the local day it ran on. */
  public LocalDate prepareReceiver(CustomerRef customer, WalletCurrency currency) {
    LocalDate day = today();
    LimitsVersion version = limits.current();
    String key = preparedKey("r", customer, currency, version, null);
    if (prepared.contains(key)) return day;
    List<Account> accounts =
        List.of(
            account(
                wallet(customer.id(), currency),
                currency,
                LedgerCodes.WALLET,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS),
            account(
                cap(customer.id(), currency),
                currency,
                LedgerCodes.CAP,
                AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS));
    LedgerCalls.requireAccounts(LedgerCalls.await(ledger.createAccounts(accounts)));
    Limits target = version.of(currency, customer.tier());
    boolean settled =
        funding.retarget(
            List.of(
                target(
                    cap(customer.id(), currency),
                    currency,
                    target.balanceCapMinor(),
                    version,
                    customer)));
    if (settled) remember(key);
    return day;
  }

  /**
   * Everything paying out needs: wallet, cap, and the day's and the year's allowances. Returns the
   * local day prepared: the caller's transfers must use that day's accounts, even if midnight
   * passes in between.
   */
  public LocalDate prepareSender(CustomerRef customer, WalletCurrency currency) {
    LimitsVersion version = limits.current();
    LocalDate day = prepareReceiver(customer, currency);
    String key = preparedKey("s", customer, currency, version, day);
    if (prepared.contains(key)) return day;
    long daily = daily(customer.id(), currency, day);
    long yearly = yearly(customer.id(), currency, day.getYear());
    int flags = AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
    LedgerCalls.requireAccounts(
        LedgerCalls.await(
            ledger.createAccounts(
                List.of(
                    account(daily, currency, LedgerCodes.DAILY, flags),
                    account(yearly, currency, LedgerCodes.YEARLY, flags)))));
    Limits target = version.of(currency, customer.tier());
    boolean settled =
        funding.retarget(
            List.of(
                target(daily, currency, target.dailyMinor(), version, customer),
                target(yearly, currency, target.yearlyMinor(), version, customer)));
    if (settled) remember(key);
    return day;
  }

  private static AllowanceFunding.Target target(
      long accountId,
      WalletCurrency currency,
      long targetMinor,
      LimitsVersion version,
      CustomerRef customer) {
    return new AllowanceFunding.Target(
        accountId, currency, targetMinor, version.version(), customer.tier());
  }

  /**
   * What "prepared" is remembered by. The limits version and the tier are part of it: after either
   * changes, the next prepare re-targets the allowances.
   */
  private static String preparedKey(
      String kind,
      CustomerRef customer,
      WalletCurrency currency,
      LimitsVersion version,
      LocalDate day) {
    return kind
        + "/"
        + customer.id()
        + "/"
        + currency
        + "/"
        + customer.tier()
        + "/v"
        + version.version()
        + (day == null ? "" : "/" + day);
  }

  private void remember(String key) {
    if (prepared.size() >= PREPARED_REMEMBERED_MAX) prepared.clear();
    prepared.add(key);
  }

  private static Account account(long id, WalletCurrency currency, int code, int flags) {
    return Account.create(id, currency.name(), code, flags, 0);
  }
}

package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
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
 * Allowances are funded from the operator's limit source one tier at a time (UNVERIFIED's limit,
 * then the difference up to INTERMEDIATE, then up to ADVANCED), each with an id derived from
 * account and tier, so funding is idempotent and an upgrade mid-day adds just the difference. Ids
 * are all derived, so nothing here needs a lookup table.
 */
public final class WalletAccounts {
  /** Local time of the limits: a day is a Hong Kong day. */
  public static final ZoneId LIMITS_ZONE = ZoneId.of("Asia/Hong_Kong");

  /** Entries remembered as set up; past it the memory is dropped and rebuilt on use. */
  static final int PREPARED_REMEMBERED_MAX = 200_000;

  private final Ledger ledger;
  private final LimitsConfig limits;
  private final Clock clock;
  private final Set<String> prepared = ConcurrentHashMap.newKeySet();

  public WalletAccounts(Ledger ledger, LimitsConfig limits, Clock clock) {
    this.ledger = ledger;
    this.limits = limits;
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

  /** A tier's limits in a currency, as configured (the operator console shows them). */
  public Limits limitsOf(Tier tier, WalletCurrency currency) {
    return limits.of(currency, tier);
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
    String key = "r/" + customer.id() + "/" + currency + "/" + customer.tier();
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
    List<Transfer> funding = new ArrayList<>();
    addFunding(
        funding,
        cap(customer.id(), currency),
        currency,
        customer.tier(),
        limits -> limits.balanceCapMinor());
    if (!funding.isEmpty()) {
      LedgerCalls.requireDone(LedgerCalls.await(ledger.createTransfers(funding)));
    }
    remember(key);
    return day;
  }

  /**
   * Everything paying out needs: wallet, cap, and the day's and the year's allowances. Returns the
   * local day prepared: the caller's transfers must use that day's accounts, even if midnight
   * passes in between.
   */
  public LocalDate prepareSender(CustomerRef customer, WalletCurrency currency) {
    LocalDate day = prepareReceiver(customer, currency);
    String key = "s/" + customer.id() + "/" + currency + "/" + customer.tier() + "/" + day;
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
    List<Transfer> funding = new ArrayList<>();
    addFunding(funding, daily, currency, customer.tier(), limits -> limits.dailyMinor());
    addFunding(funding, yearly, currency, customer.tier(), limits -> limits.yearlyMinor());
    if (!funding.isEmpty()) {
      LedgerCalls.requireDone(LedgerCalls.await(ledger.createTransfers(funding)));
    }
    remember(key);
    return day;
  }

  private void addFunding(
      List<Transfer> funding,
      long accountId,
      WalletCurrency currency,
      Tier tier,
      java.util.function.ToLongFunction<Limits> limit) {
    long fundedSoFar = 0;
    for (Tier level : Tier.values()) {
      if (!tier.atLeast(level)) break;
      long target = limit.applyAsLong(limits.of(currency, level));
      if (target > fundedSoFar) {
        funding.add(
            Transfer.of(
                Ids.derive("fund", accountId, level),
                operator(LedgerCodes.LIMIT_SOURCE, currency),
                accountId,
                target - fundedSoFar,
                currency.name(),
                LedgerCodes.LIMIT_FUND));
        fundedSoFar = target;
      }
    }
  }

  private void remember(String key) {
    if (prepared.size() >= PREPARED_REMEMBERED_MAX) prepared.clear();
    prepared.add(key);
  }

  private static Account account(long id, WalletCurrency currency, int code, int flags) {
    return Account.create(id, currency.name(), code, flags, 0);
  }
}

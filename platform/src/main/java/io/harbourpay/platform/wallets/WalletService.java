package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.platform.customers.CustomerRef;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A customer's wallets (one per currency, opened on first use) and their limits. */
public final class WalletService {
  private final Ledger ledger;
  private final WalletAccounts accounts;

  public WalletService(Ledger ledger, WalletAccounts accounts) {
    this.ledger = ledger;
    this.accounts = accounts;
  }

  /** Opens the wallet in {@code currency} if it is not open yet. */
  public Wallet open(CustomerRef customer, String currencyCode) {
    WalletCurrency currency = WalletCurrency.parse(currencyCode, "currency");
    accounts.prepareReceiver(customer, currency);
    return wallets(customer).stream()
        .filter(wallet -> wallet.currency() == currency)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("wallet missing right after opening"));
  }

  /** The customer's open wallets, HKD first. Reads the database, never the ledger's writer. */
  public List<Wallet> wallets(CustomerRef customer) {
    LocalDate day = accounts.today();
    WalletCurrency[] currencies = WalletCurrency.values();
    long[] ids = new long[currencies.length * 3];
    for (int index = 0; index < currencies.length; index++) {
      WalletCurrency currency = currencies[index];
      ids[index * 3] = WalletAccounts.wallet(customer.id(), currency);
      ids[index * 3 + 1] = WalletAccounts.daily(customer.id(), currency, day);
      ids[index * 3 + 2] = WalletAccounts.yearly(customer.id(), currency, day.getYear());
    }
    Map<Long, Account> byId = new HashMap<>();
    for (Account account : ledger.lookupAccounts(ids)) byId.put(account.id(), account);
    List<Wallet> wallets = new ArrayList<>();
    for (int index = 0; index < currencies.length; index++) {
      Account wallet = byId.get(ids[index * 3]);
      if (wallet == null) continue;
      WalletCurrency currency = currencies[index];
      Limits limits = accounts.limitsOf(customer, currency);
      LimitStatus status =
          new LimitStatus(
              limits.perPaymentMinor(),
              limits.dailyMinor(),
              remaining(byId.get(ids[index * 3 + 1]), limits.dailyMinor()),
              limits.yearlyMinor(),
              remaining(byId.get(ids[index * 3 + 2]), limits.yearlyMinor()),
              limits.balanceCapMinor());
      wallets.add(
          new Wallet(
              currency,
              wallet.creditBalancePosted(),
              wallet.creditBalanceAvailable(),
              wallet.creditsPending(),
              status));
    }
    return wallets;
  }

  /**
   * What is left of an allowance. One not opened yet (nothing spent today) has the whole limit. One
   * opened under a lower tier was funded up to that tier's limit; after an upgrade the rest is
   * funded at the next payout ({@code WalletAccounts.prepareSender}), so it is already the
   * customer's to spend and is shown now. Allowances are credited only by funding, so their posted
   * credits are what was funded so far.
   */
  private static long remaining(Account allowance, long limit) {
    if (allowance == null) return limit;
    long funded = Math.max(allowance.creditsPosted(), limit);
    return Math.max(0, funded - allowance.debitsPosted() - allowance.debitsPending());
  }
}

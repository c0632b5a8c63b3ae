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
    // One read of what was funded, for every opened allowance of every currency.
    List<Long> allowances = new ArrayList<>();
    for (int index = 0; index < currencies.length; index++) {
      for (int leg = 1; leg <= 2; leg++) {
        if (byId.containsKey(ids[index * 3 + leg])) allowances.add(ids[index * 3 + leg]);
      }
    }
    Map<Long, Long> funded = accounts.funded(allowances);
    List<Wallet> wallets = new ArrayList<>();
    for (int index = 0; index < currencies.length; index++) {
      Account wallet = byId.get(ids[index * 3]);
      if (wallet == null) continue;
      WalletCurrency currency = currencies[index];
      Limits limits = accounts.limitsOf(customer, currency);
      long[] remaining =
          accounts.remaining(
              customer,
              currency,
              byId.get(ids[index * 3 + 1]),
              byId.get(ids[index * 3 + 2]),
              funded);
      LimitStatus status =
          new LimitStatus(
              limits.perPaymentMinor(),
              limits.dailyMinor(),
              remaining[0],
              limits.yearlyMinor(),
              remaining[1],
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
}

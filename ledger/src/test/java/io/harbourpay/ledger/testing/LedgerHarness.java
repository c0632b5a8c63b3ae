package io.harbourpay.ledger.testing;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A ledger on a real store with a manual clock, and blocking helpers for tests. */
public final class LedgerHarness implements AutoCloseable {
  public static final Instant START = Instant.parse("2026-11-28T08:00:00Z");
  private static final long WAIT_SECONDS = 60;

  /** Account rows are never written back unless a restart replayed them: the longest journal. */
  public static final LedgerConfig.AccountFlush FLUSH_NEVER =
      new LedgerConfig.AccountFlush(Integer.MAX_VALUE, Long.MAX_VALUE / 2_000, Integer.MAX_VALUE);

  public final StoreConfig config;
  public final ManualClock clock;
  private final LedgerConfig.AccountFlush accountFlush;
  public JdbcLedgerStore store;
  public Ledger ledger;

  public LedgerHarness(StoreConfig config) {
    this(config, new ManualClock(START));
  }

  public LedgerHarness(StoreConfig config, ManualClock clock) {
    this(config, clock, LedgerConfig.AccountFlush.defaults());
  }

  public LedgerHarness(
      StoreConfig config, ManualClock clock, LedgerConfig.AccountFlush accountFlush) {
    this.config = config;
    this.clock = clock;
    this.accountFlush = accountFlush;
    open();
  }

  private void open() {
    store = JdbcLedgerStore.open(config);
    ledger =
        Ledger.open(store, LedgerConfig.defaults().withClock(clock).withAccountFlush(accountFlush));
  }

  /** Closes the ledger and opens it again on the same store: a clean restart. */
  public void restart() {
    ledger.close();
    open();
  }

  public List<CreateAccountResult> accounts(Account... accounts) {
    return join(ledger.createAccounts(List.of(accounts)));
  }

  public List<CreateTransferResult> transfers(Transfer... transfers) {
    return join(ledger.createTransfers(List.of(transfers)));
  }

  public CreateTransferResult transfer(Transfer transfer) {
    return transfers(transfer).get(0);
  }

  public List<CreateTransferResult> execute(Command command) {
    return join(ledger.execute(command));
  }

  public Account account(long id) {
    List<Account> found = ledger.lookupAccounts(id);
    return found.isEmpty() ? null : found.get(0);
  }

  public static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception failure) {
      throw new AssertionError("ledger request did not complete", failure);
    }
  }

  @Override
  public void close() {
    try {
      Invariants.assertBooksBalance(store);
    } finally {
      ledger.close();
      TestStores.dispose(config);
    }
  }
}

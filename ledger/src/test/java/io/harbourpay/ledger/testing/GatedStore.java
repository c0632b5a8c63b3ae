package io.harbourpay.ledger.testing;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.CurrencyTotals;
import io.harbourpay.ledger.HistoryPage;
import io.harbourpay.ledger.HistoryQuery;
import io.harbourpay.ledger.Hold;
import io.harbourpay.ledger.LedgerStore;
import io.harbourpay.ledger.StoreBatch;
import io.harbourpay.ledger.Transfer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A store whose {@link #persist} can be held at a gate, so a test can keep the writer busy inside a
 * commit while it fills the queue behind it. Everything else goes straight to the real store.
 */
public final class GatedStore implements LedgerStore {
  /** A gate left shut by a failing test must not hang the writer forever. */
  static final long GATE_WAIT_SECONDS = 30;

  private final LedgerStore store;
  private volatile CountDownLatch gate = new CountDownLatch(0);
  private volatile CountDownLatch entered = new CountDownLatch(0);

  public GatedStore(LedgerStore store) {
    this.store = store;
  }

  /** From now on persist waits at the gate until {@link #openGate}. */
  public void shutGate() {
    entered = new CountDownLatch(1);
    gate = new CountDownLatch(1);
  }

  public void openGate() {
    gate.countDown();
  }

  /** Waits until the writer is inside persist, held at the shut gate. */
  public boolean awaitWriterAtGate(long timeoutSeconds) throws InterruptedException {
    return entered.await(timeoutSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void persist(StoreBatch batch) {
    entered.countDown();
    try {
      if (!gate.await(GATE_WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate still shut after " + GATE_WAIT_SECONDS + " s");
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted at the gate", interrupted);
    }
    store.persist(batch);
  }

  @Override
  public LoadedState load() {
    return store.load();
  }

  @Override
  public Transfer transfer(long id) {
    return store.transfer(id);
  }

  @Override
  public Hold hold(long pendingId) {
    return store.hold(pendingId);
  }

  @Override
  public List<Account> lookupAccounts(long... ids) {
    return store.lookupAccounts(ids);
  }

  @Override
  public List<Transfer> lookupTransfers(long... ids) {
    return store.lookupTransfers(ids);
  }

  @Override
  public HistoryPage history(HistoryQuery query) {
    return store.history(query);
  }

  @Override
  public List<CurrencyTotals> totals() {
    return store.totals();
  }

  @Override
  public List<Long> accountsDisagreeingWithTransfers() {
    return store.accountsDisagreeingWithTransfers();
  }

  @Override
  public List<Long> accountsWithWrongHistory() {
    return store.accountsWithWrongHistory();
  }

  @Override
  public void close() {
    openGate();
    store.close();
  }
}

package io.harbourpay.ledger;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ledger engine: one writer thread applies requests in batches against in-memory state and
 * commits each batch in one database transaction (group commit). A request's future completes only
 * after its batch is durable.
 *
 * <p>If a commit fails, nothing of the batch is acknowledged (every event answers the transient
 * {@code STORE_UNAVAILABLE}) and the in-memory state is thrown away and rebuilt from the store
 * before the next batch, so memory never runs ahead of what is committed. A commit whose outcome is
 * unknown (the connection died during COMMIT) is safe too: the rebuild reads what the database
 * really holds, and a retried transfer id then answers EXISTS.
 *
 * <p>Reads ({@link #lookupAccounts}, {@link #history} …) go straight to the store and never wait
 * for the writer.
 */
public final class Ledger implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Ledger.class.getName());

  /** How long an idle writer sleeps before looking at hold expiries again. */
  static final long IDLE_POLL_MICROS = 100_000;

  private final LedgerStore store;
  private final LedgerConfig config;
  private final BlockingQueue<Request> queue;
  private final Thread writer;
  private final LatencyWindow commitLatency = new LatencyWindow();
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong eventsCommitted = new AtomicLong();
  private final AtomicLong commitFailures = new AtomicLong();
  private final AtomicLong refusedBusy = new AtomicLong();

  /** Null while the state must be rebuilt from the store. Writer thread only. */
  private StateMachine state;

  private long lastRecoveryAttemptNanos;
  private volatile boolean closing;

  private Ledger(LedgerStore store, LedgerConfig config) {
    this.store = store;
    this.config = config;
    this.queue = new ArrayBlockingQueue<>(config.queueRequestsMax());
    this.state = recover(store, config);
    this.writer = new Thread(this::runWriter, "ledger-writer");
    writer.setDaemon(true);
  }

  /** Loads the committed state from {@code store} and starts the writer. */
  public static Ledger open(LedgerStore store, LedgerConfig config) {
    Ledger ledger = new Ledger(store, config);
    ledger.writer.start();
    return ledger;
  }

  private static StateMachine recover(LedgerStore store, LedgerConfig config) {
    return new StateMachine(store.load(), store, config.accountFlush());
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  public CompletableFuture<List<CreateAccountResult>> createAccounts(List<Account> accounts) {
    return submit(new AccountsRequest(List.copyOf(accounts)));
  }

  /** Transfers in order; LINKED chains succeed or fail together, others independently. */
  public CompletableFuture<List<CreateTransferResult>> createTransfers(List<Transfer> transfers) {
    return submit(new TransfersRequest(List.copyOf(transfers), null));
  }

  /** A command: all its transfers and records, or nothing. */
  public CompletableFuture<List<CreateTransferResult>> execute(Command command) {
    return submit(new TransfersRequest(command.transfers(), command));
  }

  private <R> CompletableFuture<List<R>> submit(Request<R> request) {
    if (request.events() == 0) {
      request.future.complete(List.of());
    } else if (request.events() > LedgerConfig.EVENTS_PER_REQUEST_MAX) {
      request.failAll(Failure.TOO_MANY_EVENTS);
    } else if (closing) {
      request.failAll(Failure.SHUTTING_DOWN);
    } else if (!queue.offer(request)) {
      refusedBusy.incrementAndGet();
      request.failAll(Failure.BUSY);
    }
    return request.future;
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  public List<Account> lookupAccounts(long... ids) {
    return store.lookupAccounts(ids);
  }

  public List<Transfer> lookupTransfers(long... ids) {
    return store.lookupTransfers(ids);
  }

  public HistoryPage history(HistoryQuery query) {
    return store.history(query);
  }

  /** Per currency, Σ debits and Σ credits (posted and pending) over all accounts. */
  public List<CurrencyTotals> totals() {
    return store.totals();
  }

  public LedgerMetrics metrics() {
    long[] latency = commitLatency.percentiles();
    return new LedgerMetrics(
        batchesCommitted.get(),
        eventsCommitted.get(),
        commitFailures.get(),
        refusedBusy.get(),
        queue.size(),
        latency[0],
        latency[1],
        latency[2]);
  }

  // ---------------------------------------------------------------------------------------------
  // The writer

  private void runWriter() {
    List<Request<?>> batch = new ArrayList<>();
    while (true) {
      Request<?> first;
      try {
        first = queue.poll(pollMicros(), TimeUnit.MICROSECONDS);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      }
      if (first == null) {
        if (closing) break;
        runDueHousekeeping();
        continue;
      }
      batch.add(first);
      int events = first.events();
      Request<?> next;
      while ((next = queue.peek()) != null && events + next.events() <= config.batchEventsMax()) {
        batch.add(queue.poll());
        events += next.events();
      }
      runBatch(batch, events);
      batch.clear();
    }
    // Anything that raced with close() is refused, never left hanging.
    Request<?> left;
    while ((left = queue.poll()) != null) {
      left.failAll(Failure.SHUTTING_DOWN);
    }
  }

  private long pollMicros() {
    if (state == null) {
      return IDLE_POLL_MICROS;
    }
    long untilDue = nextHousekeepingMicros() - nowMicros();
    return Math.max(1, Math.min(IDLE_POLL_MICROS, untilDue));
  }

  /** The earliest hold expiry or account write-back due by time. */
  private long nextHousekeepingMicros() {
    return Math.min(state.nextExpiryMicros(), state.nextAccountFlushMicros());
  }

  /** An idle writer still expires holds and writes back accounts when they are due. */
  private void runDueHousekeeping() {
    if (state != null && nextHousekeepingMicros() <= nowMicros()) {
      runBatch(List.of(), 0);
    }
  }

  private void runBatch(List<Request<?>> requests, int events) {
    if (state == null && !tryRecover(false)) {
      requests.forEach(request -> request.failAll(Failure.STORE_UNAVAILABLE));
      return;
    }
    RuntimeException refused = commit(requests);
    if (refused == null) {
      batchesCommitted.incrementAndGet();
      eventsCommitted.addAndGet(events);
      requests.forEach(Request::complete);
      return;
    }
    if (!isConstraintViolation(refused)) {
      requests.forEach(request -> request.failAll(Failure.STORE_UNAVAILABLE));
      return;
    }
    // A constraint violation is almost always one command's attached record (a duplicate key):
    // deterministic, so retrying the batch would fail it forever along with every innocent
    // command that lands next to it. Commit each request on its own instead; the one that still
    // violates is rejected for good, the others go through.
    for (Request<?> request : requests) {
      if (state == null && !tryRecover(true)) {
        request.failAll(Failure.STORE_UNAVAILABLE);
        continue;
      }
      RuntimeException alone = commit(List.of(request));
      if (alone == null) {
        batchesCommitted.incrementAndGet();
        eventsCommitted.addAndGet(request.events());
        request.complete();
      } else {
        request.failAll(
            isConstraintViolation(alone) ? Failure.RECORD_REJECTED : Failure.STORE_UNAVAILABLE);
      }
    }
  }

  /**
   * Applies {@code requests} to memory and persists them in one transaction. Returns null when
   * committed; on failure returns the cause, with the state discarded so that it is rebuilt from
   * the store before the next batch (memory may hold what the database does not).
   */
  private RuntimeException commit(List<Request<?>> requests) {
    try {
      state.beginBatch(nowMicros());
      for (Request<?> request : requests) {
        request.apply(state);
      }
      StoreBatch changes = state.endBatch();
      if (!changes.isEmpty()) {
        long started = System.nanoTime();
        store.persist(changes);
        commitLatency.record((System.nanoTime() - started) / 1_000);
      }
      return null;
    } catch (RuntimeException failure) {
      discardState(failure);
      return failure;
    } catch (AssertionError failure) {
      discardState(failure);
      return new IllegalStateException("ledger invariant broken", failure);
    }
  }

  private void discardState(Throwable failure) {
    state = null;
    commitFailures.incrementAndGet();
    LOG.log(Level.WARNING, "ledger batch failed, nothing acknowledged: " + failure, failure);
  }

  /**
   * SQLState class 23 (integrity constraint violation) on PostgreSQL; SQLITE_CONSTRAINT (19, with
   * its extended codes in the low byte) on SQLite.
   */
  static boolean isConstraintViolation(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof java.sql.SQLException sql) {
        String state = sql.getSQLState();
        if (state != null && state.startsWith("23")) return true;
        if (sql.getClass().getName().equals("org.sqlite.SQLiteException")
            && (sql.getErrorCode() & 0xFF) == 19) {
          return true;
        }
      }
    }
    return false;
  }

  /** Rebuilds the state from the store; {@code now} skips the back-off between attempts. */
  private boolean tryRecover(boolean now) {
    long nowNanos = System.nanoTime();
    if (!now
        && lastRecoveryAttemptNanos != 0
        && nowNanos - lastRecoveryAttemptNanos
            < TimeUnit.MILLISECONDS.toNanos(config.recoveryBackoffMs())) {
      return false;
    }
    lastRecoveryAttemptNanos = nowNanos;
    try {
      state = recover(store, config);
      lastRecoveryAttemptNanos = 0;
      LOG.log(Level.INFO, "ledger state rebuilt from the store");
      return true;
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "ledger store still unavailable: " + failure);
      return false;
    }
  }

  private long nowMicros() {
    Instant now = config.clock().instant();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
  }

  /** Stops taking requests, finishes those queued, and closes the store. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
    store.close();
  }

  // ---------------------------------------------------------------------------------------------
  // Request kinds

  private enum Failure {
    BUSY(CreateAccountResult.BUSY, CreateTransferResult.BUSY),
    STORE_UNAVAILABLE(
        CreateAccountResult.STORE_UNAVAILABLE, CreateTransferResult.STORE_UNAVAILABLE),
    SHUTTING_DOWN(CreateAccountResult.SHUTTING_DOWN, CreateTransferResult.SHUTTING_DOWN),
    TOO_MANY_EVENTS(CreateAccountResult.TOO_MANY_EVENTS, CreateTransferResult.TOO_MANY_EVENTS),
    // Account requests carry no attached records; a constraint on them is the store's fault.
    RECORD_REJECTED(CreateAccountResult.STORE_UNAVAILABLE, CreateTransferResult.RECORD_REJECTED);

    final CreateAccountResult account;
    final CreateTransferResult transfer;

    Failure(CreateAccountResult account, CreateTransferResult transfer) {
      this.account = account;
      this.transfer = transfer;
    }
  }

  private abstract static class Request<R> {
    final CompletableFuture<List<R>> future = new CompletableFuture<>();
    final R[] results;

    Request(R[] results) {
      this.results = results;
    }

    int events() {
      return results.length;
    }

    abstract void apply(StateMachine state);

    abstract R failure(Failure failure);

    void complete() {
      future.complete(Arrays.asList(results));
    }

    void failAll(Failure failure) {
      R result = failure(failure);
      Arrays.fill(results, result);
      future.complete(Arrays.asList(results));
    }
  }

  private static final class AccountsRequest extends Request<CreateAccountResult> {
    final List<Account> accounts;

    AccountsRequest(List<Account> accounts) {
      super(new CreateAccountResult[accounts.size()]);
      this.accounts = accounts;
    }

    @Override
    void apply(StateMachine state) {
      state.createAccounts(accounts, results);
    }

    @Override
    CreateAccountResult failure(Failure failure) {
      return failure.account;
    }
  }

  private static final class TransfersRequest extends Request<CreateTransferResult> {
    final List<Transfer> transfers;
    final Command command;

    TransfersRequest(List<Transfer> transfers, Command command) {
      super(new CreateTransferResult[transfers.size()]);
      this.transfers = transfers;
      this.command = command;
    }

    @Override
    void apply(StateMachine state) {
      if (command == null) {
        state.createTransfers(transfers, results);
      } else {
        state.execute(command, results);
      }
    }

    @Override
    CreateTransferResult failure(Failure failure) {
      return failure.transfer;
    }
  }
}

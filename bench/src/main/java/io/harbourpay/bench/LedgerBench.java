package io.harbourpay.bench;

import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.CurrencyTotals;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.LedgerMetrics;
import io.harbourpay.ledger.StateMachine;
import io.harbourpay.ledger.Transfer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Ledger throughput and latency.
 *
 * <ul>
 *   <li>{@code memory}: one thread applies transfers to a store-less {@link StateMachine}; the
 *       ceiling the engine itself sets.
 *   <li>{@code durable}: N client threads submit {@code createTransfers} requests of K transfers,
 *       each keeping at most M requests in flight, to a {@link Ledger} on SQLite or PostgreSQL; a
 *       transfer counts when its request's future completes, which is after its batch committed.
 * </ul>
 *
 * The last line printed starts with {@code BENCH} and carries the results as key=value pairs for
 * bench/ledger.sh.
 */
public final class LedgerBench {
  static final int ACCOUNTS_PER_REQUEST = LedgerConfig.EVENTS_PER_REQUEST_MAX;
  static final int MEMORY_REQUEST_TRANSFERS = LedgerConfig.EVENTS_PER_REQUEST_MAX;
  static final long SEED = 20_240_601L;

  private LedgerBench() {}

  public static void main(String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException wrong) {
      System.err.println(wrong.getMessage());
      System.exit(2);
      return;
    }
    if (options.mode().equals("memory")) {
      runMemory(options);
    } else {
      runDurable(options);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // In memory

  private static void runMemory(BenchOptions options) {
    StateMachine state = StateMachine.empty();
    var accounts = TransferSource.accountsToCreate(options.accounts());
    state.beginBatch(nowMicros());
    for (int from = 0; from < accounts.size(); from += ACCOUNTS_PER_REQUEST) {
      var chunk = accounts.subList(from, Math.min(accounts.size(), from + ACCOUNTS_PER_REQUEST));
      CreateAccountResult[] results = new CreateAccountResult[chunk.size()];
      state.createAccounts(chunk, results);
      requireAll(results, CreateAccountResult.OK);
    }
    TransferSource source =
        new TransferSource(
            options.accounts(),
            options.hot(),
            options.randomIds(),
            new AtomicLong(1),
            new SplittableRandom(SEED));
    CreateTransferResult[] results = new CreateTransferResult[MEMORY_REQUEST_TRANSFERS];
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    while (System.nanoTime() < warmupEnd) {
      applyOneBatch(state, source, results);
    }
    long transfers = 0;
    long applyNanos = 0;
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.seconds());
    while (System.nanoTime() < end) {
      // Generating the transfers is the client's work: only applying them is timed.
      List<Transfer> request = source.next(MEMORY_REQUEST_TRANSFERS);
      long started = System.nanoTime();
      state.beginBatch(nowMicros());
      state.createTransfers(request, results);
      state.endBatch();
      applyNanos += System.nanoTime() - started;
      requireAll(results, CreateTransferResult.OK);
      transfers += request.size();
    }
    double tps = transfers / (applyNanos / 1e9);
    System.out.printf(
        Locale.ROOT,
        "memory: %,d transfers applied in %.2f s of apply time: %,.0f transfers/s (%s, %s ids)%n",
        transfers,
        applyNanos / 1e9,
        tps,
        workload(options),
        ids(options));
    System.out.printf(
        Locale.ROOT,
        "BENCH mode=memory workload=%s ids=%s transfers=%d tps=%.0f%n",
        workload(options),
        ids(options),
        transfers,
        tps);
  }

  private static void applyOneBatch(
      StateMachine state, TransferSource source, CreateTransferResult[] results) {
    List<Transfer> request = source.next(MEMORY_REQUEST_TRANSFERS);
    state.beginBatch(nowMicros());
    state.createTransfers(request, results);
    state.endBatch();
    requireAll(results, CreateTransferResult.OK);
  }

  // ---------------------------------------------------------------------------------------------
  // Durable

  private static void runDurable(BenchOptions options) throws InterruptedException {
    try (BenchStore benchStore = BenchStore.create(options)) {
      System.out.println("store: " + options.store() + " at " + benchStore.describe());
      LedgerConfig.AccountFlush flush = LedgerConfig.AccountFlush.defaults();
      Ledger ledger =
          Ledger.open(
              benchStore.open(),
              LedgerConfig.defaults()
                  .withAccountFlush(
                      new LedgerConfig.AccountFlush(
                          options.flushAfterBatches(), flush.afterMs(), flush.effectsMax())));
      try {
        createAccounts(ledger, options.accounts());
        measureDurable(ledger, benchStore, options);
      } finally {
        ledger.close();
      }
    }
  }

  private static void createAccounts(Ledger ledger, int count) {
    var accounts = TransferSource.accountsToCreate(count);
    List<CompletableFuture<List<CreateAccountResult>>> futures = new ArrayList<>();
    for (int from = 0; from < accounts.size(); from += ACCOUNTS_PER_REQUEST) {
      futures.add(
          ledger.createAccounts(
              accounts.subList(from, Math.min(accounts.size(), from + ACCOUNTS_PER_REQUEST))));
    }
    for (var future : futures) {
      requireAll(future.join().toArray(new CreateAccountResult[0]), CreateAccountResult.OK);
    }
  }

  private static void measureDurable(Ledger ledger, BenchStore benchStore, BenchOptions options)
      throws InterruptedException {
    long startNanos = System.nanoTime();
    long measureStart = startNanos + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
    long measureEnd = measureStart + TimeUnit.SECONDS.toNanos(options.seconds());
    AtomicLong nextId = new AtomicLong(1);
    List<Client> clients = new ArrayList<>();
    for (int index = 0; index < options.clients(); index++) {
      TransferSource source =
          new TransferSource(
              options.accounts(),
              options.hot(),
              options.randomIds(),
              nextId,
              new SplittableRandom(SEED + index));
      clients.add(new Client(ledger, source, options, measureStart, measureEnd));
    }
    List<Thread> threads = new ArrayList<>();
    for (int index = 0; index < clients.size(); index++) {
      Thread thread = new Thread(clients.get(index), "bench-client-" + index);
      thread.start();
      threads.add(thread);
    }
    sleepUntil(measureStart);
    LedgerMetrics before = ledger.metrics();
    sleepUntil(measureEnd);
    LedgerMetrics after = ledger.metrics();
    for (Thread thread : threads) thread.join();

    long transfers = 0;
    long notOk = 0;
    List<Latencies> latencies = new ArrayList<>();
    for (Client client : clients) {
      transfers += client.transfersMeasured;
      notOk += client.resultsNotOk;
      latencies.add(client.latencies);
    }
    double tps = transfers / (options.seconds() + 0.0);
    long[] request = Latencies.percentiles(latencies, 0.50, 0.99);
    long batches = after.batchesCommitted() - before.batchesCommitted();
    long events = after.eventsCommitted() - before.eventsCommitted();
    List<CurrencyTotals> totals = ledger.totals();
    boolean balanced =
        totals.stream()
            .allMatch(
                total ->
                    total.debitsPosted().equals(total.creditsPosted())
                        && total.debitsPending().equals(total.creditsPending()));
    System.out.printf(
        Locale.ROOT,
        "durable %s %s %s ids: %,.0f transfers/s; %d clients x %d in flight x %d transfers;"
            + " %,d batches (avg %.0f events); commit p50 %d us p99 %d us; request p50 %d us"
            + " p99 %d us; not ok %d; books balance %s; %,d MB on disk%n",
        options.store(),
        workload(options),
        ids(options),
        tps,
        options.clients(),
        options.requestsInFlightMax(),
        options.transfersPerRequest(),
        batches,
        batches == 0 ? 0.0 : events / (double) batches,
        after.commitLatencyP50Micros(),
        after.commitLatencyP99Micros(),
        request[0],
        request[1],
        notOk,
        balanced,
        benchStore.bytesOnDisk() >> 20);
    System.out.printf(
        Locale.ROOT,
        "BENCH mode=durable store=%s workload=%s ids=%s clients=%d in_flight=%d"
            + " request_transfers=%d tps=%.0f commit_p50_us=%d commit_p99_us=%d"
            + " request_p50_us=%d request_p99_us=%d batches=%d avg_batch=%.0f not_ok=%d"
            + " balanced=%s%n",
        options.store(),
        workload(options),
        ids(options),
        options.clients(),
        options.requestsInFlightMax(),
        options.transfersPerRequest(),
        tps,
        after.commitLatencyP50Micros(),
        after.commitLatencyP99Micros(),
        request[0],
        request[1],
        batches,
        batches == 0 ? 0.0 : events / (double) batches,
        notOk,
        balanced);
  }

  /** One client: keeps up to M requests in flight and waits on the oldest. */
  private static final class Client implements Runnable {
    final Ledger ledger;
    final TransferSource source;
    final int transfersPerRequest;
    final int inFlightMax;
    final long measureStart;
    final long measureEnd;
    final Latencies latencies = new Latencies();
    long transfersMeasured;
    long resultsNotOk;

    Client(
        Ledger ledger,
        TransferSource source,
        BenchOptions options,
        long measureStart,
        long measureEnd) {
      this.ledger = ledger;
      this.source = source;
      this.transfersPerRequest = options.transfersPerRequest();
      this.inFlightMax = options.requestsInFlightMax();
      this.measureStart = measureStart;
      this.measureEnd = measureEnd;
    }

    @Override
    public void run() {
      ArrayDeque<CompletableFuture<List<CreateTransferResult>>> futures = new ArrayDeque<>();
      ArrayDeque<Long> submitted = new ArrayDeque<>();
      while (true) {
        long now = System.nanoTime();
        if (now < measureEnd) {
          while (futures.size() < inFlightMax) {
            List<Transfer> request = source.next(transfersPerRequest);
            submitted.add(System.nanoTime());
            futures.add(ledger.createTransfers(request));
          }
        }
        if (futures.isEmpty()) {
          return;
        }
        List<CreateTransferResult> results = futures.poll().join();
        long started = submitted.poll();
        long finished = System.nanoTime();
        for (CreateTransferResult result : results) {
          if (result != CreateTransferResult.OK) resultsNotOk++;
        }
        if (started >= measureStart && finished <= measureEnd) {
          transfersMeasured += results.size();
          latencies.record((finished - started) / 1_000);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------

  private static String workload(BenchOptions options) {
    return options.hot() ? "hot" : "uniform";
  }

  private static String ids(BenchOptions options) {
    return options.randomIds() ? "random" : "sequential";
  }

  private static <T> void requireAll(T[] results, T expected) {
    for (T result : results) {
      if (result != expected) {
        throw new IllegalStateException("benchmark setup produced " + result);
      }
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left;
    while ((left = nanos - System.nanoTime()) > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static long nowMicros() {
    return TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
  }
}

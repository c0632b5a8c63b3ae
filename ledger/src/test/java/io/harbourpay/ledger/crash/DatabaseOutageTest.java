package io.harbourpay.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.crash.CrashWorkload.Outcome;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.TcpProxy;
import io.harbourpay.ledger.testing.TestStores;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL goes away under load: a proxy between the ledger and the server resets every
 * connection and refuses new ones for a while. Requests during the outage must be answered at once
 * with the transient STORE_UNAVAILABLE (never hang); clients that resend the same command must end
 * with "applied" or "exists", never a conflict; everything acknowledged must be in the database
 * once, nothing in part; and the same ledger, never restarted, must work again afterwards.
 *
 * <p>A commit whose outcome the ledger never learns (the connection dies between COMMIT and its
 * answer) cannot be produced on demand here; when it happens, the client's resend answers EXISTS,
 * which the test accepts and counts.
 */
class DatabaseOutageTest {
  static final int CLIENT_THREADS = 6;
  static final long OPS_PER_CLIENT_MAX = 10_000_000;
  static final long LOAD_BEFORE_OUTAGE_MS = 1_000;
  static final long OUTAGE_MS = 2_000;
  static final long LOAD_AFTER_OUTAGE_MS = 1_500;
  static final long REQUEST_WAIT_SECONDS = 15;
  static final long RETRY_PAUSE_MS = 50;
  static final int RETRY_ATTEMPTS_MAX = 400;
  static final long CLIENT_JOIN_SECONDS = 60;

  @Test
  void requestsDuringAnOutageFailFastAndResendsLandExactlyOnce() throws Exception {
    StoreConfig direct = TestStores.freshPostgres();
    try (TcpProxy proxy = proxyTo(TestStores.PG_URL)) {
      StoreConfig proxied = proxied(direct, proxy);
      JdbcLedgerStore store = JdbcLedgerStore.open(proxied);
      CrashWorkload.createOrdersTable(direct);
      Ledger ledger = Ledger.open(store, LedgerConfig.defaults());
      try {
        CrashWorkload.createAccounts(ledger, 10);
        Load load = new Load(ledger);
        load.start();
        Thread.sleep(LOAD_BEFORE_OUTAGE_MS);
        int appliedBeforeOutage = load.acknowledged.size();

        proxy.setRefusing(true);
        load.outage = true;
        proxy.cutAll();
        Thread.sleep(OUTAGE_MS);
        load.outage = false;
        proxy.setRefusing(false);
        int appliedAtOutageEnd = load.acknowledged.size();

        Thread.sleep(LOAD_AFTER_OUTAGE_MS);
        load.stopAndJoin();

        assertThat(load.hung)
            .as("requests not answered within %ds", REQUEST_WAIT_SECONDS)
            .isEmpty();
        assertThat(load.problems).as("final refusals or conflicts").isEmpty();
        assertThat(load.gaveUp).as("commands still failing after all resends").isEmpty();
        assertThat(appliedBeforeOutage).as("applied before the outage").isPositive();
        assertThat(load.transientDuringOutage.get())
            .as("requests answered during the outage")
            .isPositive();
        assertThat(load.firstResults.keySet())
            .as("the only transient answer an outage gives")
            .allMatch(
                result ->
                    !result.isTransient() || result == CreateTransferResult.STORE_UNAVAILABLE);
        assertThat(load.acknowledged.size())
            .as("applied after the outage, same ledger, no restart")
            .isGreaterThan(appliedAtOutageEnd);
        assertThat(proxy.connectionsRefused()).as("connections refused").isPositive();

        long fresh = CrashWorkload.commandId(2, 0, 0);
        assertThat(
                CrashWorkload.classify(
                    ledger
                        .execute(CrashWorkload.command(fresh))
                        .get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS)))
            .isEqualTo(Outcome.APPLIED);
        load.acknowledged.add(fresh);

        try (JdbcLedgerStore check = JdbcLedgerStore.open(direct)) {
          Set<Long> present = CrashWorkload.assertStoreMatches(direct, check, load.acknowledged);
          assertThat(present)
              .as("every command in the store was acknowledged in the end")
              .containsExactlyInAnyOrderElementsOf(load.acknowledged);
        }
        System.err.printf(
            "DatabaseOutageTest: %d commands acknowledged, %d before the outage, %d transient"
                + " answers during it, %d resends that found the command committed, %d commit"
                + " failures, results %s%n",
            load.acknowledged.size(),
            appliedBeforeOutage,
            load.transientDuringOutage.get(),
            load.existed.get(),
            ledger.metrics().commitFailures(),
            load.firstResults);
      } finally {
        ledger.close();
        TestStores.dispose(direct);
      }
    }
  }

  /**
   * Connections that died while idle in the read pool must not fail the next reads: neither a
   * lookup nor the writer's EXISTS check, which would fail a whole batch and force a reload.
   */
  @Test
  void readsAndResendsWorkRightAfterIdleConnectionsWereCut() throws Exception {
    StoreConfig direct = TestStores.freshPostgres();
    try (TcpProxy proxy = proxyTo(TestStores.PG_URL)) {
      JdbcLedgerStore store = JdbcLedgerStore.open(proxied(direct, proxy));
      CrashWorkload.createOrdersTable(direct);
      Ledger ledger = Ledger.open(store, LedgerConfig.defaults());
      try {
        CrashWorkload.createAccounts(ledger, 10);
        long commandId = CrashWorkload.commandId(1, 0, 0);
        assertThat(execute(ledger, commandId)).isEqualTo(Outcome.APPLIED);
        assertThat(execute(ledger, commandId))
            .as("resend, reads pooled")
            .isEqualTo(Outcome.EXISTED);
        assertThat(ledger.lookupAccounts(CrashWorkload.accountIds())).isNotEmpty();

        proxy.cutAll();

        assertThat(ledger.lookupTransfers(CrashWorkload.transferIds(commandId)))
            .as("a lookup after the cut")
            .hasSize(2);
        assertThat(execute(ledger, commandId))
            .as("a resend after the cut")
            .isEqualTo(Outcome.EXISTED);
        assertThat(ledger.metrics().commitFailures()).isZero();
      } finally {
        ledger.close();
        TestStores.dispose(direct);
      }
    }
  }

  private static Outcome execute(Ledger ledger, long commandId) throws Exception {
    return CrashWorkload.classify(
        ledger
            .execute(CrashWorkload.command(commandId))
            .get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS));
  }

  private static TcpProxy proxyTo(String jdbcUrl) throws java.io.IOException {
    URI server = URI.create(jdbcUrl.substring("jdbc:".length()));
    return TcpProxy.start(server.getHost(), server.getPort() == -1 ? 5432 : server.getPort());
  }

  /** The same database and schema, reached through the proxy. */
  private static StoreConfig proxied(StoreConfig direct, TcpProxy proxy) {
    URI server = URI.create(direct.jdbcUrl().substring("jdbc:".length()));
    String url =
        "jdbc:postgresql://127.0.0.1:"
            + proxy.port()
            + server.getRawPath()
            + (server.getRawQuery() == null ? "" : "?" + server.getRawQuery());
    return StoreConfig.postgres(url, direct.user(), direct.password(), direct.schema());
  }

  /** Client threads, each sending one command at a time and resending it while transient. */
  private static final class Load {
    final Ledger ledger;
    final List<Thread> clients = new ArrayList<>();
    final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<Long> hung = ConcurrentHashMap.newKeySet();
    final Set<Long> gaveUp = ConcurrentHashMap.newKeySet();
    final Set<String> problems = ConcurrentHashMap.newKeySet();
    final Map<CreateTransferResult, AtomicLong> firstResults = new ConcurrentHashMap<>();
    final AtomicLong transientDuringOutage = new AtomicLong();
    final AtomicLong existed = new AtomicLong();
    volatile boolean outage;
    volatile boolean stopping;

    Load(Ledger ledger) {
      this.ledger = ledger;
    }

    void start() {
      for (int index = 0; index < CLIENT_THREADS; index++) {
        long first = index * OPS_PER_CLIENT_MAX;
        Thread client = new Thread(() -> run(first), "outage-client-" + index);
        client.start();
        clients.add(client);
      }
    }

    void stopAndJoin() throws InterruptedException {
      stopping = true;
      for (Thread client : clients) {
        client.join(TimeUnit.SECONDS.toMillis(CLIENT_JOIN_SECONDS));
        assertThat(client.isAlive()).as("%s stopped", client.getName()).isFalse();
      }
    }

    private void run(long firstOp) {
      try {
        for (long op = firstOp; !stopping && op < firstOp + OPS_PER_CLIENT_MAX; op++) {
          long commandId = CrashWorkload.commandId(1, op, 0);
          if (send(commandId) && CrashWorkload.isHold(commandId)) {
            send(commandId + 1);
          }
        }
      } catch (Exception failure) {
        problems.add(Thread.currentThread().getName() + ": " + failure);
      }
    }

    /** Sends a command until it is applied or exists; true if it is in the store. */
    private boolean send(long commandId) throws Exception {
      for (int attempt = 0; attempt < RETRY_ATTEMPTS_MAX; attempt++) {
        boolean duringOutage = outage;
        List<CreateTransferResult> results;
        try {
          results =
              ledger
                  .execute(CrashWorkload.command(commandId))
                  .get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException hanging) {
          hung.add(commandId);
          return false;
        }
        firstResults.computeIfAbsent(results.get(0), key -> new AtomicLong()).incrementAndGet();
        switch (CrashWorkload.classify(results)) {
          case APPLIED -> {
            acknowledged.add(commandId);
            return true;
          }
          case EXISTED -> {
            if (attempt == 0) problems.add("a new command answered exists: " + commandId);
            existed.incrementAndGet();
            acknowledged.add(commandId);
            return true;
          }
          case TRANSIENT -> {
            if (duringOutage) transientDuringOutage.incrementAndGet();
            Thread.sleep(RETRY_PAUSE_MS);
          }
          case REJECTED -> {
            problems.add(commandId + " " + results);
            return false;
          }
        }
      }
      gaveUp.add(commandId);
      return false;
    }
  }
}

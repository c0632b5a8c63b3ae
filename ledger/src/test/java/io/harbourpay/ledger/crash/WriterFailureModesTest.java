package io.harbourpay.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.crash.CrashWorkload.Outcome;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.GatedStore;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * How the writer fails when the store refuses a batch, and when it cannot keep up: a command whose
 * attached record breaks a constraint is found by committing its batch's commands one by one and is
 * rejected for good, while the commands that shared its batch go through; a full queue answers BUSY
 * at once instead of growing.
 */
class WriterFailureModesTest {
  static final long WAIT_SECONDS = 30;
  static final int QUEUE_REQUESTS_MAX = 4;
  static final int REQUESTS_OVER_THE_LIMIT = 200;

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aRecordBreakingAConstraintIsRejectedAloneAndItsBatchGoesThrough(Kind kind) throws Exception {
    StoreConfig config = TestStores.fresh(kind);
    JdbcLedgerStore store = JdbcLedgerStore.open(config);
    CrashWorkload.createOrdersTable(config);
    GatedStore gated = new GatedStore(store);
    Ledger ledger = Ledger.open(gated, LedgerConfig.defaults());
    try {
      CrashWorkload.createAccounts(ledger, 10);
      long first = CrashWorkload.commandId(1, 0, 0);
      long blocker = CrashWorkload.commandId(1, 1, 0);
      long innocent = CrashWorkload.commandId(1, 2, 0);
      long poisoned = CrashWorkload.commandId(1, 4, 0);
      long later = CrashWorkload.commandId(1, 5, 0);
      assertThat(outcome(ledger.execute(CrashWorkload.command(first)))).isEqualTo(Outcome.APPLIED);

      // Hold the writer in a commit so the next two commands queue up and share one batch.
      gated.shutGate();
      CompletableFuture<List<CreateTransferResult>> blocking =
          ledger.execute(CrashWorkload.command(blocker));
      assertThat(gated.awaitWriterAtGate(WAIT_SECONDS)).isTrue();
      CompletableFuture<List<CreateTransferResult>> innocentResults =
          ledger.execute(CrashWorkload.command(innocent));
      Command duplicateOrder =
          new Command(
              CrashWorkload.command(poisoned).transfers(),
              List.of(AttachedRecord.of(CrashWorkload.INSERT_ORDER, first, 1L)));
      CompletableFuture<List<CreateTransferResult>> poisonedResults =
          ledger.execute(duplicateOrder);
      assertThat(ledger.metrics().queueDepth()).isEqualTo(2);
      gated.openGate();

      assertThat(outcome(blocking)).isEqualTo(Outcome.APPLIED);
      assertThat(outcome(innocentResults))
          .as("a command sharing the batch with the poisoned one")
          .isEqualTo(Outcome.APPLIED);
      assertThat(poisonedResults.get(WAIT_SECONDS, TimeUnit.SECONDS))
          .containsOnly(CreateTransferResult.RECORD_REJECTED);
      assertThat(CreateTransferResult.RECORD_REJECTED.isTransient()).isFalse();
      assertThat(ledger.lookupTransfers(CrashWorkload.transferIds(poisoned))).isEmpty();
      assertThat(orderAmount(config, first))
          .as("the row it collided with")
          .isEqualTo(CrashWorkload.grossMinor(first));

      assertThat(outcome(ledger.execute(CrashWorkload.command(innocent))))
          .as("the innocent command resent is already there")
          .isEqualTo(Outcome.EXISTED);
      assertThat(ledger.execute(duplicateOrder).get(WAIT_SECONDS, TimeUnit.SECONDS))
          .as("the poisoned command resent fails the same way")
          .containsOnly(CreateTransferResult.RECORD_REJECTED);
      assertThat(outcome(ledger.execute(CrashWorkload.command(later))))
          .as("a later batch")
          .isEqualTo(Outcome.APPLIED);
      // The shared batch, the poisoned command alone, and twice more for its resend.
      assertThat(ledger.metrics().commitFailures()).isEqualTo(4);

      Set<Long> acknowledged = new TreeSet<>(List.of(first, blocker, innocent, later));
      assertThat(CrashWorkload.assertStoreMatches(config, store, acknowledged))
          .containsExactlyInAnyOrderElementsOf(acknowledged);
    } finally {
      ledger.close();
      TestStores.dispose(config);
    }
  }

  @Test
  void aFullQueueAnswersBusyAtOnceAndStaysBounded() throws Exception {
    StoreConfig config = TestStores.freshSqlite();
    JdbcLedgerStore store = JdbcLedgerStore.open(config);
    CrashWorkload.createOrdersTable(config);
    GatedStore gated = new GatedStore(store);
    Ledger ledger =
        Ledger.open(gated, LedgerConfig.defaults().withQueueRequestsMax(QUEUE_REQUESTS_MAX));
    try {
      CrashWorkload.createAccounts(ledger, 10);
      gated.shutGate();
      long op = 0;
      long blocker = CrashWorkload.commandId(1, op++, 0);
      CompletableFuture<List<CreateTransferResult>> blocking =
          ledger.execute(CrashWorkload.command(blocker));
      assertThat(gated.awaitWriterAtGate(WAIT_SECONDS)).isTrue();

      List<Long> queuedIds = new ArrayList<>();
      List<CompletableFuture<List<CreateTransferResult>>> queued = new ArrayList<>();
      for (int index = 0; index < QUEUE_REQUESTS_MAX; index++) {
        long commandId = CrashWorkload.commandId(1, op++, 0);
        queuedIds.add(commandId);
        queued.add(ledger.execute(CrashWorkload.command(commandId)));
      }
      assertThat(queued).noneMatch(CompletableFuture::isDone);

      List<Long> refusedIds = new ArrayList<>();
      for (int index = 0; index < REQUESTS_OVER_THE_LIMIT; index++) {
        long commandId = CrashWorkload.commandId(1, op++, 0);
        refusedIds.add(commandId);
        CompletableFuture<List<CreateTransferResult>> refused =
            ledger.execute(CrashWorkload.command(commandId));
        assertThat(refused).as("answered before execute returns").isDone();
        assertThat(refused.join()).containsOnly(CreateTransferResult.BUSY);
      }
      assertThat(ledger.metrics().queueDepth()).isEqualTo(QUEUE_REQUESTS_MAX);
      assertThat(ledger.metrics().requestsRefusedBusy()).isEqualTo(REQUESTS_OVER_THE_LIMIT);

      gated.openGate();
      assertThat(outcome(blocking)).isEqualTo(Outcome.APPLIED);
      for (CompletableFuture<List<CreateTransferResult>> future : queued) {
        assertThat(outcome(future)).isEqualTo(Outcome.APPLIED);
      }
      for (long commandId : refusedIds) {
        assertThat(outcome(ledger.execute(CrashWorkload.command(commandId))))
            .as("refused command %d resent", commandId)
            .isEqualTo(Outcome.APPLIED);
      }
      Set<Long> acknowledged = new TreeSet<>(queuedIds);
      acknowledged.add(blocker);
      acknowledged.addAll(refusedIds);
      assertThat(CrashWorkload.assertStoreMatches(config, store, acknowledged))
          .containsExactlyInAnyOrderElementsOf(acknowledged);
    } finally {
      ledger.close();
      TestStores.dispose(config);
    }
  }

  private static Outcome outcome(CompletableFuture<List<CreateTransferResult>> future)
      throws Exception {
    return CrashWorkload.classify(future.get(WAIT_SECONDS, TimeUnit.SECONDS));
  }

  private static Long orderAmount(StoreConfig config, long orderId) throws Exception {
    try (Connection connection = CrashWorkload.connect(config);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT amount FROM crash_orders WHERE order_id = " + orderId)) {
      return rows.next() ? rows.getLong(1) : null;
    }
  }
}

package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.store.Dialect;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.Invariants;
import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A ledger written before ledger_history existed (schema version 2: history through two account
 * indexes, account rows a checkpoint with a journal tail after it) is migrated: the history its
 * rows cover is backfilled, the tail stays journal, and the engine goes on from there — histories
 * complete and in order, balances right, every invariant holding, before and after a restart.
 */
class HistoryMigrationTest {
  static final long A = 1;
  static final long B = 2;
  static final long C = 3;

  /** Rows and checkpoint cover up to here; transfers after it are the journal tail. */
  static final long COVERED = 15;

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aVersion2LedgerKeepsItsHistory(Kind kind) throws SQLException {
    StoreConfig config = TestStores.fresh(kind);
    migrateToVersion2(config);
    writeVersion2Ledger(config);
    try (LedgerHarness h = new LedgerHarness(config)) {
      // A→B at 10..19, B→C at 20..24: ids are the timestamps plus 100.
      assertHistory(h, A, ids(10, 19));
      assertHistory(h, B, concat(ids(10, 19), ids(20, 24)));
      assertHistory(h, C, ids(20, 24));
      assertThat(h.account(A).debitsPosted()).isEqualTo(10);
      assertThat(h.account(B).creditsPosted()).isEqualTo(10);
      assertThat(h.account(B).debitsPosted()).isEqualTo(5);
      assertThat(h.account(C).creditsPosted()).isEqualTo(5);
      Invariants.assertBooksBalance(h.store);

      assertThat(h.transfer(Transfer.of(500, C, A, 3, "HKD", 1))).isEqualTo(OK);
      h.restart();
      assertThat(h.transfer(Transfer.of(501, A, B, 1, "HKD", 1))).isEqualTo(OK);
      List<Long> a = concat(ids(10, 19), List.of(500L, 501L));
      assertHistory(h, A, a);
      assertHistory(h, C, concat(ids(20, 24), List.of(500L)));
      assertThat(h.account(A).creditsPosted()).isEqualTo(3);
      Invariants.assertBooksBalance(h.store);
    }
  }

  private static void assertHistory(LedgerHarness h, long account, List<Long> expected) {
    for (int size : new int[] {1, 3, 1000}) {
      List<Long> forward = new ArrayList<>();
      HistoryQuery query = HistoryQuery.oldestFirst(account, size);
      HistoryPage page;
      do {
        page = h.ledger.history(query);
        page.transfers().forEach(transfer -> forward.add(transfer.id()));
        query = query.next(page);
      } while (page.hasMore());
      assertThat(forward).as("history of %d in pages of %d", account, size).isEqualTo(expected);
      List<Long> backward = new ArrayList<>();
      query = HistoryQuery.newestFirst(account, size);
      do {
        page = h.ledger.history(query);
        page.transfers().forEach(transfer -> backward.add(transfer.id()));
        query = query.next(page);
      } while (page.hasMore());
      List<Long> reversed = new ArrayList<>(expected);
      java.util.Collections.reverse(reversed);
      assertThat(backward).as("history of %d newest first", account).isEqualTo(reversed);
    }
  }

  private static List<Long> ids(long fromTimestamp, long toTimestamp) {
    List<Long> ids = new ArrayList<>();
    for (long timestamp = fromTimestamp; timestamp <= toTimestamp; timestamp++) {
      ids.add(timestamp + 100);
    }
    return ids;
  }

  private static List<Long> concat(List<Long> first, List<Long> second) {
    List<Long> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The schema as version 2 left it, through Flyway as the store runs it, stopped at 2. */
  private static void migrateToVersion2(StoreConfig config) {
    boolean postgres = Dialect.of(config.jdbcUrl()) == Dialect.POSTGRESQL;
    var flyway =
        Flyway.configure()
            .dataSource(config.jdbcUrl(), config.user(), config.password())
            .locations(
                "classpath:db/ledger",
                postgres ? "classpath:db/ledger-postgresql" : "classpath:db/ledger-sqlite")
            .table("ledger_schema_history")
            .target("2")
            .placeholders(
                Map.of(
                    "timestamp_column",
                    postgres ? "BIGINT" : "INTEGER PRIMARY KEY",
                    "blob_column",
                    postgres ? "BYTEA" : "BLOB"));
    if (config.schema() != null) {
      flyway.schemas(config.schema()).defaultSchema(config.schema());
    }
    flyway.load().migrate();
  }

  private static void writeVersion2Ledger(StoreConfig config) throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
        Statement statement = connection.createStatement()) {
      if (config.schema() != null) connection.setSchema(config.schema());
      // Rows as of the checkpoint: A→B 10..15 applied; B→C starts after it.
      statement.execute(
          "INSERT INTO ledger_accounts (id, currency, code, flags, user_data, debits_pending,"
              + " debits_posted, credits_pending, credits_posted, ts, covered_ts) VALUES"
              + " (1, 'HKD', 1, 0, 0, 0, 6, 0, 0, 1, 15),"
              + " (2, 'HKD', 1, 0, 0, 0, 0, 0, 6, 2, 15),"
              + " (3, 'HKD', 1, 0, 0, 0, 0, 0, 0, 3, 3)");
      statement.execute("UPDATE ledger_checkpoint SET covered_ts = " + COVERED);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO ledger_transfers (ts, id, debit_account_id, credit_account_id, amount,"
                  + " pending_id, user_data, timeout_seconds, currency, code, flags,"
                  + " debit_balance_after, credit_balance_after)"
                  + " VALUES (?, ?, ?, ?, 1, 0, 0, 0, 'HKD', 1, 0, 0, 0)")) {
        for (long timestamp = 10; timestamp <= 24; timestamp++) {
          insert.setLong(1, timestamp);
          insert.setLong(2, timestamp + 100);
          insert.setLong(3, timestamp < 20 ? A : B);
          insert.setLong(4, timestamp < 20 ? B : C);
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }
}

package io.harbourpay.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.TestStores;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A transaction that reads, then writes, while another connection writes: on SQLite with deferred
 * transactions the second write of the first connection failed at once with SQLITE_BUSY (its WAL
 * snapshot was stale, and the busy timeout does not apply to that case). Connections from {@link
 * StoreConfig#connect()} begin immediately, so the other writer waits its turn instead.
 */
class SqliteTransactionModeTest {
  @Test
  void aReadThenWriteTransactionIsNotBrokenByAConcurrentWriter() throws Exception {
    StoreConfig config = TestStores.freshSqlite();
    try (Connection setup = config.connect();
        Statement statement = setup.createStatement()) {
      statement.execute("PRAGMA journal_mode=WAL");
      statement.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      statement.execute("INSERT INTO counters VALUES ('a', 0)");
    }
    try (Connection first = config.connect();
        Connection second = config.connect()) {
      first.setAutoCommit(false);
      long read;
      try (Statement statement = first.createStatement();
          ResultSet row = statement.executeQuery("SELECT value FROM counters WHERE name = 'a'")) {
        row.next();
        read = row.getLong(1);
      }
      // The other writer, meanwhile: it must wait for the first transaction, not overtake it.
      CompletableFuture<Integer> other =
          CompletableFuture.supplyAsync(
              () -> {
                try (Statement statement = second.createStatement()) {
                  return statement.executeUpdate(
                      "UPDATE counters SET value = value + 100 WHERE name = 'a'");
                } catch (Exception failure) {
                  throw new IllegalStateException(failure);
                }
              });
      Thread.sleep(200);
      assertThat(other).as("the second writer waits for the first transaction").isNotDone();
      try (Statement statement = first.createStatement()) {
        statement.executeUpdate("UPDATE counters SET value = " + (read + 1) + " WHERE name = 'a'");
      }
      first.commit();
      assertThat(other.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      try (Statement statement = first.createStatement();
          ResultSet row = statement.executeQuery("SELECT value FROM counters WHERE name = 'a'")) {
        row.next();
        assertThat(row.getLong(1)).isEqualTo(101);
      }
    } finally {
      TestStores.dispose(config);
    }
  }
}

package io.harbourpay.platform.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.TestStores;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseTest {
  /**
   * A transaction reads, another connection commits a write, then the first writes: on SQLite (WAL)
   * that write fails at once with SQLITE_BUSY because the first transaction's snapshot is stale.
   * The transaction is run again, and this time it sees the other write.
   */
  @Test
  void aSqliteTransactionThatLostToAConcurrentWriterIsRunAgain() {
    StoreConfig config = TestStores.freshSqlite();
    try (Database database = Database.open(config)) {
      database.read(
          connection -> {
            try (Statement statement = connection.createStatement()) {
              // As the ledger store sets it up: readers and one writer at a time, snapshots.
              statement.execute("PRAGMA journal_mode=WAL");
              statement.execute("CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT)");
              statement.execute("INSERT INTO counters VALUES ('a', 0)");
            }
            return null;
          });
      AtomicInteger attempts = new AtomicInteger();
      long seen =
          database.transaction(
              connection -> {
                long value = value(connection);
                if (attempts.incrementAndGet() == 1) {
                  // Another connection of the pool commits in between (it is not nested in the
                  // transaction: a different connection, autocommit).
                  database.read(
                      other -> {
                        try (Statement statement = other.createStatement()) {
                          statement.executeUpdate(
                              "UPDATE counters SET value = value + 100 WHERE name = 'a'");
                        }
                        return null;
                      });
                }
                try (PreparedStatement update =
                    connection.prepareStatement("UPDATE counters SET value = ? WHERE name = 'a'")) {
                  update.setLong(1, value + 1);
                  update.executeUpdate();
                }
                return value;
              });
      assertThat(attempts).hasValue(2);
      assertThat(seen).isEqualTo(100);
      assertThat(database.read(DatabaseTest::value)).isEqualTo(101);
    } finally {
      TestStores.dispose(config);
    }
  }

  private static long value(java.sql.Connection connection) throws java.sql.SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT value FROM counters WHERE name = 'a'")) {
      row.next();
      return row.getLong(1);
    }
  }
}

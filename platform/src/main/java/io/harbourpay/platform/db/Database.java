package io.harbourpay.platform.db;

import io.harbourpay.ledger.store.Dialect;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.platform.PlatformException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.flywaydb.core.Flyway;

/**
 * The platform's own tables, in the same database as the ledger (so a command's attached records
 * commit with its transfers). Ordinary transactions for writes that move no money; a small pool of
 * connections.
 */
public final class Database implements AutoCloseable {
  /** Idle connections kept open; more are opened under load and closed after use. */
  static final int IDLE_CONNECTIONS_MAX = 8;

  private final StoreConfig config;
  private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(IDLE_CONNECTIONS_MAX);

  private Database(StoreConfig config) {
    this.config = config;
  }

  /** Opens the database and brings the platform's tables up to date. */
  public static Database open(StoreConfig config) {
    Database database = new Database(config);
    var flyway =
        Flyway.configure()
            .dataSource(config.jdbcUrl(), config.user(), config.password())
            .locations("classpath:db/platform")
            .table("platform_schema_history")
            // The ledger and the platform share a schema, each with its own history table: the
            // second to arrive finds tables it did not make, which is expected, not an error.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (config.schema() != null) {
      flyway.schemas(config.schema()).defaultSchema(config.schema());
    }
    flyway.load().migrate();
    return database;
  }

  public StoreConfig config() {
    return config;
  }

  public Dialect dialect() {
    return config.dialect();
  }

  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * How often a SQLite transaction is run again after SQLITE_BUSY. In WAL mode a transaction that
   * read first and then writes fails at once (the busy timeout does not apply) when another
   * connection committed in between, because its snapshot is stale; rolled back and run again it
   * succeeds. Transactions here keep their side effects (SMS, HTTP) until after the commit, so
   * running the work again is safe.
   */
  static final int SQLITE_BUSY_ATTEMPTS_MAX = 5;

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T transaction(Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      boolean mayRetry = dialect() == Dialect.SQLITE && attempt < SQLITE_BUSY_ATTEMPTS_MAX;
      try {
        return withConnection(
            connection -> {
              connection.setAutoCommit(false);
              try {
                T result = work.run(connection);
                connection.commit();
                return result;
              } catch (SQLException | RuntimeException failure) {
                try {
                  connection.rollback();
                } catch (SQLException rollbackFailed) {
                  // The connection is unusable: report the failure that happened, and let the
                  // SQLException close the connection instead of returning it to the pool.
                  failure.addSuppressed(rollbackFailed);
                  throw new SQLException("rollback failed after: " + failure.getMessage(), failure);
                }
                if (mayRetry && failure instanceof SQLException sql && sqliteBusy(sql)) {
                  throw new BusySnapshot(sql);
                }
                throw failure;
              } finally {
                connection.setAutoCommit(true);
              }
            });
      } catch (BusySnapshot busy) {
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10L << attempt));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw PlatformException.unavailable("interrupted: " + busy.getCause().getMessage());
        }
      }
    }
  }

  static boolean sqliteBusy(SQLException failure) {
    // SQLITE_BUSY is 5; sqlite-jdbc may report the extended code (BUSY_SNAPSHOT 517) instead.
    return (failure.getErrorCode() & 0xff) == 5
        || (failure.getMessage() != null && failure.getMessage().contains("SQLITE_BUSY"));
  }

  /** A SQLite transaction that lost to a concurrent writer: rolled back, to be run again. */
  private static final class BusySnapshot extends RuntimeException {
    BusySnapshot(SQLException cause) {
      super(cause.getMessage(), cause, false, false);
    }
  }

  /** Runs {@code work} with auto-commit: single statements and reads. */
  public <T> T read(Work<T> work) {
    return withConnection(work);
  }

  private <T> T withConnection(Work<T> work) {
    Connection connection = idle.poll();
    try {
      if (connection == null) {
        connection = config.connect();
      }
      T result = work.run(connection);
      if (!idle.offer(connection)) {
        connection.close();
      }
      return result;
    } catch (SQLException failure) {
      closeQuietly(connection);
      throw PlatformException.unavailable("database unavailable: " + failure.getMessage());
    } catch (RuntimeException failure) {
      // A refusal (a 4xx, a busy snapshot to retry) leaves the connection as it was: rolled back
      // by transaction(), or in auto-commit. It goes back to the pool; only a SQLException, which
      // may mean a broken connection, closes it.
      if (connection != null && !idle.offer(connection)) closeQuietly(connection);
      throw failure;
    }
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) return;
    try {
      connection.close();
    } catch (SQLException ignored) {
      // A broken connection may fail to close; it is dropped either way.
    }
  }

  @Override
  public void close() {
    Connection connection;
    while ((connection = idle.poll()) != null) {
      closeQuietly(connection);
    }
  }
}

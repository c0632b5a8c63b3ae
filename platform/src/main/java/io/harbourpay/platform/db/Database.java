package io.harbourpay.platform.db;

import io.harbourpay.ledger.store.Dialect;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.platform.PlatformException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
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

  /** Runs {@code work} in one transaction: committed if it returns, rolled back if it throws. */
  public <T> T transaction(Work<T> work) {
    return withConnection(
        connection -> {
          connection.setAutoCommit(false);
          try {
            T result = work.run(connection);
            connection.commit();
            return result;
          } catch (SQLException | RuntimeException failure) {
            connection.rollback();
            throw failure;
          } finally {
            connection.setAutoCommit(true);
          }
        });
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
      closeQuietly(connection);
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

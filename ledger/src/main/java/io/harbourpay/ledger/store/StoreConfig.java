package io.harbourpay.ledger.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the ledger keeps its tables: a JDBC URL ({@code jdbc:sqlite:…} or {@code
 * jdbc:postgresql:…}), credentials, and for PostgreSQL an optional schema (tests use one schema
 * each).
 */
public record StoreConfig(String jdbcUrl, String user, String password, String schema) {
  public StoreConfig {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
  }

  /** The embedded default: one SQLite file. */
  public static StoreConfig sqlite(Path file) {
    return new StoreConfig("jdbc:sqlite:" + file.toAbsolutePath(), null, null, null);
  }

  public static StoreConfig postgres(String jdbcUrl, String user, String password, String schema) {
    return new StoreConfig(jdbcUrl, user, password, schema);
  }

  public Dialect dialect() {
    return Dialect.of(jdbcUrl);
  }

  static final int CONNECT_TIMEOUT_SECONDS = 5;

  /** A stuck network must fail a statement, not hang its caller forever. */
  static final int SOCKET_TIMEOUT_SECONDS = 60;

  static final int SQLITE_BUSY_TIMEOUT_MS = 10_000;

  /**
   * DriverManager registers drivers once, through the class loader that first asks, and later hands
   * a driver only to callers whose own class loader resolves the same driver class. Where two class
   * loaders hold the driver (Quarkus tests: the test's and the application's), whichever connected
   * second got "No suitable driver". Initialising the driver class through this class's loader
   * registers the copy this code can use; in a one-loader application it is a no-op.
   */
  private static void registerDriver(Dialect dialect) {
    String driver = dialect == Dialect.SQLITE ? "org.sqlite.JDBC" : "org.postgresql.Driver";
    try {
      Class.forName(driver, true, StoreConfig.class.getClassLoader());
    } catch (ClassNotFoundException missing) {
      // Not on the class path: DriverManager's own "No suitable driver" says so.
    }
  }

  /**
   * Opens a connection set up the way every HarbourPay component needs it: on SQLite with
   * synchronous=FULL (a commit is on disk before it is acknowledged) and a busy timeout (the ledger
   * writer and other writers share one file); on PostgreSQL with timeouts and the schema.
   */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    if (user != null) properties.setProperty("user", user);
    if (password != null) properties.setProperty("password", password);
    Dialect dialect = dialect();
    if (dialect == Dialect.POSTGRESQL) {
      properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
      properties.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_SECONDS));
      properties.setProperty("ApplicationName", "harbourpay");
      properties.setProperty("tcpKeepAlive", "true");
    }
    registerDriver(dialect);
    Connection connection = DriverManager.getConnection(jdbcUrl, properties);
    try (Statement statement = connection.createStatement()) {
      if (dialect == Dialect.SQLITE) {
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MS);
      } else if (schema != null) {
        connection.setSchema(schema);
      }
    } catch (SQLException failure) {
      connection.close();
      throw failure;
    }
    return connection;
  }
}

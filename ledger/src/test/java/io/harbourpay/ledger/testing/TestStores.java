package io.harbourpay.ledger.testing;

import io.harbourpay.ledger.store.StoreConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The stores every store test runs against: SQLite in a fresh file, and PostgreSQL in a fresh
 * schema of the test database. Without a reachable PostgreSQL its tests are skipped with a message
 * saying why, except under CI=true, where they fail: CI must never pass by skipping.
 */
public final class TestStores {
  public static final String PG_URL =
      env("HARBOUR_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/harbour_test");
  public static final String PG_USER = env("HARBOUR_TEST_PG_USER", "postgres");
  public static final String PG_PASSWORD = env("HARBOUR_TEST_PG_PASSWORD", "");

  private TestStores() {}

  public enum Kind {
    SQLITE,
    POSTGRESQL
  }

  public static Stream<Kind> kinds() {
    return Stream.of(Kind.SQLITE, Kind.POSTGRESQL);
  }

  /** A new, empty store location of the given kind; skips (or fails under CI) if unreachable. */
  public static StoreConfig fresh(Kind kind) {
    return kind == Kind.SQLITE ? freshSqlite() : freshPostgres();
  }

  public static StoreConfig freshSqlite() {
    Path file = testDir().resolve("sqlite-" + UUID.randomUUID() + ".db");
    return StoreConfig.sqlite(file);
  }

  public static StoreConfig freshPostgres() {
    requirePostgres();
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    return StoreConfig.postgres(PG_URL, PG_USER, PG_PASSWORD, schema.toLowerCase(Locale.ROOT));
  }

  /** Drops a PostgreSQL test schema; SQLite files stay under target/ for inspection. */
  public static void dispose(StoreConfig config) {
    if (config.schema() == null) {
      return;
    }
    try (Connection connection = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD);
        Statement statement = connection.createStatement()) {
      // Never wait forever behind a connection someone forgot to close.
      statement.execute("SET lock_timeout = '5s'");
      statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot drop test schema " + config.schema(), failure);
    }
  }

  public static void requirePostgres() {
    String problem = postgresProblem();
    if (problem == null) {
      return;
    }
    String message =
        "PostgreSQL tests need a server at " + PG_URL + " (set HARBOUR_TEST_PG_URL): " + problem;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail("CI=true, so PostgreSQL tests may not be skipped. " + message);
    }
    System.err.println("SKIPPED: " + message);
    Assumptions.abort(message);
  }

  private static volatile String cachedProblem;
  private static volatile boolean checked;

  private static String postgresProblem() {
    if (!checked) {
      try (Connection ignored = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
        cachedProblem = null;
      } catch (SQLException failure) {
        cachedProblem = failure.getMessage();
      }
      checked = true;
    }
    return cachedProblem;
  }

  public static Path testDir() {
    Path dir = Path.of(env("HARBOUR_TEST_DIR", "target/test-data"));
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException failure) {
      throw new IllegalStateException(failure);
    }
    return dir;
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

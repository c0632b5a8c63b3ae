package io.harbourpay.bench;

import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh, empty ledger store for one run, removed afterwards: a new SQLite file, or a new schema
 * in the {@value #PG_DATABASE} database (created if missing).
 */
final class BenchStore implements AutoCloseable {
  static final String PG_DATABASE = "harbour_bench";

  private final StoreConfig config;
  private final Path sqliteFile;
  private final String pgServerUrl;
  private final String pgUser;

  private BenchStore(StoreConfig config, Path sqliteFile, String pgServerUrl, String pgUser) {
    this.config = config;
    this.sqliteFile = sqliteFile;
    this.pgServerUrl = pgServerUrl;
    this.pgUser = pgUser;
  }

  static BenchStore create(BenchOptions options) {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (options.store().equals("sqlite")) {
      Path file = Path.of(options.sqliteDir()).resolve("harbour-bench-" + suffix + ".db");
      return new BenchStore(StoreConfig.sqlite(file), file, null, null);
    }
    String server = options.pgUrl().endsWith("/") ? options.pgUrl() : options.pgUrl() + "/";
    createDatabaseIfMissing(server, options.pgUser());
    String schema = "bench_" + suffix;
    StoreConfig config = StoreConfig.postgres(server + PG_DATABASE, options.pgUser(), null, schema);
    return new BenchStore(config, null, server, options.pgUser());
  }

  private static void createDatabaseIfMissing(String server, String user) {
    try (Connection connection = DriverManager.getConnection(server + "postgres", user, null)) {
      boolean exists;
      try (PreparedStatement query =
          connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
        query.setString(1, PG_DATABASE);
        try (ResultSet rows = query.executeQuery()) {
          exists = rows.next();
        }
      }
      if (!exists) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("CREATE DATABASE " + PG_DATABASE);
        }
      }
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot prepare database " + PG_DATABASE, failure);
    }
  }

  JdbcLedgerStore open() {
    return JdbcLedgerStore.open(config);
  }

  String describe() {
    return sqliteFile != null ? sqliteFile.toString() : PG_DATABASE + "." + config.schema();
  }

  /** Size of what the run wrote, for the report. */
  long bytesOnDisk() {
    if (sqliteFile != null) {
      long total = 0;
      for (String extension : new String[] {"", "-wal", "-shm"}) {
        Path file = Path.of(sqliteFile + extension);
        try {
          if (Files.exists(file)) total += Files.size(file);
        } catch (IOException failure) {
          throw new UncheckedIOException(failure);
        }
      }
      return total;
    }
    try (Connection connection = DriverManager.getConnection(config.jdbcUrl(), pgUser, null);
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace"
                    + " WHERE n.nspname = ? AND c.relkind = 'r'")) {
      query.setString(1, config.schema());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot measure schema size", failure);
    }
  }

  @Override
  public void close() {
    if (sqliteFile != null) {
      for (String extension : new String[] {"", "-wal", "-shm"}) {
        try {
          Files.deleteIfExists(Path.of(sqliteFile + extension));
        } catch (IOException failure) {
          throw new UncheckedIOException(failure);
        }
      }
      return;
    }
    try (Connection connection =
            DriverManager.getConnection(pgServerUrl + PG_DATABASE, pgUser, null);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + config.schema() + " CASCADE");
    } catch (SQLException failure) {
      throw new IllegalStateException("cannot drop schema " + config.schema(), failure);
    }
  }
}

package io.harbourpay.ledger.store;

import java.nio.file.Path;
import java.util.Objects;

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
}

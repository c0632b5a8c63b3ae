package io.harbourpay.ledger.store;

/** The SQL engines the ledger runs on; what differs between them lives behind this enum. */
public enum Dialect {
  SQLITE("INTEGER PRIMARY KEY", "BLOB"),
  POSTGRESQL("BIGINT", "BYTEA");

  private final String timestampColumn;
  private final String blobColumn;

  Dialect(String timestampColumn, String blobColumn) {
    this.timestampColumn = timestampColumn;
    this.blobColumn = blobColumn;
  }

  String blobColumn() {
    return blobColumn;
  }

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:sqlite:")) return SQLITE;
    if (jdbcUrl.startsWith("jdbc:postgresql:")) return POSTGRESQL;
    throw new IllegalArgumentException(
        "unsupported database URL (expected jdbc:sqlite: or jdbc:postgresql:): " + jdbcUrl);
  }

  String timestampColumn() {
    return timestampColumn;
  }

  BatchWriter newBatchWriter() {
    return this == SQLITE ? new SqliteBatchWriter() : new PostgresBatchWriter();
  }
}

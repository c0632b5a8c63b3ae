package io.harbourpay.ledger;

import java.util.List;
import java.util.Objects;

/**
 * A row the platform writes in the same database transaction as a command's transfers: a payment
 * row, an outbox event, a used pay code. Written only when every transfer of the command is OK, so
 * a business record and its money movement are never apart.
 *
 * <p>Parameters are bound with {@code setObject}; use Long, Integer, String, byte[] or null. Rows
 * with the same SQL text are sent in one JDBC batch.
 */
public record AttachedRecord(String sql, List<Object> parameters) {
  public AttachedRecord {
    Objects.requireNonNull(sql, "sql");
    // Not List.copyOf: SQL NULL parameters are legitimate and it refuses nulls.
    parameters = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(parameters));
  }

  public static AttachedRecord of(String sql, Object... parameters) {
    return new AttachedRecord(sql, java.util.Arrays.asList(parameters));
  }
}

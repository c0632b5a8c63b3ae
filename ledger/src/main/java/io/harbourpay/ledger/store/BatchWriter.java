package io.harbourpay.ledger.store;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.StoreBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes one batch inside the caller's open transaction, in the fastest way a dialect allows. */
abstract class BatchWriter {
  static final String ACCOUNT_COLUMNS =
      "id, currency, code, flags, user_data, debits_pending, debits_posted, credits_pending,"
          + " credits_posted, ts";
  static final String ACCOUNT_UPSERT_SET =
      " ON CONFLICT (id) DO UPDATE SET flags = excluded.flags,"
          + " debits_pending = excluded.debits_pending, debits_posted = excluded.debits_posted,"
          + " credits_pending = excluded.credits_pending, credits_posted = excluded.credits_posted,"
          + " covered_ts = excluded.covered_ts";
  static final String TRANSFER_COLUMNS =
      "ts, id, debit_account_id, credit_account_id, amount, pending_id, user_data,"
          + " timeout_seconds, currency, code, flags";

  /** What a batch writes per transfer: the record's fields and the balances after it. */
  static final String TRANSFER_INSERT_COLUMNS =
      TRANSFER_COLUMNS + ", debit_balance_after, credit_balance_after";

  static final String HISTORY_COLUMNS = "account_id, first_ts, last_ts, entries";

  static final String HOLD_COLUMNS = "pending_id, expires_at, status, resolved_at";
  static final String HOLD_UPSERT_SET =
      " ON CONFLICT (pending_id) DO UPDATE SET status = excluded.status,"
          + " resolved_at = excluded.resolved_at";

  abstract void write(Connection connection, StoreBatch batch) throws SQLException;

  /** Records the batch's new checkpoint, in the transaction of the rows that make it true. */
  static void writeCheckpoint(Connection connection, StoreBatch batch) throws SQLException {
    if (batch.checkpointTimestamp() < 0) {
      return;
    }
    try (PreparedStatement update =
        connection.prepareStatement("UPDATE ledger_checkpoint SET covered_ts = ? WHERE id = 1")) {
      update.setLong(1, batch.checkpointTimestamp());
      if (update.executeUpdate() != 1) {
        throw new SQLException("ledger_checkpoint has no row");
      }
    }
  }

  /** Attached records, one JDBC batch per distinct statement, in first-seen order. */
  static void writeRecords(Connection connection, List<AttachedRecord> records)
      throws SQLException {
    if (records.isEmpty()) {
      return;
    }
    Map<String, PreparedStatement> statements = new LinkedHashMap<>();
    try {
      for (AttachedRecord record : records) {
        PreparedStatement statement = statements.get(record.sql());
        if (statement == null) {
          statement = connection.prepareStatement(record.sql());
          statements.put(record.sql(), statement);
        }
        List<Object> parameters = record.parameters();
        for (int index = 0; index < parameters.size(); index++) {
          statement.setObject(index + 1, parameters.get(index));
        }
        statement.addBatch();
      }
      for (PreparedStatement statement : statements.values()) {
        statement.executeBatch();
      }
    } finally {
      for (PreparedStatement statement : statements.values()) {
        statement.close();
      }
    }
  }
}

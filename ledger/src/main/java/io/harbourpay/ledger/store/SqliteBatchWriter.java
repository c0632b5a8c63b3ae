package io.harbourpay.ledger.store;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.HistoryChunks;
import io.harbourpay.ledger.Hold;
import io.harbourpay.ledger.StoreBatch;
import io.harbourpay.ledger.Transfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * SQLite is in-process, so a prepared statement per row costs a function call, not a round trip:
 * plain JDBC batches are as fast as it gets.
 */
final class SqliteBatchWriter extends BatchWriter {
  private static final String INSERT_TRANSFER =
      "INSERT INTO ledger_transfers ("
          + TRANSFER_INSERT_COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)";
  private static final String UPSERT_ACCOUNT =
      "INSERT INTO ledger_accounts ("
          + ACCOUNT_COLUMNS
          + ", covered_ts) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
          + ACCOUNT_UPSERT_SET;
  private static final String INSERT_HISTORY =
      "INSERT INTO ledger_history (" + HISTORY_COLUMNS + ") VALUES (?,?,?,?)";
  private static final String UPSERT_HOLD =
      "INSERT INTO ledger_holds (" + HOLD_COLUMNS + ") VALUES (?,?,?,?)" + HOLD_UPSERT_SET;

  @Override
  void write(Connection connection, StoreBatch batch) throws SQLException {
    if (!batch.transfers().isEmpty()) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_TRANSFER)) {
        List<Transfer> transfers = batch.transfers();
        for (int index = 0; index < transfers.size(); index++) {
          Transfer transfer = transfers.get(index);
          insert.setLong(1, transfer.timestamp());
          insert.setLong(2, transfer.id());
          insert.setLong(3, transfer.debitAccountId());
          insert.setLong(4, transfer.creditAccountId());
          insert.setLong(5, transfer.amount());
          insert.setLong(6, transfer.pendingId());
          insert.setLong(7, transfer.userData());
          insert.setInt(8, transfer.timeoutSeconds());
          insert.setString(9, transfer.currency());
          insert.setInt(10, transfer.code());
          insert.setInt(11, transfer.flags());
          insert.setLong(12, batch.debitBalanceAfter(index));
          insert.setLong(13, batch.creditBalanceAfter(index));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_ACCOUNT)) {
      for (Account account : batch.accounts()) {
        upsert.setLong(1, account.id());
        upsert.setString(2, account.currency());
        upsert.setInt(3, account.code());
        upsert.setInt(4, account.flags());
        upsert.setLong(5, account.userData());
        upsert.setLong(6, account.debitsPending());
        upsert.setLong(7, account.debitsPosted());
        upsert.setLong(8, account.creditsPending());
        upsert.setLong(9, account.creditsPosted());
        upsert.setLong(10, account.timestamp());
        upsert.setLong(11, batch.coveredTimestamp());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
    if (batch.holdCount() > 0) {
      try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HOLD)) {
        for (Hold hold : batch.holds()) {
          upsert.setLong(1, hold.pendingId());
          upsert.setLong(2, hold.expiresAt());
          upsert.setInt(3, hold.status());
          upsert.setLong(4, hold.resolvedAt());
          upsert.addBatch();
        }
        upsert.executeBatch();
      }
    }
    HistoryChunks history = batch.history();
    if (history.size() > 0) {
      try (PreparedStatement insert = connection.prepareStatement(INSERT_HISTORY)) {
        for (int chunk = 0; chunk < history.size(); chunk++) {
          insert.setLong(1, history.accountId(chunk));
          insert.setLong(2, history.firstTimestamp(chunk));
          insert.setLong(3, history.lastTimestamp(chunk));
          insert.setBytes(4, history.encodedEntries(chunk));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    writeCheckpoint(connection, batch);
    writeRecords(connection, batch.records());
  }
}

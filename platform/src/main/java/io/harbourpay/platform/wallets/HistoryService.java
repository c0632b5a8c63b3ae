package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A customer's history, newest first, with cursor pagination and filters. The balance after each
 * line is the wallet's posted balance right after that money moved, computed from the ledger's own
 * transfers (a running sum per wallet account), so it can never disagree with the ledger.
 */
public final class HistoryService {
  private static final String COLUMNS =
      "e.id, e.currency, e.type, e.amount, e.fee, e.status, e.counterparty, e.memo, e.reference,"
          + " %s AS balance_after, e.created_at, e.updated_at";

  private final Database database;

  public HistoryService(Database database) {
    this.database = database;
  }

  public HistoryPage history(long customerId, HistoryQuery query) {
    io.harbourpay.platform.Cursor cursor = io.harbourpay.platform.Cursor.decode(query.cursor());
    StringBuilder where = new StringBuilder(" WHERE e.customer_id = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(customerId);
    if (query.currency() != null) {
      where.append(" AND e.currency = ?");
      parameters.add(query.currency());
    }
    if (query.type() != null) {
      where.append(" AND e.type = ?");
      parameters.add(query.type());
    }
    if (query.fromMicros() != null) {
      where.append(" AND e.created_at >= ?");
      parameters.add(query.fromMicros());
    }
    if (query.toMicros() != null) {
      where.append(" AND e.created_at < ?");
      parameters.add(query.toMicros());
    }
    if (cursor != null) {
      where.append(" AND (e.created_at < ? OR (e.created_at = ? AND e.id < ?))");
      parameters.add(cursor.atMicros());
      parameters.add(cursor.atMicros());
      parameters.add(cursor.id());
    }
    String sql =
        "SELECT "
            + columns(customerId)
            + " FROM wallet_entries e LEFT JOIN ledger_transfers t ON t.id = e.settle_transfer_id"
            + where
            + " ORDER BY e.created_at DESC, e.id DESC LIMIT ?";
    parameters.add(query.limit() + 1);
    List<HistoryEntry> entries = select(sql, parameters);
    String next = null;
    if (entries.size() > query.limit()) {
      entries.remove(entries.size() - 1);
      HistoryEntry last = entries.get(entries.size() - 1);
      next = new io.harbourpay.platform.Cursor(last.createdAtMicros(), last.id()).encode();
    }
    return new HistoryPage(entries, next);
  }

  /** One line of the customer's own history, by its public id (a receipt). */
  public HistoryEntry entry(long customerId, String publicId) {
    long id = Ids.parsePublicId(HistoryEntry.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("transaction");
    String sql =
        "SELECT "
            + columns(customerId)
            + " FROM wallet_entries e LEFT JOIN ledger_transfers t ON t.id = e.settle_transfer_id"
            + " WHERE e.customer_id = ? AND e.id = ?";
    List<HistoryEntry> found = select(sql, List.of(customerId, id));
    if (found.isEmpty()) throw PlatformException.notFound("transaction");
    return found.get(0);
  }

  /**
   * The columns of a line; the balance is the settling transfer's balance after it on whichever
   * side is this customer's wallet (a customer's wallet is never on both sides of one transfer).
   */
  private static String columns(long customerId) {
    StringBuilder wallets = new StringBuilder();
    for (WalletCurrency currency : WalletCurrency.values()) {
      if (wallets.length() > 0) wallets.append(", ");
      wallets.append(WalletAccounts.wallet(customerId, currency));
    }
    return COLUMNS.formatted(
        "CASE WHEN t.credit_account_id IN ("
            + wallets
            + ") THEN t.credit_balance_after ELSE t.debit_balance_after END");
  }

  private List<HistoryEntry> select(String sql, List<Object> parameters) {
    return database.read(
        connection -> {
          List<HistoryEntry> entries = new ArrayList<>();
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.size(); index++) {
              query.setObject(index + 1, parameters.get(index));
            }
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) entries.add(read(rows));
            }
          }
          return entries;
        });
  }

  private static HistoryEntry read(ResultSet rows) throws SQLException {
    long balance = rows.getLong(10);
    Long balanceAfter = rows.wasNull() ? null : balance;
    return new HistoryEntry(
        rows.getLong(1),
        WalletCurrency.valueOf(rows.getString(2)),
        rows.getString(3),
        rows.getLong(4),
        rows.getLong(5),
        rows.getString(6),
        rows.getString(7),
        rows.getString(8),
        rows.getString(9),
        balanceAfter,
        rows.getLong(11),
        rows.getLong(12));
  }
}

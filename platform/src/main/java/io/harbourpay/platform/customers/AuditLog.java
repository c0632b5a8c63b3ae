package io.harbourpay.platform.customers;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of operator actions. An action and its audit row commit together: callers append
 * inside the transaction that performs the action.
 */
public final class AuditLog {
  public static final String CUSTOMER_LOCK = "customer.lock";
  public static final String CUSTOMER_UNLOCK = "customer.unlock";
  public static final String KYC_APPROVE = "kyc.approve";
  public static final String KYC_REJECT = "kyc.reject";
  public static final String CUSTOMER_TIER = "customer.tier";
  public static final String LIMITS_CHANGE = "limits.change";

  static final int DETAIL_LENGTH_MAX = 1000;

  private final Database database;

  public AuditLog(Database database) {
    this.database = database;
  }

  /** Appends an entry inside the caller's transaction on {@code connection}. */
  public static AuditEntry append(
      Connection connection, Instant at, String actor, String action, String target, String detail)
      throws SQLException {
    String bounded =
        detail == null || detail.length() <= DETAIL_LENGTH_MAX
            ? detail
            : detail.substring(0, DETAIL_LENGTH_MAX - 1) + "…";
    AuditEntry entry = new AuditEntry(Ids.random(), at, actor, action, target, bounded);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO audit_log (id, at, actor, action, target, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, entry.id());
      insert.setLong(2, Micros.of(at));
      insert.setString(3, actor);
      insert.setString(4, action);
      insert.setString(5, target);
      insert.setString(6, bounded);
      insert.executeUpdate();
    }
    return entry;
  }

  /**
   * Entries newest first, all of them or only those about {@code target} (a public id; {@code null}
   * for all), {@code limit} at most {@link Page#LIMIT_MAX} per page.
   */
  public Page<AuditEntry> list(String target, int limit, String afterCursor) {
    return list(target, null, null, limit, afterCursor);
  }

  /**
   * Entries newest first, filtered by any of {@code target}, {@code actor} and {@code action}
   * (exact; {@code null} for any), {@code limit} at most {@link Page#LIMIT_MAX} per page.
   */
  public Page<AuditEntry> list(
      String target, String actor, String action, int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    StringBuilder sql =
        new StringBuilder("SELECT id, at, actor, action, target, detail FROM audit_log WHERE 1=1");
    if (target != null) sql.append(" AND target = ?");
    if (actor != null) sql.append(" AND actor = ?");
    if (action != null) sql.append(" AND action = ?");
    if (after != null) sql.append(" AND (at < ? OR (at = ? AND id < ?))");
    sql.append(" ORDER BY at DESC, id DESC LIMIT ?");
    return database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            if (target != null) select.setString(index++, target);
            if (actor != null) select.setString(index++, actor);
            if (action != null) select.setString(index++, action);
            if (after != null) {
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.id());
            }
            select.setInt(index, pageLimit + 1);
            List<AuditEntry> entries = new ArrayList<>(pageLimit + 1);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                entries.add(
                    new AuditEntry(
                        row.getLong(1),
                        Micros.toInstant(row.getLong(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6)));
              }
            }
            if (entries.size() <= pageLimit) return new Page<>(entries, null);
            AuditEntry last = entries.get(pageLimit - 1);
            return new Page<>(
                entries.subList(0, pageLimit),
                new Cursor(Micros.of(last.at()), last.id()).encode());
          }
        });
  }
}

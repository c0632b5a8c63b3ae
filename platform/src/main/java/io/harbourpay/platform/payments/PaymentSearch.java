package io.harbourpay.platform.payments;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A merchant's payments, newest first, for people looking for one: by payment id or the start of
 * the merchant's reference, by status, store, currency and a time range, in cursor pages of at most
 * {@link Page#LIMIT_MAX}. Rows come without their refunds (the amount refunded so far is on the
 * row); a payment's detail is {@link PaymentService#forMerchant}.
 */
public final class PaymentSearch {
  static final Set<String> STATUSES =
      Set.of(Payment.REQUIRES_CONFIRMATION, Payment.SUCCEEDED, Payment.FAILED, Payment.CANCELED);

  /**
   * Every filter is optional (null). {@code text} is a payment id ({@code pay_…}) or the start of a
   * merchant reference; {@code from} is inclusive and {@code to} exclusive.
   */
  public record Query(
      String text,
      String status,
      Long storeId,
      String currency,
      Instant from,
      Instant to,
      int limit,
      String cursor) {}

  private PaymentSearch() {}

  static Page<Payment> run(Database database, long merchantId, Query query) {
    int limit = Cursor.limit(query.limit());
    Cursor after = Cursor.decode(query.cursor());
    StringBuilder sql =
        new StringBuilder(
            "SELECT " + PaymentService.COLUMNS + " FROM payments WHERE merchant_id = ?");
    List<Object> parameters = new ArrayList<>();
    parameters.add(merchantId);
    String text = query.text() == null ? "" : query.text().strip();
    if (!text.isEmpty()) {
      if (text.startsWith(Payment.ID_PREFIX + "_")) {
        sql.append(" AND id = ?");
        parameters.add(parseIdOrNone(text));
      } else {
        sql.append(" AND merchant_reference LIKE ? ESCAPE '\\'");
        parameters.add(text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
      }
    }
    if (query.status() != null && !query.status().isEmpty()) {
      if (!STATUSES.contains(query.status())) {
        throw PlatformException.invalid(
            "status",
            "status_invalid",
            "status must be one of requires_confirmation, succeeded, failed, canceled");
      }
      sql.append(" AND status = ?");
      parameters.add(query.status());
    }
    if (query.storeId() != null) {
      sql.append(" AND store_id = ?");
      parameters.add(query.storeId());
    }
    if (query.currency() != null && !query.currency().isEmpty()) {
      sql.append(" AND currency = ?");
      parameters.add(query.currency());
    }
    if (query.from() != null) {
      sql.append(" AND created_at >= ?");
      parameters.add(Time.micros(query.from()));
    }
    if (query.to() != null) {
      sql.append(" AND created_at < ?");
      parameters.add(Time.micros(query.to()));
    }
    if (after != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      parameters.add(after.atMicros());
      parameters.add(after.atMicros());
      parameters.add(after.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    parameters.add(limit + 1);
    List<Payment> found =
        database.read(
            connection -> {
              List<Payment> rows = new ArrayList<>();
              try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                for (int index = 0; index < parameters.size(); index++) {
                  select.setObject(index + 1, parameters.get(index));
                }
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) rows.add(PaymentService.read(row));
                }
              }
              return rows;
            });
    if (found.size() <= limit) return new Page<>(found, null);
    Payment last = found.get(limit - 1);
    return new Page<>(
        found.subList(0, limit), new Cursor(Time.micros(last.createdAt()), last.id()).encode());
  }

  /** An id that does not parse matches nothing (a search, not a lookup: no error). */
  private static long parseIdOrNone(String text) {
    try {
      return Ids.parsePublicId(Payment.ID_PREFIX, text);
    } catch (PlatformException notOurs) {
      return 0;
    }
  }
}

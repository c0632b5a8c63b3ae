package io.harbourpay.platform.customers;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's customer search: by public id ({@code cus_…}), by mobile number (digits, any
 * spacing; matched as a part of the stored E.164 number) or by name (a part of the full name of any
 * identity review, case-insensitive). Newest customers first, cursor paged.
 */
public final class CustomerSearch {
  /** A search hit: the customer and the name of their latest identity review, if any. */
  public record Hit(Customer customer, String fullName) {}

  static final int QUERY_LENGTH_MAX = 100;

  private final Database database;

  public CustomerSearch(Database database) {
    this.database = database;
  }

  public Page<Hit> search(String query, int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    String text = query == null ? "" : query.strip();
    if (text.length() > QUERY_LENGTH_MAX) text = text.substring(0, QUERY_LENGTH_MAX);
    StringBuilder sql =
        new StringBuilder(
            "SELECT c.id, c.phone, c.tier, c.status, c.created_at, c.updated_at,"
                + " (SELECT k.full_name FROM kyc_reviews k WHERE k.customer_id = c.id"
                + " ORDER BY k.submitted_at DESC, k.id DESC LIMIT 1)"
                + " FROM customers c WHERE 1=1");
    List<Object> parameters = new ArrayList<>();
    String digits = text.replaceAll("[\\s()+.-]", "");
    if (text.startsWith(CustomerRef.ID_PREFIX + "_")) {
      sql.append(" AND c.id = ?");
      parameters.add(Ids.parsePublicId(CustomerRef.ID_PREFIX, text));
    } else if (!digits.isEmpty() && digits.chars().allMatch(Character::isDigit)) {
      sql.append(" AND c.phone LIKE ?");
      parameters.add("%" + digits + "%");
    } else if (!text.isEmpty()) {
      sql.append(
          " AND EXISTS (SELECT 1 FROM kyc_reviews k WHERE k.customer_id = c.id"
              + " AND LOWER(k.full_name) LIKE ?)");
      parameters.add("%" + escapeLike(text.toLowerCase(Locale.ROOT)) + "%");
    }
    if (after != null) {
      sql.append(" AND (c.created_at < ? OR (c.created_at = ? AND c.id < ?))");
      parameters.add(after.atMicros());
      parameters.add(after.atMicros());
      parameters.add(after.id());
    }
    sql.append(" ORDER BY c.created_at DESC, c.id DESC LIMIT ?");
    parameters.add(pageLimit + 1);
    return database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            for (int index = 0; index < parameters.size(); index++) {
              select.setObject(index + 1, parameters.get(index));
            }
            List<Hit> hits = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                hits.add(
                    new Hit(
                        new Customer(
                            row.getLong(1),
                            row.getString(2),
                            Tier.valueOf(row.getString(3)),
                            CustomerRows.LOCKED.equals(row.getString(4)),
                            Micros.toInstant(row.getLong(5)),
                            Micros.toInstant(row.getLong(6))),
                        row.getString(7)));
              }
            }
            if (hits.size() <= pageLimit) return new Page<>(hits, null);
            Customer last = hits.get(pageLimit - 1).customer();
            return new Page<>(
                hits.subList(0, pageLimit),
                new Cursor(Micros.of(last.createdAt()), last.id()).encode());
          }
        });
  }

  /** LIKE wildcards typed into a name query are dropped: they would match any name. */
  private static String escapeLike(String text) {
    return text.replace("%", "").replace("_", "");
  }
}

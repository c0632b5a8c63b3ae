package io.harbourpay.platform.customers;

import io.harbourpay.platform.Tier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** The customers table, for the services of this package. */
final class CustomerRows {
  static final String ACTIVE = "active";
  static final String LOCKED = "locked";
  private static final String COLUMNS = "id, phone, tier, status, created_at, updated_at";

  private CustomerRows() {}

  static Optional<Customer> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM customers WHERE id = ?")) {
      select.setLong(1, id);
      return one(select);
    }
  }

  static Optional<Customer> byPhone(Connection connection, String e164) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM customers WHERE phone = ?")) {
      select.setString(1, e164);
      return one(select);
    }
  }

  /**
   * Locks the customer's row for the rest of the transaction and returns it. A no-op update is the
   * lock that works on both databases (PostgreSQL: the row; SQLite: the database write lock, taken
   * by the transaction's first statement so it cannot deadlock upgrading a read lock).
   */
  static Optional<Customer> lock(Connection connection, long id) throws SQLException {
    try (PreparedStatement touch =
        connection.prepareStatement("UPDATE customers SET updated_at = updated_at WHERE id = ?")) {
      touch.setLong(1, id);
      if (touch.executeUpdate() == 0) return Optional.empty();
    }
    return byId(connection, id);
  }

  /** Inserts a new active, unverified customer unless the phone is taken; true if inserted. */
  static boolean insertIfAbsent(Connection connection, long id, String e164, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO customers (id, phone, tier, status, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (phone) DO NOTHING")) {
      insert.setLong(1, id);
      insert.setString(2, e164);
      insert.setString(3, Tier.UNVERIFIED.name());
      insert.setString(4, ACTIVE);
      insert.setLong(5, Micros.of(now));
      insert.setLong(6, Micros.of(now));
      return insert.executeUpdate() == 1;
    }
  }

  static void setTier(Connection connection, long id, Tier tier, Instant now) throws SQLException {
    update(connection, "tier", tier.name(), id, now);
  }

  static void setLocked(Connection connection, long id, boolean locked, Instant now)
      throws SQLException {
    update(connection, "status", locked ? LOCKED : ACTIVE, id, now);
  }

  private static void update(
      Connection connection, String column, String value, long id, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE customers SET " + column + " = ?, updated_at = ? WHERE id = ?")) {
      update.setString(1, value);
      update.setLong(2, Micros.of(now));
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  private static Optional<Customer> one(PreparedStatement select) throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      if (!row.next()) return Optional.empty();
      return Optional.of(
          new Customer(
              row.getLong(1),
              row.getString(2),
              Tier.valueOf(row.getString(3)),
              LOCKED.equals(row.getString(4)),
              Micros.toInstant(row.getLong(5)),
              Micros.toInstant(row.getLong(6))));
    }
  }
}

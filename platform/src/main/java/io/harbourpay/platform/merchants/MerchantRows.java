package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.Page;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

/** The merchants, stores and terminals tables, for the services of this package. */
final class MerchantRows {
  private static final String MERCHANT_COLUMNS =
      "id, legal_name, mcc, country, settlement_currency, discount_rate_bps, bank_code,"
          + " bank_account_number, status, created_at, updated_at, fps_id";
  private static final String STORE_COLUMNS =
      "id, merchant_id, name_en, name_zh, address, district, created_at";
  private static final String TERMINAL_COLUMNS =
      "id, merchant_id, store_id, label, status, created_at";

  private MerchantRows() {}

  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  static void insertMerchant(Connection connection, long id, NewMerchant m, Instant now)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO merchants (" + MERCHANT_COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      insert.setLong(1, id);
      insert.setString(2, m.legalName());
      insert.setString(3, m.mcc());
      insert.setString(4, m.country());
      insert.setString(5, m.settlementCurrency());
      insert.setInt(6, m.discountRateBps());
      insert.setString(7, m.bankCode());
      insert.setString(8, m.bankAccountNumber());
      insert.setString(9, MerchantStatus.ACTIVE.wireName());
      insert.setLong(10, Time.micros(now));
      insert.setLong(11, Time.micros(now));
      insert.setString(12, m.fpsId());
      insert.executeUpdate();
    }
  }

  static Optional<Merchant> merchant(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + MERCHANT_COLUMNS + " FROM merchants WHERE id = ?")) {
      select.setLong(1, id);
      return one(select, MerchantRows::merchant);
    }
  }

  /**
   * Locks the merchant's row for the rest of the transaction (a no-op update: the row lock on
   * PostgreSQL, the write lock on SQLite) and returns it.
   */
  static Optional<Merchant> lockMerchant(Connection connection, long id) throws SQLException {
    try (PreparedStatement touch =
        connection.prepareStatement("UPDATE merchants SET updated_at = updated_at WHERE id = ?")) {
      touch.setLong(1, id);
      if (touch.executeUpdate() == 0) return Optional.empty();
    }
    return merchant(connection, id);
  }

  static void updateMerchant(
      Connection connection, long id, String column, Object value, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE merchants SET " + column + " = ?, updated_at = ? WHERE id = ?")) {
      if (value == null) update.setNull(1, java.sql.Types.VARCHAR);
      else update.setObject(1, value);
      update.setLong(2, Time.micros(now));
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  static Page<Merchant> merchants(Connection connection, int limit, Cursor after)
      throws SQLException {
    return page(
        connection,
        "SELECT " + MERCHANT_COLUMNS + " FROM merchants WHERE 1=1",
        List.of(),
        limit,
        after,
        MerchantRows::merchant,
        merchant -> Time.micros(merchant.createdAt()),
        Merchant::id);
  }

  static void insertStore(Connection connection, long id, long merchantId, NewStore s, Instant now)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(insertStoreSql())) {
      bindStore(insert, id, merchantId, s, now);
      insert.executeUpdate();
    }
  }

  static String insertStoreSql() {
    return "INSERT INTO stores (" + STORE_COLUMNS + ") VALUES (?,?,?,?,?,?,?)";
  }

  static void bindStore(PreparedStatement insert, long id, long merchantId, NewStore s, Instant now)
      throws SQLException {
    insert.setLong(1, id);
    insert.setLong(2, merchantId);
    insert.setString(3, s.nameEn());
    insert.setString(4, s.nameZh());
    insert.setString(5, s.address());
    insert.setString(6, s.district());
    insert.setLong(7, Time.micros(now));
  }

  /** The store if it belongs to {@code merchantId}: another merchant's store is not found. */
  static Optional<Store> store(Connection connection, long merchantId, long storeId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + STORE_COLUMNS + " FROM stores WHERE id = ? AND merchant_id = ?")) {
      select.setLong(1, storeId);
      select.setLong(2, merchantId);
      return one(select, MerchantRows::store);
    }
  }

  static Page<Store> stores(Connection connection, long merchantId, int limit, Cursor after)
      throws SQLException {
    return page(
        connection,
        "SELECT " + STORE_COLUMNS + " FROM stores WHERE merchant_id = ?",
        List.of(merchantId),
        limit,
        after,
        MerchantRows::store,
        store -> Time.micros(store.createdAt()),
        Store::id);
  }

  static long count(Connection connection, String sql, long id) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  static String insertTerminalSql() {
    return "INSERT INTO terminals (" + TERMINAL_COLUMNS + ") VALUES (?,?,?,?,?,?)";
  }

  static void bindTerminal(
      PreparedStatement insert, long id, long merchantId, long storeId, String label, Instant now)
      throws SQLException {
    insert.setLong(1, id);
    insert.setLong(2, merchantId);
    insert.setLong(3, storeId);
    insert.setString(4, label);
    insert.setString(5, Terminal.Status.ACTIVE.wireName());
    insert.setLong(6, Time.micros(now));
  }

  static Optional<Terminal> terminal(Connection connection, long merchantId, long terminalId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + TERMINAL_COLUMNS + " FROM terminals WHERE id = ? AND merchant_id = ?")) {
      select.setLong(1, terminalId);
      select.setLong(2, merchantId);
      return one(select, MerchantRows::terminal);
    }
  }

  static Page<Terminal> terminals(
      Connection connection, long merchantId, long storeId, int limit, Cursor after)
      throws SQLException {
    return page(
        connection,
        "SELECT " + TERMINAL_COLUMNS + " FROM terminals WHERE merchant_id = ? AND store_id = ?",
        List.of(merchantId, storeId),
        limit,
        after,
        MerchantRows::terminal,
        terminal -> Time.micros(terminal.createdAt()),
        Terminal::id);
  }

  private static <T> Page<T> page(
      Connection connection,
      String select,
      List<Long> parameters,
      int limit,
      Cursor after,
      RowReader<T> reader,
      ToLongFunction<T> atMicros,
      ToLongFunction<T> id)
      throws SQLException {
    String sql =
        select
            + (after == null ? "" : " AND (created_at > ? OR (created_at = ? AND id > ?))")
            + " ORDER BY created_at, id LIMIT ?";
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      int index = 1;
      for (long parameter : parameters) query.setLong(index++, parameter);
      if (after != null) {
        query.setLong(index++, after.atMicros());
        query.setLong(index++, after.atMicros());
        query.setLong(index++, after.id());
      }
      query.setInt(index, limit + 1);
      List<T> items = new ArrayList<>(limit + 1);
      try (ResultSet row = query.executeQuery()) {
        while (row.next()) items.add(reader.read(row));
      }
      if (items.size() <= limit) return new Page<>(items, null);
      T last = items.get(limit - 1);
      return new Page<>(
          items.subList(0, limit),
          new Cursor(atMicros.applyAsLong(last), id.applyAsLong(last)).encode());
    }
  }

  private static <T> Optional<T> one(PreparedStatement select, RowReader<T> reader)
      throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? Optional.of(reader.read(row)) : Optional.empty();
    }
  }

  private static Merchant merchant(ResultSet row) throws SQLException {
    return new Merchant(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getInt(6),
        row.getString(7),
        row.getString(8),
        row.getString(12),
        MerchantStatus.ofWireName(row.getString(9)),
        Time.instant(row.getLong(10)),
        Time.instant(row.getLong(11)));
  }

  private static Store store(ResultSet row) throws SQLException {
    return new Store(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        row.getString(4),
        row.getString(5),
        row.getString(6),
        Time.instant(row.getLong(7)));
  }

  private static Terminal terminal(ResultSet row) throws SQLException {
    return new Terminal(
        row.getLong(1),
        row.getLong(2),
        row.getLong(3),
        row.getString(4),
        Terminal.Status.valueOf(row.getString(5).toUpperCase(java.util.Locale.ROOT)),
        Time.instant(row.getLong(6)));
  }
}

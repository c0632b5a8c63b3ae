package io.harbourpay.platform.operators;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dashboard's numbers, read from the platform's tables with SQL that runs on SQLite and
 * PostgreSQL alike (integer division of epoch microseconds makes the day buckets, grouped by
 * position; no date functions). Days are Hong Kong days, as the limits'.
 *
 * <ul>
 *   <li>active customers: customers with a succeeded wallet movement (top-up, withdrawal, transfer,
 *       payment …) in the period, and per day;
 *   <li>accepting stores: stores with at least one succeeded payment in the period, and per day;
 *   <li>volume: per day and currency, the amount of succeeded payments made that day, and the
 *       amount refunded that day (of payments of any day).
 * </ul>
 */
public final class OperatorStats {
  public static final int DAYS_MAX = 366;
  public static final ZoneId ZONE = ZoneId.of("Asia/Hong_Kong");
  private static final long DAY_MICROS = 86_400_000_000L;

  public record Day(
      LocalDate day,
      long activeCustomers,
      long acceptingStores,
      Map<String, Long> capturedMinor,
      Map<String, Long> refundedMinor) {}

  public record Summary(
      LocalDate from, LocalDate to, long activeCustomers, long acceptingStores, List<Day> days) {}

  private final Database database;
  private final Clock clock;

  public OperatorStats(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** The last {@code days} Hong Kong days, today included. */
  public Summary lastDays(int days) {
    if (days < 1 || days > DAYS_MAX) {
      throw PlatformException.invalid(
          "days", "days_invalid", "days must be between 1 and " + DAYS_MAX);
    }
    LocalDate to = LocalDate.now(clock.withZone(ZONE));
    LocalDate from = to.minusDays(days - 1L);
    long fromMicros = Time.micros(from.atStartOfDay(ZONE).toInstant());
    long toMicros = Time.micros(to.plusDays(1).atStartOfDay(ZONE).toInstant());
    return database.read(
        connection -> {
          Map<Long, long[]> counts = new TreeMap<>();
          Map<Long, Map<String, Long>> captured = new TreeMap<>();
          Map<Long, Map<String, Long>> refunded = new TreeMap<>();
          perDay(
              connection,
              "SELECT (created_at - ?) / ?, COUNT(DISTINCT customer_id) FROM wallet_entries"
                  + " WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?"
                  + " GROUP BY 1",
              fromMicros,
              toMicros,
              (bucket, row) ->
                  counts.computeIfAbsent(bucket, key -> new long[2])[0] = row.getLong(2));
          perDay(
              connection,
              "SELECT (created_at - ?) / ?, COUNT(DISTINCT store_id) FROM payments"
                  + " WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?"
                  + " GROUP BY 1",
              fromMicros,
              toMicros,
              (bucket, row) ->
                  counts.computeIfAbsent(bucket, key -> new long[2])[1] = row.getLong(2));
          perDay(
              connection,
              "SELECT (created_at - ?) / ?, currency, SUM(amount) FROM payments"
                  + " WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?"
                  + " GROUP BY 1, 2",
              fromMicros,
              toMicros,
              (bucket, row) ->
                  captured
                      .computeIfAbsent(bucket, key -> new TreeMap<>())
                      .put(row.getString(2), row.getLong(3)));
          perDay(
              connection,
              "SELECT (r.created_at - ?) / ?, p.currency, SUM(r.amount) FROM refunds r"
                  + " JOIN payments p ON p.id = r.payment_id"
                  + " WHERE r.created_at >= ? AND r.created_at < ?"
                  + " GROUP BY 1, 2",
              fromMicros,
              toMicros,
              (bucket, row) ->
                  refunded
                      .computeIfAbsent(bucket, key -> new TreeMap<>())
                      .put(row.getString(2), row.getLong(3)));
          List<Day> list = new ArrayList<>(days);
          for (long bucket = 0; bucket < days; bucket++) {
            long[] count = counts.getOrDefault(bucket, new long[2]);
            list.add(
                new Day(
                    from.plusDays(bucket),
                    count[0],
                    count[1],
                    captured.getOrDefault(bucket, Map.of()),
                    refunded.getOrDefault(bucket, Map.of())));
          }
          long active =
              distinct(
                  connection,
                  "SELECT COUNT(DISTINCT customer_id) FROM wallet_entries"
                      + " WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?",
                  fromMicros,
                  toMicros);
          long stores =
              distinct(
                  connection,
                  "SELECT COUNT(DISTINCT store_id) FROM payments"
                      + " WHERE status = 'succeeded' AND created_at >= ? AND created_at < ?",
                  fromMicros,
                  toMicros);
          return new Summary(from, to, active, stores, list);
        });
  }

  @FunctionalInterface
  private interface RowSink {
    void accept(long bucket, ResultSet row) throws SQLException;
  }

  private static void perDay(
      Connection connection, String sql, long fromMicros, long toMicros, RowSink sink)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, fromMicros);
      select.setLong(2, DAY_MICROS);
      select.setLong(3, fromMicros);
      select.setLong(4, toMicros);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) sink.accept(row.getLong(1), row);
      }
    }
  }

  private static long distinct(Connection connection, String sql, long fromMicros, long toMicros)
      throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setLong(1, fromMicros);
      select.setLong(2, toMicros);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }
}

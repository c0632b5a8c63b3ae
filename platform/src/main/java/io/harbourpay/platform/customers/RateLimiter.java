package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Sliding-window rate limits kept in the database, so they survive restarts and hold across API
 * nodes. Used inside the caller's transaction: {@link #check} every bucket first (in a fixed order,
 * phone before IP, so two transactions never wait on each other's buckets), then {@link #record}
 * them; a refused request records nothing because its transaction rolls back.
 */
public final class RateLimiter {
  /** At most {@code max} hits within any {@code window}. */
  public record Rule(int max, Duration window) {
    public Rule {
      assert max > 0 && !window.isNegative() && !window.isZero();
    }
  }

  private RateLimiter() {}

  /**
   * Locks {@code bucket} for the rest of the transaction and throws RATE_LIMITED when one more hit
   * would break a rule. {@code rules} must be ordered by window, longest last.
   */
  public static void check(
      Connection connection, String bucket, Instant now, List<Rule> rules, String what)
      throws SQLException {
    long nowMicros = Micros.of(now);
    // The upsert is this transaction's first write to the bucket: it takes the row lock on
    // PostgreSQL (and the database write lock on SQLite) before anything is counted.
    try (PreparedStatement upsert =
        connection.prepareStatement(
            "INSERT INTO rate_limit_buckets (bucket, touched_at) VALUES (?, ?)"
                + " ON CONFLICT (bucket) DO UPDATE SET touched_at = excluded.touched_at")) {
      upsert.setString(1, bucket);
      upsert.setLong(2, nowMicros);
      upsert.executeUpdate();
    }
    Duration longest = rules.get(rules.size() - 1).window();
    // Hits older than the longest window can never count again: drop them (bounded by the
    // longest rule's maximum per bucket, since no more than that many are ever kept).
    try (PreparedStatement prune =
        connection.prepareStatement("DELETE FROM rate_limit_hits WHERE bucket = ? AND at <= ?")) {
      prune.setString(1, bucket);
      prune.setLong(2, nowMicros - Micros.of(longest));
      prune.executeUpdate();
    }
    for (Rule rule : rules) {
      long windowStart = nowMicros - Micros.of(rule.window());
      // The rule.max-th newest hit inside the window: when it exists the bucket is full until
      // that hit leaves the window.
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT at FROM rate_limit_hits WHERE bucket = ? AND at > ?"
                  + " ORDER BY at DESC LIMIT 1 OFFSET ?")) {
        query.setString(1, bucket);
        query.setLong(2, windowStart);
        query.setInt(3, rule.max() - 1);
        try (ResultSet row = query.executeQuery()) {
          if (row.next()) {
            Instant retryAt = Micros.toInstant(row.getLong(1)).plus(rule.window());
            throw limited(what, rule, now, retryAt);
          }
        }
      }
    }
  }

  public static void record(Connection connection, String bucket, Instant now) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO rate_limit_hits (bucket, at) VALUES (?, ?)")) {
      insert.setString(1, bucket);
      insert.setLong(2, Micros.of(now));
      insert.executeUpdate();
    }
  }

  /** Deletes hits older than {@code before}, at most {@code max} of them; returns how many. */
  static int purge(Connection connection, Instant before, int max) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM rate_limit_hits WHERE at IN"
                + " (SELECT at FROM rate_limit_hits WHERE at <= ? ORDER BY at LIMIT ?)")) {
      delete.setLong(1, Micros.of(before));
      delete.setInt(2, max);
      return delete.executeUpdate();
    }
  }

  private static PlatformException limited(String what, Rule rule, Instant now, Instant retryAt) {
    long seconds = Math.max(1, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
    return new PlatformException(
        ErrorType.RATE_LIMITED,
        "rate_limited",
        "Too many requests "
            + what
            + " (at most "
            + rule.max()
            + " per "
            + describe(rule.window())
            + "); try again in "
            + seconds
            + " s, at "
            + retryAt.truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
  }

  private static String describe(Duration window) {
    if (window.toHours() > 0 && window.toMinutesPart() == 0 && window.toSecondsPart() == 0) {
      return window.toHours() == 1 ? "hour" : window.toHours() + " hours";
    }
    if (window.toMinutes() > 0 && window.toSecondsPart() == 0) {
      return window.toMinutes() + " minutes";
    }
    return window.toSeconds() + " seconds";
  }
}

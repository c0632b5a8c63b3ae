package io.harbourpay.platform.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A table of bearer sessions — customers' ({@code sessions}) and merchant console users' ({@code
 * merchant_console_sessions}) — with the same columns: {@code token_hash} (primary key, SHA-256 of
 * the token), the owner's id, {@code created_at}, {@code last_seen_at}, {@code expires_at}
 * (absolute) and {@code client_ip}. The rules are the same for both: a session ends {@code idle}
 * after its last use or at {@code expires_at}; {@code last_seen_at} is written at most once per
 * {@code touchInterval}; an owner keeps at most {@code perOwnerMax} sessions, the least recently
 * used going first. Who may own a session, and what is read with it, stays with each service.
 */
public final class SessionRows {
  private final String table;
  private final String ownerColumn;
  private final Duration idle;
  private final Duration absolute;
  private final Duration touchInterval;
  private final int perOwnerMax;

  public SessionRows(
      String table,
      String ownerColumn,
      Duration idle,
      Duration absolute,
      Duration touchInterval,
      int perOwnerMax) {
    assert perOwnerMax > 0;
    this.table = table;
    this.ownerColumn = ownerColumn;
    this.idle = idle;
    this.absolute = absolute;
    this.touchInterval = touchInterval;
    this.perOwnerMax = perOwnerMax;
  }

  /** Stores a new session, then drops the owner's dead sessions and any beyond the maximum. */
  public void insert(
      Connection connection, String tokenHash, long ownerId, String clientIp, long nowMicros)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (token_hash, "
                + ownerColumn
                + ", created_at, last_seen_at, expires_at, client_ip) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, tokenHash);
      insert.setLong(2, ownerId);
      insert.setLong(3, nowMicros);
      insert.setLong(4, nowMicros);
      insert.setLong(5, nowMicros + micros(absolute));
      insert.setString(6, clientIp);
      insert.executeUpdate();
    }
    try (PreparedStatement dead =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE "
                + ownerColumn
                + " = ? AND (expires_at <= ? OR last_seen_at <= ?)")) {
      dead.setLong(1, ownerId);
      dead.setLong(2, nowMicros);
      dead.setLong(3, nowMicros - micros(idle));
      dead.executeUpdate();
    }
    try (PreparedStatement surplus =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE "
                + ownerColumn
                + " = ? AND token_hash NOT IN (SELECT token_hash FROM "
                + table
                + " WHERE "
                + ownerColumn
                + " = ? ORDER BY last_seen_at DESC, created_at DESC LIMIT ?)")) {
      surplus.setLong(1, ownerId);
      surplus.setLong(2, ownerId);
      surplus.setInt(3, perOwnerMax);
      surplus.executeUpdate();
    }
  }

  /** Whether a session last used at {@code lastSeen} and ending at {@code expiresAt} is over. */
  public boolean expired(long lastSeenMicros, long expiresAtMicros, long nowMicros) {
    return expiresAtMicros <= nowMicros || lastSeenMicros + micros(idle) <= nowMicros;
  }

  /**
   * Records a use, unless one was recorded within the touch interval (authentication is a read).
   */
  public void touch(Connection connection, String tokenHash, long lastSeenMicros, long nowMicros)
      throws SQLException {
    if (nowMicros - lastSeenMicros < micros(touchInterval)) return;
    try (PreparedStatement touch =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?")) {
      touch.setLong(1, nowMicros);
      touch.setString(2, tokenHash);
      touch.setLong(3, nowMicros);
      touch.executeUpdate();
    }
  }

  public int delete(Connection connection, String tokenHash) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + table + " WHERE token_hash = ?")) {
      delete.setString(1, tokenHash);
      return delete.executeUpdate();
    }
  }

  /** Ends every session of the owner; returns how many ended. */
  public int deleteAll(Connection connection, long ownerId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + table + " WHERE " + ownerColumn + " = ?")) {
      delete.setLong(1, ownerId);
      return delete.executeUpdate();
    }
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate; for housekeeping. */
  public int purge(Connection connection, long nowMicros, int max) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE token_hash IN (SELECT token_hash FROM "
                + table
                + " WHERE expires_at <= ? OR last_seen_at <= ? LIMIT ?)")) {
      delete.setLong(1, nowMicros);
      delete.setLong(2, nowMicros - micros(idle));
      delete.setInt(3, max);
      return delete.executeUpdate();
    }
  }

  private static long micros(Duration duration) {
    return duration.toNanos() / 1_000;
  }
}

package io.harbourpay.platform.crypto;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One table of sessions ({@code token_hash, <owner>, created_at, last_seen_at, expires_at,
 * client_ip}): customers' and operators' sessions are the same rules over two tables. Tokens come
 * from {@link SessionTokens}; only their hash is stored. Each owner keeps at most {@code
 * perOwnerMax} sessions, the least recently used going first.
 */
public final class SessionTable {
  /** A live session: whose it is and when it was last seen (for {@link #touch}). */
  public record Live(long ownerId, long lastSeenMicros) {}

  private static final int CLIENT_IP_LENGTH_MAX = 64;

  private final String table;
  private final String owner;
  private final String prefix;
  private final SessionTokens.Timeouts timeouts;
  private final int perOwnerMax;
  private final SecureRandom random = new SecureRandom();

  /** {@code table} and {@code owner} are trusted identifiers (constants), never user input. */
  public SessionTable(
      String table, String owner, String prefix, SessionTokens.Timeouts timeouts, int perOwnerMax) {
    this.table = table;
    this.owner = owner;
    this.prefix = prefix;
    this.timeouts = timeouts;
    this.perOwnerMax = perOwnerMax;
  }

  /** Opens a session inside the caller's transaction; the token is returned once. */
  public String open(Connection connection, long ownerId, String clientIp, long nowMicros)
      throws SQLException {
    String token = SessionTokens.issue(prefix, random);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + table
                + " (token_hash, "
                + owner
                + ", created_at, last_seen_at, expires_at, client_ip) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, SessionTokens.hash(token));
      insert.setLong(2, ownerId);
      insert.setLong(3, nowMicros);
      insert.setLong(4, nowMicros);
      insert.setLong(5, nowMicros + timeouts.absoluteMicros());
      insert.setString(
          6, clientIp == null || clientIp.length() > CLIENT_IP_LENGTH_MAX ? null : clientIp);
      insert.executeUpdate();
    }
    // Keep the owner's sessions bounded: drop the dead ones, then the least recently used.
    try (PreparedStatement dead =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE "
                + owner
                + " = ? AND (expires_at <= ? OR last_seen_at <= ?)")) {
      dead.setLong(1, ownerId);
      dead.setLong(2, nowMicros);
      dead.setLong(3, nowMicros - timeouts.idleMicros());
      dead.executeUpdate();
    }
    try (PreparedStatement surplus =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE "
                + owner
                + " = ? AND token_hash NOT IN (SELECT token_hash FROM "
                + table
                + " WHERE "
                + owner
                + " = ? ORDER BY last_seen_at DESC, created_at DESC LIMIT ?)")) {
      surplus.setLong(1, ownerId);
      surplus.setLong(2, ownerId);
      surplus.setInt(3, perOwnerMax);
      surplus.executeUpdate();
    }
    return token;
  }

  /**
   * The live session of {@code token}, or AUTHENTICATION {@code session_invalid} (malformed,
   * unknown, ended) / {@code session_expired} (idle or absolute timeout).
   */
  public Live find(Connection connection, String token, long nowMicros) throws SQLException {
    if (!SessionTokens.wellFormed(token, prefix)) throw invalid();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + owner
                + ", last_seen_at, expires_at FROM "
                + table
                + " WHERE token_hash = ?")) {
      select.setString(1, SessionTokens.hash(token));
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) throw invalid();
        Live live = new Live(row.getLong(1), row.getLong(2));
        if (timeouts.expired(live.lastSeenMicros(), row.getLong(3), nowMicros)) {
          throw new PlatformException(
              ErrorType.AUTHENTICATION, "session_expired", "The session has expired; log in again");
        }
        return live;
      }
    }
  }

  /** Records the use, at most once per the timeouts' touch interval (authentication is a read). */
  public void touch(Connection connection, String token, Live live, long nowMicros)
      throws SQLException {
    if (!timeouts.needsTouch(live.lastSeenMicros(), nowMicros)) return;
    try (PreparedStatement touch =
        connection.prepareStatement(
            "UPDATE "
                + table
                + " SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?")) {
      touch.setLong(1, nowMicros);
      touch.setString(2, SessionTokens.hash(token));
      touch.setLong(3, nowMicros);
      touch.executeUpdate();
    }
  }

  /** Ends one session; an unknown or malformed token is not an error. */
  public int end(Connection connection, String token) throws SQLException {
    if (!SessionTokens.wellFormed(token, prefix)) return 0;
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM " + table + " WHERE token_hash = ?")) {
      delete.setString(1, SessionTokens.hash(token));
      return delete.executeUpdate();
    }
  }

  /** Ends every session of the owner but {@code keptToken} (may be null: all of them). */
  public int endAll(Connection connection, long ownerId, String keptToken) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM " + table + " WHERE " + owner + " = ? AND token_hash <> ?")) {
      delete.setLong(1, ownerId);
      delete.setString(2, keptToken == null ? "" : SessionTokens.hash(keptToken));
      return delete.executeUpdate();
    }
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate. */
  public int purgeExpired(Connection connection, int max, long nowMicros) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM "
                + table
                + " WHERE token_hash IN (SELECT token_hash FROM "
                + table
                + " WHERE expires_at <= ? OR last_seen_at <= ? LIMIT ?)")) {
      delete.setLong(1, nowMicros);
      delete.setLong(2, nowMicros - timeouts.idleMicros());
      delete.setInt(3, max);
      return delete.executeUpdate();
    }
  }

  public static PlatformException invalid() {
    return new PlatformException(
        ErrorType.AUTHENTICATION, "session_invalid", "Not logged in, or the session has ended");
  }
}

package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.crypto.BearerTokens;
import io.harbourpay.platform.db.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Customer sessions: opaque bearer tokens ({@code hps_} + 32 random bytes, base64url), stored only
 * as their SHA-256, so a copy of the database holds no usable token. A session ends after {@link
 * #IDLE_TIMEOUT} without use, {@link #ABSOLUTE_TIMEOUT} after login in any case, at logout, and
 * when the customer is locked.
 *
 * <p>Authentication is a read: the last-seen time is written at most once per {@link
 * #LAST_SEEN_WRITE_INTERVAL}, so the idle timeout is effective to within that interval.
 */
public final class SessionService {
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
  public static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);

  /** Sessions kept per customer (one per device, a few devices); the least recently used goes. */
  public static final int SESSIONS_PER_CUSTOMER_MAX = 10;

  public static final String TOKEN_PREFIX = "hps_";

  private final Database database;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  public SessionService(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A new session for an existing customer; the token is returned once and never stored. */
  public String create(long customerId) {
    Instant now = clock.instant();
    return database.transaction(connection -> create(connection, customerId, null, now));
  }

  /** Inside the caller's transaction (login creates the customer and the session together). */
  String create(Connection connection, long customerId, String clientIp, Instant now)
      throws SQLException {
    String token = BearerTokens.create(TOKEN_PREFIX, random);
    long nowMicros = Micros.of(now);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO sessions (token_hash, customer_id, created_at, last_seen_at, expires_at,"
                + " client_ip) VALUES (?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, hash(token));
      insert.setLong(2, customerId);
      insert.setLong(3, nowMicros);
      insert.setLong(4, nowMicros);
      insert.setLong(5, Micros.of(now.plus(ABSOLUTE_TIMEOUT)));
      insert.setString(6, clientIp);
      insert.executeUpdate();
    }
    // Keep the customer's sessions bounded: drop the dead ones, then the least recently used.
    try (PreparedStatement dead =
        connection.prepareStatement(
            "DELETE FROM sessions WHERE customer_id = ? AND (expires_at <= ? OR last_seen_at <= ?)")) {
      dead.setLong(1, customerId);
      dead.setLong(2, nowMicros);
      dead.setLong(3, nowMicros - Micros.of(IDLE_TIMEOUT));
      dead.executeUpdate();
    }
    try (PreparedStatement surplus =
        connection.prepareStatement(
            "DELETE FROM sessions WHERE customer_id = ? AND token_hash NOT IN (SELECT token_hash"
                + " FROM sessions WHERE customer_id = ?"
                + " ORDER BY last_seen_at DESC, created_at DESC LIMIT ?)")) {
      surplus.setLong(1, customerId);
      surplus.setLong(2, customerId);
      surplus.setInt(3, SESSIONS_PER_CUSTOMER_MAX);
      surplus.executeUpdate();
    }
    return token;
  }

  /**
   * The customer behind {@code token}, or AUTHENTICATION {@code session_invalid} (unknown, logged
   * out, revoked, customer locked) / {@code session_expired} (idle or absolute timeout).
   */
  public CustomerRef authenticate(String token) {
    if (!BearerTokens.wellFormed(token, TOKEN_PREFIX)) {
      throw invalidSession();
    }
    String tokenHash = hash(token);
    Instant now = clock.instant();
    long nowMicros = Micros.of(now);
    return database.read(
        connection -> {
          CustomerRef customer;
          long lastSeen;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT s.last_seen_at, s.expires_at, c.id, c.phone, c.tier, c.status"
                      + " FROM sessions s JOIN customers c ON c.id = s.customer_id"
                      + " WHERE s.token_hash = ?")) {
            select.setString(1, tokenHash);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) throw invalidSession();
              lastSeen = row.getLong(1);
              long expiresAt = row.getLong(2);
              customer =
                  new CustomerRef(
                      row.getLong(3),
                      row.getString(4),
                      Tier.valueOf(row.getString(5)),
                      CustomerRows.LOCKED.equals(row.getString(6)));
              if (expiresAt <= nowMicros || lastSeen + Micros.of(IDLE_TIMEOUT) <= nowMicros) {
                throw new PlatformException(
                    ErrorType.AUTHENTICATION,
                    "session_expired",
                    "The session has expired; log in again");
              }
            }
          }
          if (customer.locked()) throw invalidSession();
          if (nowMicros - lastSeen >= Micros.of(LAST_SEEN_WRITE_INTERVAL)) {
            try (PreparedStatement touch =
                connection.prepareStatement(
                    "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?")) {
              touch.setLong(1, nowMicros);
              touch.setString(2, tokenHash);
              touch.setLong(3, nowMicros);
              touch.executeUpdate();
            }
          }
          return customer;
        });
  }

  /** Ends the session; logging out twice, or with an unknown token, is not an error. */
  public void logout(String token) {
    if (!BearerTokens.wellFormed(token, TOKEN_PREFIX)) return;
    String tokenHash = hash(token);
    database.read(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM sessions WHERE token_hash = ?")) {
            delete.setString(1, tokenHash);
            return delete.executeUpdate();
          }
        });
  }

  /** Ends every session of the customer ("log out everywhere"); returns how many ended. */
  public int revokeAll(long customerId) {
    return database.read(connection -> revokeAll(connection, customerId));
  }

  static int revokeAll(Connection connection, long customerId) throws SQLException {
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM sessions WHERE customer_id = ?")) {
      delete.setLong(1, customerId);
      return delete.executeUpdate();
    }
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate; for housekeeping. */
  public int purgeExpired(int max) {
    long nowMicros = Micros.of(clock.instant());
    return database.read(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM sessions WHERE token_hash IN (SELECT token_hash FROM sessions"
                      + " WHERE expires_at <= ? OR last_seen_at <= ? LIMIT ?)")) {
            delete.setLong(1, nowMicros);
            delete.setLong(2, nowMicros - Micros.of(IDLE_TIMEOUT));
            delete.setInt(3, max);
            return delete.executeUpdate();
          }
        });
  }

  private static PlatformException invalidSession() {
    return new PlatformException(
        ErrorType.AUTHENTICATION, "session_invalid", "Not logged in, or the session has ended");
  }

  static String hash(String token) {
    return BearerTokens.hash(token);
  }
}

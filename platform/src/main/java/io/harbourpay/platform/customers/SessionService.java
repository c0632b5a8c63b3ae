package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.crypto.BearerTokens;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.db.SessionRows;
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

  /** The customers' session table under this service's rules (also used statically at lock). */
  private static final SessionRows ROWS =
      new SessionRows(
          "sessions",
          "customer_id",
          IDLE_TIMEOUT,
          ABSOLUTE_TIMEOUT,
          LAST_SEEN_WRITE_INTERVAL,
          SESSIONS_PER_CUSTOMER_MAX);

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
    ROWS.insert(connection, hash(token), customerId, clientIp, Micros.of(now));
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
              if (ROWS.expired(lastSeen, expiresAt, nowMicros)) {
                throw new PlatformException(
                    ErrorType.AUTHENTICATION,
                    "session_expired",
                    "The session has expired; log in again");
              }
            }
          }
          if (customer.locked()) throw invalidSession();
          ROWS.touch(connection, tokenHash, lastSeen, nowMicros);
          return customer;
        });
  }

  /** Ends the session; logging out twice, or with an unknown token, is not an error. */
  public void logout(String token) {
    if (!BearerTokens.wellFormed(token, TOKEN_PREFIX)) return;
    String tokenHash = hash(token);
    database.read(connection -> ROWS.delete(connection, tokenHash));
  }

  /** Ends every session of the customer ("log out everywhere"); returns how many ended. */
  public int revokeAll(long customerId) {
    return database.read(connection -> revokeAll(connection, customerId));
  }

  static int revokeAll(Connection connection, long customerId) throws SQLException {
    return ROWS.deleteAll(connection, customerId);
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate; for housekeeping. */
  public int purgeExpired(int max) {
    long nowMicros = Micros.of(clock.instant());
    return database.read(connection -> ROWS.purge(connection, nowMicros, max));
  }

  private static PlatformException invalidSession() {
    return new PlatformException(
        ErrorType.AUTHENTICATION, "session_invalid", "Not logged in, or the session has ended");
  }

  static String hash(String token) {
    return BearerTokens.hash(token);
  }
}

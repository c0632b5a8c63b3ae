package io.harbourpay.platform.customers;

import io.harbourpay.platform.crypto.SessionTable;
import io.harbourpay.platform.crypto.SessionTokens;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

  static final SessionTokens.Timeouts TIMEOUTS =
      new SessionTokens.Timeouts(IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, LAST_SEEN_WRITE_INTERVAL);

  private final Database database;
  private final Clock clock;
  private final SessionTable table =
      new SessionTable(
          "sessions", "customer_id", TOKEN_PREFIX, TIMEOUTS, SESSIONS_PER_CUSTOMER_MAX);

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
    return table.open(connection, customerId, clientIp, Micros.of(now));
  }

  /**
   * The customer behind {@code token}, or AUTHENTICATION {@code session_invalid} (unknown, logged
   * out, revoked, customer locked) / {@code session_expired} (idle or absolute timeout).
   */
  public CustomerRef authenticate(String token) {
    long nowMicros = Micros.of(clock.instant());
    return database.read(
        connection -> {
          SessionTable.Live live = table.find(connection, token, nowMicros);
          Customer customer =
              CustomerRows.byId(connection, live.ownerId()).orElseThrow(SessionTable::invalid);
          if (customer.locked()) throw SessionTable.invalid();
          table.touch(connection, token, live, nowMicros);
          return customer.ref();
        });
  }

  /** Ends the session; logging out twice, or with an unknown token, is not an error. */
  public void logout(String token) {
    database.read(connection -> table.end(connection, token));
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
    return database.read(connection -> table.purgeExpired(connection, max, nowMicros));
  }
}

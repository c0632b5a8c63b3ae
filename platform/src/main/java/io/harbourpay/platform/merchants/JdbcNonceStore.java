package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Time;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

/**
 * Nonces in the database, so a replay is caught after a restart and on any node: the (key, nonce)
 * primary key decides, {@code INSERT … ON CONFLICT DO NOTHING} says whether this request was first.
 * Bounded by {@link #purge}: a row older than {@link #RETENTION} can only be matched by a request
 * the timestamp check already refuses.
 */
public final class JdbcNonceStore implements NonceStore {
  public static final Duration RETENTION = SignatureVerifier.TOLERANCE.multipliedBy(2);

  private final Database database;

  public JdbcNonceStore(Database database) {
    this.database = database;
  }

  @Override
  public boolean claim(long keyId, String nonce, Instant at) {
    return database.read(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO merchant_request_nonces (key_id, nonce, seen_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (key_id, nonce) DO NOTHING")) {
            insert.setLong(1, keyId);
            insert.setString(2, nonce);
            insert.setLong(3, Time.micros(at));
            return insert.executeUpdate() == 1;
          }
        });
  }

  /** Deletes nonces older than the retention; returns how many. */
  public int purge(Instant now) {
    return database.read(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM merchant_request_nonces WHERE seen_at < ?")) {
            delete.setLong(1, Time.micros(now.minus(RETENTION)));
            return delete.executeUpdate();
          }
        });
  }
}

package io.harbourpay.platform.idempotency;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;

/**
 * {@code Idempotency-Key} replay, as payment APIs do it: the first response to a key is stored with
 * a hash of its request; the same key with the same request gets that response again (also after a
 * restart), the same key with a different request is a conflict.
 *
 * <p>This is the convenience layer. Exactly-once for money does not depend on it: every money
 * movement's ledger ids are derived from the key, so a request retried before its response was
 * stored lands on the same transfers and the ledger answers EXISTS.
 */
public final class IdempotencyStore {
  public static final int KEY_LENGTH_MAX = 255;

  private final Database database;
  private final Clock clock;

  public IdempotencyStore(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** What was answered before. */
  public record StoredResponse(int statusCode, String body) {}

  public static void validateKey(String key) {
    if (key != null && (key.isBlank() || key.length() > KEY_LENGTH_MAX)) {
      throw PlatformException.invalid(
          "Idempotency-Key",
          "idempotency_key_invalid",
          "Idempotency-Key must be 1 to " + KEY_LENGTH_MAX + " characters");
    }
  }

  /**
   * The stored response for {@code key} in {@code scope}, if the same request was answered before;
   * a conflict if the key was used for a different request.
   */
  public Optional<StoredResponse> lookup(
      String scope, String key, String method, String path, byte[] body) {
    String hash = requestHash(method, path, body);
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT request_hash, status_code, response FROM idempotency_keys"
                      + " WHERE scope = ? AND idem_key = ?")) {
            query.setString(1, scope);
            query.setString(2, key);
            try (ResultSet rows = query.executeQuery()) {
              if (!rows.next()) return Optional.empty();
              if (!rows.getString(1).equals(hash)) {
                throw PlatformException.idempotencyKeyReused();
              }
              return Optional.of(new StoredResponse(rows.getInt(2), rows.getString(3)));
            }
          }
        });
  }

  /** Stores the response; a concurrent duplicate that stored first wins, harmlessly. */
  public void store(
      String scope,
      String key,
      String method,
      String path,
      byte[] body,
      int statusCode,
      String response) {
    String hash = requestHash(method, path, body);
    database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO idempotency_keys (scope, idem_key, request_hash, status_code,"
                      + " response, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (scope, idem_key) DO NOTHING")) {
            insert.setString(1, scope);
            insert.setString(2, key);
            insert.setString(3, hash);
            insert.setInt(4, statusCode);
            insert.setString(5, response);
            insert.setLong(6, Time.micros(clock));
            insert.executeUpdate();
          }
          return null;
        });
  }

  static String requestHash(String method, String path, byte[] body) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
      digest.update(body);
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}

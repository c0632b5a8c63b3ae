package io.harbourpay.platform.merchants;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Merchants' API credentials: a key id ({@code mk_…}) and a secret shown once. The secret is stored
 * sealed under the master key ({@link SecretBox}), never in plain text. Rotation issues a new key
 * and lets the old one work for {@link #ROTATION_OVERLAP} so tills can be switched over without
 * downtime; revocation ends a key at once. Every change is audited and reloaded into the {@link
 * MerchantKeyCache}.
 */
public final class MerchantKeys {
  public static final String AUDIT_KEY_CREATE = "merchant.key_create";
  public static final String AUDIT_KEY_ROTATE = "merchant.key_rotate";
  public static final String AUDIT_KEY_REVOKE = "merchant.key_revoke";

  /** How long a rotated key keeps working next to its replacement. */
  public static final Duration ROTATION_OVERLAP = Duration.ofHours(24);

  /** Keys a merchant may hold at once that still work (active or in their overlap). */
  public static final int LIVE_KEYS_MAX = 5;

  /** Keys listed per merchant, newest first. */
  public static final int KEYS_LISTED_MAX = 100;

  static final String SECRET_PREFIX = "mks_";
  private static final Pattern SECRET = Pattern.compile("mks_[A-Za-z0-9_-]{32,64}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String COLUMNS = "id, merchant_id, created_at, expires_at, revoked_at";

  private final Database database;
  private final Clock clock;
  private final SecretBox box;
  private final MerchantKeyCache cache;

  public MerchantKeys(Database database, Clock clock, SecretBox box, MerchantKeyCache cache) {
    this.database = database;
    this.clock = clock;
    this.box = box;
    this.cache = cache;
  }

  /** A new key with a random secret; audited as {@code actor}. */
  public IssuedKey create(long merchantId, String actor) {
    return issue(merchantId, newSecret(), actor, null);
  }

  /**
   * A new key with a secret chosen elsewhere: for credentials carried over from another system, and
   * the demo data's well-known key. The secret is {@code mks_} and 32 to 64 of A-Z a-z 0-9 _ -.
   */
  public IssuedKey createWithSecret(long merchantId, String secret, String actor) {
    if (secret == null || !SECRET.matcher(secret).matches()) {
      throw PlatformException.invalid(
          "secret", "secret_invalid", "A secret is mks_ and 32 to 64 of A-Z a-z 0-9 _ -");
    }
    return issue(merchantId, secret, actor, null);
  }

  /**
   * Issues a new key and lets {@code keyId} work for {@link #ROTATION_OVERLAP} more. A revoked or
   * already rotated key cannot be rotated (CONFLICT).
   */
  public IssuedKey rotate(long merchantId, long keyId, String actor) {
    return issue(merchantId, newSecret(), actor, keyId);
  }

  /** Ends the key at once; revoking a revoked key returns it unchanged. Audited. */
  public MerchantKey revoke(long merchantId, long keyId, String actor) {
    String who = MerchantService.actor(actor);
    Instant now = clock.instant();
    MerchantKey revoked =
        database.transaction(
            connection -> {
              Merchant merchant =
                  MerchantRows.lockMerchant(connection, merchantId)
                      .orElseThrow(() -> PlatformException.notFound("merchant"));
              MerchantKey key =
                  key(connection, merchantId, keyId)
                      .orElseThrow(() -> PlatformException.notFound("API key"));
              if (key.revokedAt() != null) return key;
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE merchant_keys SET revoked_at = ?, updated_at = ? WHERE id = ?")) {
                update.setLong(1, Time.micros(now));
                update.setLong(2, Time.micros(now));
                update.setLong(3, keyId);
                update.executeUpdate();
              }
              AuditLog.append(
                  connection,
                  now,
                  who,
                  AUDIT_KEY_REVOKE,
                  merchant.publicId(),
                  key.publicId() + " revoked");
              return key(connection, merchantId, keyId).orElseThrow(AssertionError::new);
            });
    cache.reload(keyId);
    return revoked;
  }

  /**
   * Key management (create, rotate, revoke) is refused to a key in its rotation overlap: rotating a
   * leaked key must contain the leak, not let it mint a permanent successor during the overlap. A
   * console user must hold a role the keys endpoints open (owner), checked here as well as where
   * the request came in, so no other way in can skip it.
   */
  public void requireManagingKey(MerchantCaller caller) {
    if (caller.viaConsole()) {
      ConsolePermissions.require(caller, "POST", "/v1/merchant/keys");
      return;
    }
    boolean permanent =
        list(caller.merchantId()).stream()
            .anyMatch(
                key ->
                    key.id() == caller.keyId()
                        && key.expiresAt() == null
                        && key.revokedAt() == null);
    if (!permanent) {
      throw new io.harbourpay.platform.PlatformException(
          io.harbourpay.platform.ErrorType.PERMISSION,
          "key_cannot_manage_keys",
          "This key is being rotated out; manage keys with the new key or through the operator");
    }
  }

  /** The merchant's keys, newest first, without secrets. */
  public List<MerchantKey> list(long merchantId) {
    return database.read(
        connection -> {
          if (MerchantRows.merchant(connection, merchantId).isEmpty()) {
            throw PlatformException.notFound("merchant");
          }
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM merchant_keys WHERE merchant_id = ?"
                      + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            select.setLong(1, merchantId);
            select.setInt(2, KEYS_LISTED_MAX);
            List<MerchantKey> keys = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) keys.add(key(row));
            }
            return keys;
          }
        });
  }

  /** The merchant's key, or NOT_FOUND (also for another merchant's key). */
  public MerchantKey get(long merchantId, long keyId) {
    return database
        .read(connection -> key(connection, merchantId, keyId))
        .orElseThrow(() -> PlatformException.notFound("API key"));
  }

  private IssuedKey issue(long merchantId, String secret, String actor, Long rotatedKeyId) {
    String who = MerchantService.actor(actor);
    long id = Ids.random();
    String sealed = box.seal(secret.getBytes(StandardCharsets.UTF_8), associatedData(id));
    Instant now = clock.instant();
    MerchantKey key =
        database.transaction(
            connection -> {
              Merchant merchant =
                  MerchantRows.lockMerchant(connection, merchantId)
                      .orElseThrow(() -> PlatformException.notFound("merchant"));
              String detail = Ids.publicId(MerchantKey.ID_PREFIX, id) + " created";
              if (rotatedKeyId != null) {
                MerchantKey old =
                    key(connection, merchantId, rotatedKeyId)
                        .orElseThrow(() -> PlatformException.notFound("API key"));
                if (old.revokedAt() != null || old.expiresAt() != null) {
                  throw new PlatformException(
                      ErrorType.CONFLICT,
                      "api_key_not_rotatable",
                      "Only an active key can be rotated; this one is " + old.status(now));
                }
                Instant until = now.plus(ROTATION_OVERLAP);
                try (PreparedStatement update =
                    connection.prepareStatement(
                        "UPDATE merchant_keys SET expires_at = ?, updated_at = ? WHERE id = ?")) {
                  update.setLong(1, Time.micros(until));
                  update.setLong(2, Time.micros(now));
                  update.setLong(3, rotatedKeyId);
                  update.executeUpdate();
                }
                detail += " replacing " + old.publicId() + ", which works until " + until;
              }
              if (liveKeys(connection, merchantId, now) >= LIVE_KEYS_MAX) {
                throw new PlatformException(
                    ErrorType.CONFLICT,
                    "api_keys_max",
                    "A merchant holds at most "
                        + LIVE_KEYS_MAX
                        + " working keys; revoke one first");
              }
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO merchant_keys (id, merchant_id, secret_sealed, created_at,"
                          + " updated_at) VALUES (?, ?, ?, ?, ?)")) {
                insert.setLong(1, id);
                insert.setLong(2, merchantId);
                insert.setString(3, sealed);
                insert.setLong(4, Time.micros(now));
                insert.setLong(5, Time.micros(now));
                insert.executeUpdate();
              }
              AuditLog.append(
                  connection,
                  now,
                  who,
                  rotatedKeyId == null ? AUDIT_KEY_CREATE : AUDIT_KEY_ROTATE,
                  merchant.publicId(),
                  detail);
              return key(connection, merchantId, id).orElseThrow(AssertionError::new);
            });
    cache.reload(id);
    if (rotatedKeyId != null) cache.reload(rotatedKeyId);
    return new IssuedKey(key, secret);
  }

  private static long liveKeys(Connection connection, long merchantId, Instant now)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM merchant_keys WHERE merchant_id = ? AND revoked_at IS NULL"
                + " AND (expires_at IS NULL OR expires_at > ?)")) {
      select.setLong(1, merchantId);
      select.setLong(2, Time.micros(now));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static Optional<MerchantKey> key(Connection connection, long merchantId, long keyId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM merchant_keys WHERE id = ? AND merchant_id = ?")) {
      select.setLong(1, keyId);
      select.setLong(2, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(key(row)) : Optional.empty();
      }
    }
  }

  private static MerchantKey key(ResultSet row) throws SQLException {
    long expires = row.getLong(4);
    boolean noExpiry = row.wasNull();
    long revoked = row.getLong(5);
    boolean notRevoked = row.wasNull();
    return new MerchantKey(
        row.getLong(1),
        row.getLong(2),
        Time.instant(row.getLong(3)),
        noExpiry ? null : Time.instant(expires),
        notRevoked ? null : Time.instant(revoked));
  }

  /** What a sealed secret is bound to: its key's id. */
  static String associatedData(long keyId) {
    return "merchant_keys:" + keyId;
  }

  private static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}

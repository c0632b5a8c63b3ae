package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The merchants' API keys in memory, secrets opened, for the hot path (DESIGN.md: what a payment
 * request needs is held in memory and kept fresh). Kept fresh three ways: a change made on this
 * node reloads at once ({@link #reload}, {@link #refresh}); every node reloads everything every
 * {@link #REFRESH_INTERVAL} (so a revocation or suspension made elsewhere holds within that bound);
 * and a key id not in memory is looked up in the database once (a key created on another node works
 * at once).
 *
 * <p>Readers never lock: the map is replaced whole (copy on write) and published through a volatile
 * field.
 */
public final class MerchantKeyCache implements KeyLookup {
  public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

  /** Revoked and expired keys are kept in memory this long after they end, then read on demand. */
  static final Duration ENDED_KEYS_KEPT = Duration.ofDays(7);

  /** A bound on what is held in memory; past it, keys are read from the database on demand. */
  static final int KEYS_CACHED_MAX = 200_000;

  private static final String SELECT =
      "SELECT k.id, k.merchant_id, k.secret_sealed, k.expires_at, k.revoked_at, m.status"
          + " FROM merchant_keys k JOIN merchants m ON m.id = k.merchant_id";

  private final Database database;
  private final SecretBox box;
  private final Clock clock;
  private volatile Map<Long, KeyEntry> keys = Map.of();

  public MerchantKeyCache(Database database, SecretBox box, Clock clock) {
    this.database = database;
    this.box = box;
    this.clock = clock;
  }

  @Override
  public Optional<KeyEntry> find(long keyId) {
    KeyEntry cached = keys.get(keyId);
    if (cached != null) return Optional.of(cached);
    // A miss costs one indexed read and no lock: anyone can send a made-up key id, and that must
    // not make every request wait behind a copy of the whole cache.
    long generation = changes;
    Optional<KeyEntry> loaded = database.read(connection -> one(connection, keyId));
    loaded.ifPresent(entry -> remember(entry, generation));
    return loaded;
  }

  /**
   * Counts refreshes and single-key reloads: a key read before one of them may be stale (revoked in
   * between) and must not be put back over it.
   */
  private volatile long changes;

  private synchronized void remember(KeyEntry entry, long generation) {
    if (generation != changes) return;
    if (keys.containsKey(entry.keyId()) || keys.size() >= KEYS_CACHED_MAX) return;
    Map<Long, KeyEntry> next = new HashMap<>(keys);
    next.put(entry.keyId(), entry);
    keys = Map.copyOf(next);
  }

  /**
   * Reloads every key that is live or ended recently. Synchronized with {@link #reload}, so an
   * older full snapshot never overwrites a newer single-key change.
   */
  public synchronized void refresh() {
    long endedAfter = Time.micros(clock.instant().minus(ENDED_KEYS_KEPT));
    Map<Long, KeyEntry> loaded =
        database.read(
            connection -> {
              Map<Long, KeyEntry> all = new HashMap<>();
              try (PreparedStatement select =
                  connection.prepareStatement(
                      SELECT
                          + " WHERE (k.revoked_at IS NULL OR k.revoked_at > ?)"
                          + " AND (k.expires_at IS NULL OR k.expires_at > ?)"
                          + " ORDER BY k.created_at DESC LIMIT ?")) {
                select.setLong(1, endedAfter);
                select.setLong(2, endedAfter);
                select.setInt(3, KEYS_CACHED_MAX);
                try (ResultSet row = select.executeQuery()) {
                  while (row.next()) {
                    KeyEntry entry = entry(row);
                    all.put(entry.keyId(), entry);
                  }
                }
              }
              return all;
            });
    keys = Map.copyOf(loaded);
    changes++;
  }

  /** Reloads one key from the database (after a change to it); empty when there is none. */
  public synchronized Optional<KeyEntry> reload(long keyId) {
    Optional<KeyEntry> loaded = database.read(connection -> one(connection, keyId));
    Map<Long, KeyEntry> next = new HashMap<>(keys);
    if (loaded.isPresent() && next.size() < KEYS_CACHED_MAX) next.put(keyId, loaded.get());
    else next.remove(keyId);
    keys = Map.copyOf(next);
    changes++;
    return loaded;
  }

  int size() {
    return keys.size();
  }

  private Optional<KeyEntry> one(Connection connection, long keyId) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(SELECT + " WHERE k.id = ?")) {
      select.setLong(1, keyId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(entry(row)) : Optional.empty();
      }
    }
  }

  private KeyEntry entry(ResultSet row) throws SQLException {
    long id = row.getLong(1);
    long expires = row.getLong(4);
    boolean noExpiry = row.wasNull();
    long revoked = row.getLong(5);
    boolean notRevoked = row.wasNull();
    return new KeyEntry(
        id,
        row.getLong(2),
        box.open(row.getString(3), MerchantKeys.associatedData(id)),
        noExpiry ? null : Time.instant(expires),
        notRevoked ? null : Time.instant(revoked),
        MerchantStatus.ACTIVE.wireName().equals(row.getString(6)));
  }
}

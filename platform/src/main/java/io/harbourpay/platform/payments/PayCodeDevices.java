package io.harbourpay.platform.payments;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.db.Database;
import io.harbourpay.qr.paycode.DeviceKey;
import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.DeviceSecrets;
import io.harbourpay.qr.paycode.PayCodeFormat;
import io.harbourpay.qr.paycode.PayCodeGenerator;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pay-code devices: registration (a platform-assigned 8-digit id and a 256-bit secret sealed with
 * the master key, shown once), the server-made code for the web wallet, and the {@link
 * DeviceSecrets} the verifier reads on the payment hot path — from memory; a device not in memory
 * is read once from the database (so a device registered on another node is found too).
 */
public final class PayCodeDevices implements DeviceSecrets {
  /** A customer keeps at most this many devices; registering one more revokes the oldest. */
  public static final int DEVICES_PER_CUSTOMER_MAX = 5;

  /** Devices held in memory; past it the cache is dropped and refilled on use. */
  static final int CACHED_MAX = 500_000;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int ID_ATTEMPTS_MAX = 20;

  private final Database database;
  private final SecretBox box;
  private final Clock clock;
  private final Map<Long, PayCodeDevice> cache = new ConcurrentHashMap<>();

  public PayCodeDevices(Database database, SecretBox box, Clock clock) {
    this.database = database;
    this.box = box;
    this.clock = clock;
  }

  static String associatedData(long deviceId) {
    return "paycode-device:" + deviceId;
  }

  /** A new device for {@code customerId}; the answer carries the secret, this one time only. */
  public PayCodeDevice register(long customerId) {
    DeviceSecret secret = DeviceSecret.generate(RANDOM);
    Instant now = clock.instant();
    DeviceKey[] made = new DeviceKey[1];
    List<Long> revoked =
        database.transaction(
            connection -> {
              long id = insertWithFreshId(connection, customerId, secret, now);
              made[0] = DeviceKey.leased(id, secret, now);
              return revokeBeyondMax(connection, customerId);
            });
    revoked.forEach(cache::remove);
    PayCodeDevice device = new PayCodeDevice(customerId, made[0], now, null);
    remember(device);
    return new PayCodeDevice(customerId, made[0], now, secret.toHex());
  }

  private long insertWithFreshId(
      Connection connection, long customerId, DeviceSecret secret, Instant now)
      throws SQLException {
    for (int attempt = 0; attempt < ID_ATTEMPTS_MAX; attempt++) {
      long id = 1 + RANDOM.nextLong(PayCodeFormat.DEVICE_ID_MAX);
      try (PreparedStatement exists =
          connection.prepareStatement("SELECT 1 FROM paycode_devices WHERE id = ?")) {
        exists.setLong(1, id);
        try (ResultSet row = exists.executeQuery()) {
          if (row.next()) continue;
        }
      }
      long micros = Time.micros(now);
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO paycode_devices (id, customer_id, secret_sealed, offline_until,"
                  + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        insert.setLong(1, id);
        insert.setLong(2, customerId);
        insert.setString(3, box.seal(hexBytes(secret), associatedData(id)));
        insert.setLong(4, Time.micros(now.plus(PayCodeFormat.OFFLINE_LEASE)));
        insert.setLong(5, micros);
        insert.setLong(6, micros);
        insert.executeUpdate();
      }
      return id;
    }
    throw PlatformException.unavailable("could not assign a device id; try again");
  }

  private static List<Long> revokeBeyondMax(Connection connection, long customerId)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT id FROM paycode_devices WHERE customer_id = ?"
                + " ORDER BY created_at DESC, id DESC")) {
      select.setLong(1, customerId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) ids.add(rows.getLong(1));
      }
    }
    List<Long> revoked =
        ids.size() > DEVICES_PER_CUSTOMER_MAX
            ? ids.subList(DEVICES_PER_CUSTOMER_MAX, ids.size())
            : List.of();
    for (long id : revoked) {
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM paycode_devices WHERE id = ?")) {
        delete.setLong(1, id);
        delete.executeUpdate();
      }
    }
    return revoked;
  }

  /**
   * The code the customer's newest device shows now, made by the server for the web wallet. The
   * server is online by definition, so it renews the lease when less than half of it is left.
   */
  public PayCode currentCode(long customerId) {
    Instant now = clock.instant();
    PayCodeDevice device = currentLease(customerId, now);
    long step = PayCodeFormat.timeStepOf(now);
    String code = PayCodeGenerator.codeAt(device.key(), now);
    // Accepted for its own step and STEPS_ACCEPTED_PAST more (docs/paycode.md).
    Instant expires = PayCodeFormat.startOf(step + 1 + PayCodeFormat.STEPS_ACCEPTED_PAST);
    return new PayCode(code, device.deviceId(), expires);
  }

  /**
   * The customer's newest device, its offline lease renewed when less than half of it is left (what
   * a phone syncs), or NOT_FOUND {@code paycode_device_missing}.
   */
  public PayCodeDevice currentLease(long customerId) {
    return currentLease(customerId, clock.instant());
  }

  private PayCodeDevice currentLease(long customerId, Instant now) {
    PayCodeDevice device =
        newest(customerId)
            .orElseThrow(
                () ->
                    new PlatformException(
                        ErrorType.NOT_FOUND,
                        "paycode_device_missing",
                        "Register a pay-code device first: POST /v1/paycode/devices"));
    if (device.key().offlineUntil().isBefore(now.plus(PayCodeFormat.OFFLINE_LEASE.dividedBy(2)))) {
      device = renew(device, now);
    }
    return device;
  }

  private PayCodeDevice renew(PayCodeDevice device, Instant now) {
    Instant until = now.plus(PayCodeFormat.OFFLINE_LEASE);
    database.read(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE paycode_devices SET offline_until = ?, updated_at = ? WHERE id = ?")) {
            update.setLong(1, Time.micros(until));
            update.setLong(2, Time.micros(now));
            update.setLong(3, device.deviceId());
            return update.executeUpdate();
          }
        });
    PayCodeDevice renewed =
        new PayCodeDevice(
            device.customerId(),
            new DeviceKey(device.deviceId(), device.key().secret(), until),
            device.createdAt(),
            null);
    remember(renewed);
    return renewed;
  }

  /** The customer's newest device. */
  public Optional<PayCodeDevice> newest(long customerId) {
    Optional<Long> id =
        database.read(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id FROM paycode_devices WHERE customer_id = ?"
                          + " ORDER BY created_at DESC, id DESC LIMIT 1")) {
                select.setLong(1, customerId);
                try (ResultSet row = select.executeQuery()) {
                  return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
                }
              }
            });
    return id.flatMap(this::device);
  }

  /** A device, from memory or else the database. */
  public Optional<PayCodeDevice> device(long deviceId) {
    PayCodeDevice cached = cache.get(deviceId);
    if (cached != null) return Optional.of(cached);
    Optional<PayCodeDevice> loaded = load(deviceId);
    loaded.ifPresent(this::remember);
    return loaded;
  }

  @Override
  public Optional<DeviceKey> find(long deviceId) {
    return device(deviceId).map(PayCodeDevice::key);
  }

  private Optional<PayCodeDevice> load(long deviceId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT customer_id, secret_sealed, offline_until, created_at"
                      + " FROM paycode_devices WHERE id = ?")) {
            select.setLong(1, deviceId);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) return Optional.empty();
              byte[] hex = box.open(row.getString(2), associatedData(deviceId));
              DeviceSecret secret =
                  DeviceSecret.fromHex(new String(hex, java.nio.charset.StandardCharsets.US_ASCII));
              return Optional.of(
                  new PayCodeDevice(
                      row.getLong(1),
                      new DeviceKey(deviceId, secret, Time.instant(row.getLong(3))),
                      Time.instant(row.getLong(4)),
                      null));
            }
          }
        });
  }

  private void remember(PayCodeDevice device) {
    if (cache.size() >= CACHED_MAX) cache.clear();
    cache.put(device.deviceId(), device);
  }

  private static byte[] hexBytes(DeviceSecret secret) {
    return secret.toHex().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}

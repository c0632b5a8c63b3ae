package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Merchants' webhook endpoints: register (secret shown once), enable, disable, filter. */
public final class WebhookEndpoints {
  /** Enabled endpoints a merchant may have at once. */
  public static final int ENDPOINTS_PER_MERCHANT_MAX = 16;

  /**
   * All endpoints of a merchant, disabled ones included: a disabled endpoint is kept for its
   * delivery log, and this bounds how many a merchant can pile up by registering and disabling.
   */
  public static final int ENDPOINT_ROWS_PER_MERCHANT_MAX = 256;

  public static final int URL_CHARS_MAX = WebhookUrls.URL_CHARS_MAX;
  static final String SECRET_PREFIX = "whsec_";
  private static final int SECRET_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final Clock clock;
  private final SecretBox box;
  private final WebhookUrls urls;

  WebhookEndpoints(
      Database database, Clock clock, WebhookConfig config, WebhookUrls.Resolver resolver) {
    this.database = database;
    this.clock = clock;
    this.box = new SecretBox(config.sealingKey());
    this.urls = new WebhookUrls(config.allowInsecureLocalhost(), resolver);
  }

  /** The URL rules; the dispatcher's connections look their host up through them too. */
  WebhookUrls urls() {
    return urls;
  }

  /** What the dispatcher needs to send to an endpoint; never leaves the package. */
  record Target(long id, String url, String secret, boolean enabled) {
    @Override
    public String toString() {
      return "Target[id=" + id + ", url=" + url + ", enabled=" + enabled + "]";
    }
  }

  /** Registers an endpoint; the answer carries the signing secret, which is never shown again. */
  public CreatedEndpoint register(long merchantId, String url, Set<EventType> eventTypes) {
    return register(merchantId, url, eventTypes, null);
  }

  /**
   * Registers an endpoint. With an {@code idempotencyKey} the endpoint id is derived from
   * (merchant, key): the same key with the same URL and types answers the endpoint it made, with
   * its secret opened again from the sealed column (so no plain secret is ever stored for replay);
   * the same key with another URL or types is {@code 409 idempotency_key_reused}.
   */
  public CreatedEndpoint register(
      long merchantId, String url, Set<EventType> eventTypes, String idempotencyKey) {
    String checkedUrl = urls.check(url);
    long id =
        idempotencyKey == null
            ? Ids.random()
            : Ids.derive("webhook-endpoint", merchantId, idempotencyKey);
    String secret = newSecret();
    long now = Time.micros(clock);
    String types = encodeTypes(eventTypes);
    int inserted =
        database.transaction(
            connection -> {
              try (PreparedStatement count =
                  connection.prepareStatement(
                      "SELECT COUNT(*), SUM(enabled) FROM webhook_endpoints"
                          + " WHERE merchant_id = ? AND id <> ?")) {
                count.setLong(1, merchantId);
                count.setLong(2, id);
                try (ResultSet rows = count.executeQuery()) {
                  rows.next();
                  if (rows.getLong(2) >= ENDPOINTS_PER_MERCHANT_MAX
                      || rows.getLong(1) >= ENDPOINT_ROWS_PER_MERCHANT_MAX) {
                    throw PlatformException.invalid(
                        "url",
                        "too_many_endpoints",
                        "A merchant has at most "
                            + ENDPOINTS_PER_MERCHANT_MAX
                            + " enabled webhook endpoints (and "
                            + ENDPOINT_ROWS_PER_MERCHANT_MAX
                            + " in all, disabled ones included)");
                  }
                }
              }
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "INSERT INTO webhook_endpoints (id, merchant_id, url, secret_sealed,"
                          + " event_types, enabled, created_at, updated_at)"
                          + " VALUES (?, ?, ?, ?, ?, 1, ?, ?) ON CONFLICT DO NOTHING")) {
                insert.setLong(1, id);
                insert.setLong(2, merchantId);
                insert.setString(3, checkedUrl);
                insert.setString(
                    4, box.seal(secret.getBytes(StandardCharsets.UTF_8), sealingContext(id)));
                insert.setString(5, types);
                insert.setLong(6, now);
                insert.setLong(7, now);
                return insert.executeUpdate();
              }
            });
    if (inserted == 1) {
      WebhookEndpoint endpoint =
          new WebhookEndpoint(id, merchantId, checkedUrl, Set.copyOf(eventTypes), true, now, now);
      return new CreatedEndpoint(endpoint, secret, false);
    }
    WebhookEndpoint existing =
        find(id)
            .filter(endpoint -> endpoint.merchantId() == merchantId)
            .orElseThrow(() -> new IllegalStateException("derived endpoint id taken: " + id));
    if (!existing.url().equals(checkedUrl)
        || !existing.eventTypes().equals(Set.copyOf(eventTypes))) {
      throw PlatformException.idempotencyKeyReused();
    }
    return new CreatedEndpoint(existing, target(id).orElseThrow().secret(), true);
  }

  public WebhookEndpoint setEnabled(long merchantId, long endpointId, boolean enabled) {
    update(merchantId, endpointId, "enabled = ?", enabled ? 1 : 0);
    return get(merchantId, endpointId);
  }

  public WebhookEndpoint setEventTypes(long merchantId, long endpointId, Set<EventType> types) {
    update(merchantId, endpointId, "event_types = ?", encodeTypes(types));
    return get(merchantId, endpointId);
  }

  public WebhookEndpoint get(long merchantId, long endpointId) {
    return find(endpointId)
        .filter(endpoint -> endpoint.merchantId() == merchantId)
        .orElseThrow(() -> PlatformException.notFound("webhook endpoint"));
  }

  public List<WebhookEndpoint> list(long merchantId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT * FROM webhook_endpoints WHERE merchant_id = ? ORDER BY created_at, id")) {
            select.setLong(1, merchantId);
            List<WebhookEndpoint> endpoints = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) endpoints.add(endpoint(rows));
            }
            return endpoints;
          }
        });
  }

  Optional<WebhookEndpoint> find(long endpointId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT * FROM webhook_endpoints WHERE id = ?")) {
            select.setLong(1, endpointId);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(endpoint(rows)) : Optional.empty();
            }
          }
        });
  }

  Optional<Target> target(long endpointId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, url, secret_sealed, enabled FROM webhook_endpoints WHERE id = ?")) {
            select.setLong(1, endpointId);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) return Optional.empty();
              return Optional.of(
                  new Target(
                      endpointId,
                      rows.getString("url"),
                      new String(
                          box.open(rows.getString("secret_sealed"), sealingContext(endpointId)),
                          StandardCharsets.UTF_8),
                      rows.getInt("enabled") == 1));
            }
          }
        });
  }

  private void update(long merchantId, long endpointId, String assignment, Object value) {
    int updated =
        database.read(
            connection -> {
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE webhook_endpoints SET "
                          + assignment
                          + ", updated_at = ? WHERE id = ? AND merchant_id = ?")) {
                update.setObject(1, value);
                update.setLong(2, Time.micros(clock));
                update.setLong(3, endpointId);
                update.setLong(4, merchantId);
                return update.executeUpdate();
              }
            });
    if (updated == 0) throw PlatformException.notFound("webhook endpoint");
  }

  private static WebhookEndpoint endpoint(ResultSet rows) throws SQLException {
    return new WebhookEndpoint(
        rows.getLong("id"),
        rows.getLong("merchant_id"),
        rows.getString("url"),
        decodeTypes(rows.getString("event_types")),
        rows.getInt("enabled") == 1,
        rows.getLong("created_at"),
        rows.getLong("updated_at"));
  }

  static String encodeTypes(Set<EventType> types) {
    if (types == null || types.isEmpty()) return "*";
    return types.stream().map(EventType::wireName).sorted().collect(Collectors.joining(","));
  }

  static Set<EventType> decodeTypes(String text) {
    if (text == null || text.equals("*")) return Set.of();
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    Arrays.stream(text.split(","))
        .map(EventType::fromWireName)
        .flatMap(Optional::stream)
        .forEach(types::add);
    return types;
  }

  private static String newSecret() {
    byte[] bytes = new byte[SECRET_BYTES];
    RANDOM.nextBytes(bytes);
    return SECRET_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The registration check of a URL (docs/webhooks.md, "Endpoints"); see {@link WebhookUrls}. */
  String checkUrl(String url) {
    return urls.check(url);
  }

  /**
   * Binds a sealed secret to its endpoint: copied onto another endpoint's row, it does not open.
   */
  private static String sealingContext(long endpointId) {
    return "webhook-endpoint:" + endpointId;
  }
}

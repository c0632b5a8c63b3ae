package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The delivery table's state machine, in SQL that runs on SQLite and PostgreSQL. Every change a
 * dispatcher makes to a delivery is a conditional UPDATE: claiming one only succeeds if it is still
 * due and unleased, and recording an attempt only succeeds for the holder of the lease.
 */
final class Deliveries {
  static final String PENDING = "pending";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  private final Database database;
  private final WebhookEndpoints endpoints;

  Deliveries(Database database, WebhookEndpoints endpoints) {
    this.database = database;
    this.endpoints = endpoints;
  }

  /** A delivery a dispatcher holds the lease on, about to make attempt {@code attempts + 1}. */
  record Claim(
      long deliveryId, long eventId, long endpointId, int series, int attempts, long leaseToken) {}

  /** What one attempt found. */
  record Outcome(long durationMs, Integer statusCode, String error, String responseExcerpt) {
    boolean succeeded() {
      return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
  }

  static long deliveryId(long eventId, long endpointId, int series) {
    return Ids.derive("webhook-delivery", eventId, endpointId, series);
  }

  /**
   * Turns up to {@code limit} new events into deliveries, one per endpoint of the merchant that is
   * enabled and wants the type. Safe for two dispatchers at once: delivery ids are derived and
   * inserted ON CONFLICT DO NOTHING. Returns the number of events fanned out.
   */
  int fanOut(int limit, long nowMicros, long firstDelayMicros) {
    List<long[]> events = new ArrayList<>();
    List<String> types = new ArrayList<>();
    database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, merchant_id, type FROM webhook_events WHERE fanned_out = 0"
                      + " ORDER BY created_at, id LIMIT ?")) {
            select.setInt(1, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                events.add(new long[] {rows.getLong(1), rows.getLong(2)});
                types.add(rows.getString(3));
              }
            }
          }
          return null;
        });
    for (int index = 0; index < events.size(); index++) {
      long eventId = events.get(index)[0];
      long merchantId = events.get(index)[1];
      Optional<EventType> type = EventType.fromWireName(types.get(index));
      List<WebhookEndpoint> targets =
          endpoints.list(merchantId).stream()
              .filter(WebhookEndpoint::enabled)
              .filter(endpoint -> type.map(endpoint::wants).orElse(false))
              .toList();
      database.transaction(
          connection -> {
            for (WebhookEndpoint endpoint : targets) {
              insertDelivery(
                  connection, eventId, endpoint.id(), 1, nowMicros + firstDelayMicros, nowMicros);
            }
            try (PreparedStatement done =
                connection.prepareStatement(
                    "UPDATE webhook_events SET fanned_out = 1 WHERE id = ?")) {
              done.setLong(1, eventId);
              done.executeUpdate();
            }
            return null;
          });
    }
    return events.size();
  }

  private static void insertDelivery(
      Connection connection,
      long eventId,
      long endpointId,
      int series,
      long dueMicros,
      long nowMicros)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO webhook_deliveries (id, event_id, endpoint_id, series, status, attempts,"
                + " next_attempt_at, lease_until, lease_token, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, 'pending', 0, ?, 0, 0, ?, ?) ON CONFLICT DO NOTHING")) {
      insert.setLong(1, deliveryId(eventId, endpointId, series));
      insert.setLong(2, eventId);
      insert.setLong(3, endpointId);
      insert.setInt(4, series);
      insert.setLong(5, dueMicros);
      insert.setLong(6, nowMicros);
      insert.setLong(7, nowMicros);
      insert.executeUpdate();
    }
  }

  /**
   * Leases up to {@code limit} due deliveries until {@code leaseUntilMicros}. Candidates are read
   * first, then each is taken by a compare-and-set UPDATE that repeats the "due and unleased"
   * condition: of two dispatchers racing for one row exactly one sees an update count of 1
   * (PostgreSQL re-checks the WHERE after the row lock; SQLite has one writer at a time).
   */
  List<Claim> claim(int limit, long nowMicros, long leaseUntilMicros) {
    if (limit <= 0) return List.of();
    List<Claim> candidates = new ArrayList<>();
    database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, event_id, endpoint_id, series, attempts FROM webhook_deliveries"
                      + " WHERE status = 'pending' AND next_attempt_at <= ? AND lease_until <= ?"
                      + " ORDER BY next_attempt_at, id LIMIT ?")) {
            select.setLong(1, nowMicros);
            select.setLong(2, nowMicros);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                candidates.add(
                    new Claim(
                        rows.getLong(1),
                        rows.getLong(2),
                        rows.getLong(3),
                        rows.getInt(4),
                        rows.getInt(5),
                        0));
              }
            }
          }
          return null;
        });
    List<Claim> claimed = new ArrayList<>(candidates.size());
    for (Claim candidate : candidates) {
      long token = Ids.random();
      int updated =
          database.read(
              connection -> {
                try (PreparedStatement take =
                    connection.prepareStatement(
                        "UPDATE webhook_deliveries SET lease_until = ?, lease_token = ?"
                            + " WHERE id = ? AND status = 'pending' AND attempts = ?"
                            + " AND next_attempt_at <= ? AND lease_until <= ?")) {
                  take.setLong(1, leaseUntilMicros);
                  take.setLong(2, token);
                  take.setLong(3, candidate.deliveryId());
                  take.setInt(4, candidate.attempts());
                  take.setLong(5, nowMicros);
                  take.setLong(6, nowMicros);
                  return take.executeUpdate();
                }
              });
      if (updated == 1) {
        claimed.add(
            new Claim(
                candidate.deliveryId(),
                candidate.eventId(),
                candidate.endpointId(),
                candidate.series(),
                candidate.attempts(),
                token));
      }
    }
    return claimed;
  }

  /**
   * Records attempt {@code claim.attempts() + 1} and releases the lease: succeeded on a 2xx, failed
   * after the last attempt, otherwise pending until {@code retryAtMicros}. False if the lease was
   * lost (it expired and another dispatcher took the delivery): nothing is recorded.
   */
  boolean complete(
      Claim claim, Outcome outcome, long attemptedAtMicros, boolean last, long retryAtMicros) {
    int attempt = claim.attempts() + 1;
    String status = outcome.succeeded() ? SUCCEEDED : last ? FAILED : PENDING;
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_deliveries SET status = ?, attempts = ?, next_attempt_at = ?,"
                      + " lease_until = 0, lease_token = 0, updated_at = ?"
                      + " WHERE id = ? AND lease_token = ?")) {
            update.setString(1, status);
            update.setInt(2, attempt);
            update.setLong(3, status.equals(PENDING) ? retryAtMicros : 0);
            update.setLong(4, attemptedAtMicros);
            update.setLong(5, claim.deliveryId());
            update.setLong(6, claim.leaseToken());
            if (update.executeUpdate() == 0) return false;
          }
          insertAttempt(
              connection, claim.deliveryId(), claim.eventId(), attempt, attemptedAtMicros, outcome);
          return true;
        });
  }

  private static void insertAttempt(
      Connection connection,
      long deliveryId,
      long eventId,
      int attempt,
      long attemptedAtMicros,
      Outcome outcome)
      throws SQLException {
    try (PreparedStatement log =
        connection.prepareStatement(
            "INSERT INTO webhook_attempts (id, delivery_id, event_id, attempt, attempted_at,"
                + " duration_ms, status_code, error, response_excerpt)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      log.setLong(1, Ids.derive("webhook-attempt", deliveryId, attempt));
      log.setLong(2, deliveryId);
      log.setLong(3, eventId);
      log.setInt(4, attempt);
      log.setLong(5, attemptedAtMicros);
      log.setLong(6, outcome.durationMs());
      if (outcome.statusCode() == null) log.setNull(7, Types.INTEGER);
      else log.setInt(7, outcome.statusCode());
      log.setString(8, outcome.error());
      log.setString(9, outcome.responseExcerpt());
      log.executeUpdate();
    }
  }

  /**
   * Disables the merchant's endpoint and, in the same transaction, ends its pending deliveries that
   * no dispatcher holds: each gets a last log line {@code endpoint_disabled} and is failed. A
   * delivery leased at this moment is finished by its dispatcher, whose next attempt finds the
   * endpoint disabled. False when the merchant has no such endpoint.
   */
  boolean disableEndpoint(long merchantId, long endpointId, long nowMicros) {
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE webhook_endpoints SET enabled = 0, updated_at = ?"
                      + " WHERE id = ? AND merchant_id = ?")) {
            update.setLong(1, nowMicros);
            update.setLong(2, endpointId);
            update.setLong(3, merchantId);
            if (update.executeUpdate() == 0) return false;
          }
          List<long[]> pending = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, event_id, attempts FROM webhook_deliveries"
                      + " WHERE endpoint_id = ? AND status = 'pending' AND lease_until <= ?")) {
            select.setLong(1, endpointId);
            select.setLong(2, nowMicros);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                pending.add(new long[] {rows.getLong(1), rows.getLong(2), rows.getInt(3)});
              }
            }
          }
          Outcome disabled = new Outcome(0, null, "endpoint_disabled", null);
          for (long[] delivery : pending) {
            int attempt = (int) delivery[2] + 1;
            try (PreparedStatement end =
                connection.prepareStatement(
                    "UPDATE webhook_deliveries SET status = 'failed', attempts = ?,"
                        + " next_attempt_at = 0, updated_at = ?"
                        + " WHERE id = ? AND status = 'pending' AND attempts = ? AND lease_until <= ?")) {
              end.setInt(1, attempt);
              end.setLong(2, nowMicros);
              end.setLong(3, delivery[0]);
              end.setInt(4, (int) delivery[2]);
              end.setLong(5, nowMicros);
              if (end.executeUpdate() == 1) {
                insertAttempt(connection, delivery[0], delivery[1], attempt, nowMicros, disabled);
              }
            }
          }
          return true;
        });
  }

  /**
   * A merchant's events, newest first, optionally of one type, each with its deliveries (without
   * their logs: a listing shows status and attempts).
   */
  Page<EventDeliveries> events(long merchantId, EventType type, int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    StringBuilder sql =
        new StringBuilder(
            "SELECT id, merchant_id, type, body, created_at FROM webhook_events"
                + " WHERE merchant_id = ?");
    if (type != null) sql.append(" AND type = ?");
    if (after != null) sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    return database.read(
        connection -> {
          List<WebhookEvent> events = new ArrayList<>(pageLimit + 1);
          try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int index = 1;
            select.setLong(index++, merchantId);
            if (type != null) select.setString(index++, type.wireName());
            if (after != null) {
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.id());
            }
            select.setInt(index, pageLimit + 1);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                Optional<EventType> known = EventType.fromWireName(rows.getString(3));
                if (known.isEmpty()) continue;
                events.add(
                    new WebhookEvent(
                        rows.getLong(1),
                        rows.getLong(2),
                        known.get(),
                        rows.getString(4),
                        rows.getLong(5)));
              }
            }
          }
          String next = null;
          if (events.size() > pageLimit) {
            WebhookEvent last = events.get(pageLimit - 1);
            next = new Cursor(last.createdAtMicros(), last.id()).encode();
            events = events.subList(0, pageLimit);
          }
          Map<Long, List<Delivery>> byEvent = new HashMap<>();
          if (!events.isEmpty()) {
            StringBuilder in = new StringBuilder();
            for (int index = 0; index < events.size(); index++) in.append(index == 0 ? "?" : ",?");
            try (PreparedStatement select =
                connection.prepareStatement(
                    "SELECT id, event_id, endpoint_id, series, status, attempts, next_attempt_at"
                        + " FROM webhook_deliveries WHERE event_id IN ("
                        + in
                        + ") ORDER BY series, endpoint_id")) {
              for (int index = 0; index < events.size(); index++) {
                select.setLong(index + 1, events.get(index).id());
              }
              try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                  byEvent
                      .computeIfAbsent(rows.getLong(2), id -> new ArrayList<>())
                      .add(delivery(rows, rows.getLong(2), List.of()));
                }
              }
            }
          }
          List<EventDeliveries> items = new ArrayList<>(events.size());
          for (WebhookEvent event : events) {
            items.add(new EventDeliveries(event, byEvent.getOrDefault(event.id(), List.of())));
          }
          return new Page<>(items, next);
        });
  }

  /** A delivery row read by SELECT id, event_id, endpoint_id, series, status, attempts, next. */
  private static Delivery delivery(ResultSet rows, long eventId, List<DeliveryAttempt> log)
      throws SQLException {
    return new Delivery(
        rows.getLong(1),
        eventId,
        rows.getLong(3),
        rows.getInt(4),
        Delivery.Status.of(rows.getString(5)),
        rows.getInt(6),
        rows.getLong(7),
        log);
  }

  Optional<WebhookEvent> event(long eventId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, merchant_id, type, body, created_at FROM webhook_events WHERE id = ?")) {
            select.setLong(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
              if (!rows.next()) return Optional.empty();
              Optional<EventType> type = EventType.fromWireName(rows.getString(3));
              return type.map(
                  known -> {
                    try {
                      return new WebhookEvent(
                          rows.getLong(1),
                          rows.getLong(2),
                          known,
                          rows.getString(4),
                          rows.getLong(5));
                    } catch (SQLException failure) {
                      throw new IllegalStateException(failure);
                    }
                  });
            }
          }
        });
  }

  /** Every delivery of an event (all endpoints, all series), each with its attempt log. */
  List<Delivery> forEvent(long eventId) {
    return database.read(
        connection -> {
          Map<Long, List<DeliveryAttempt>> logs = new HashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT delivery_id, attempt, attempted_at, duration_ms, status_code, error,"
                      + " response_excerpt FROM webhook_attempts WHERE event_id = ?"
                      + " ORDER BY attempted_at, attempt")) {
            select.setLong(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                int code = rows.getInt(5);
                Integer statusCode = rows.wasNull() ? null : code;
                logs.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                    .add(
                        new DeliveryAttempt(
                            rows.getInt(2),
                            rows.getLong(3),
                            rows.getLong(4),
                            statusCode,
                            rows.getString(6),
                            rows.getString(7)));
              }
            }
          }
          List<Delivery> deliveries = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, event_id, endpoint_id, series, status, attempts, next_attempt_at"
                      + " FROM webhook_deliveries WHERE event_id = ? ORDER BY series, endpoint_id")) {
            select.setLong(1, eventId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                deliveries.add(
                    delivery(rows, eventId, logs.getOrDefault(rows.getLong(1), List.of())));
              }
            }
          }
          return deliveries;
        });
  }

  /**
   * Starts a new attempt series of an event to each of the merchant's endpoints that is enabled and
   * wants it. Refused while a series of the event is still pending: one series at a time bounds the
   * work a redelivery button can cause.
   */
  List<Delivery> redeliver(
      WebhookEvent event, long nowMicros, long firstDelayMicros, String actor) {
    List<WebhookEndpoint> targets =
        endpoints.list(event.merchantId()).stream()
            .filter(WebhookEndpoint::enabled)
            .filter(endpoint -> endpoint.wants(event.type()))
            .toList();
    if (targets.isEmpty()) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "no_webhook_endpoint",
          "The merchant has no enabled webhook endpoint for " + event.type().wireName());
    }
    database.transaction(
        connection -> {
          Map<Long, Integer> lastSeries = new HashMap<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT endpoint_id, series, status FROM webhook_deliveries WHERE event_id = ?")) {
            select.setLong(1, event.id());
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                if (rows.getString(3).equals(PENDING)) {
                  throw new PlatformException(
                      ErrorType.CONFLICT,
                      "delivery_in_progress",
                      "This event is still being delivered; redeliver once it succeeded or failed");
                }
                lastSeries.merge(rows.getLong(1), rows.getInt(2), Math::max);
              }
            }
          }
          for (WebhookEndpoint endpoint : targets) {
            int series = lastSeries.getOrDefault(endpoint.id(), 0) + 1;
            insertDelivery(
                connection,
                event.id(),
                endpoint.id(),
                series,
                nowMicros + firstDelayMicros,
                nowMicros);
          }
          try (PreparedStatement done =
              connection.prepareStatement(
                  "UPDATE webhook_events SET fanned_out = 1 WHERE id = ?")) {
            done.setLong(1, event.id());
            done.executeUpdate();
          }
          AuditLog.append(
              connection,
              Time.instant(nowMicros),
              actor,
              "webhook.redeliver",
              event.publicId(),
              targets.size() + " endpoint(s)");
          return null;
        });
    return forEvent(event.id());
  }
}

package io.harbourpay.platform.webhooks;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Time;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;

/**
 * Writes events for merchants. An event that goes with money (payment.succeeded, refunded) is an
 * {@link AttachedRecord} of the ledger command that moves the money, so it commits if and only if
 * the transfers do: no event is lost and none is invented (DESIGN.md, write path). Events that move
 * no money (order.expired) are published inside the caller's ordinary transaction.
 *
 * <p>The dispatcher picks new events up from the table (it "fans them out" to the merchant's
 * endpoints), so writing an event never waits for the network.
 */
public final class Outbox {
  /** The event's {@code data}: a JSON object; bounded so one event cannot bloat the outbox. */
  public static final int PAYLOAD_CHARS_MAX = 16 * 1024;

  static final String INSERT =
      "INSERT INTO webhook_events (id, merchant_id, type, body, created_at, fanned_out)"
          + " VALUES (?, ?, ?, ?, ?, 0)";

  private final Clock clock;

  public Outbox(Clock clock) {
    this.clock = clock;
  }

  /**
   * The event id for a business object and what happened to it, e.g. {@code eventId(paymentId,
   * EventType.PAYMENT_SUCCEEDED)}, or {@code eventId(refundId, PAYMENT_REFUNDED)}. Derived, never
   * random: a retried command carries the same event id as the first try.
   */
  public static long eventId(Object... parts) {
    Object[] tagged = new Object[parts.length + 1];
    tagged[0] = "webhook-event";
    System.arraycopy(parts, 0, tagged, 1, parts.length);
    return Ids.derive(tagged);
  }

  /**
   * The outbox row for a ledger command. A plain INSERT, not INSERT … ON CONFLICT DO NOTHING, and
   * that is deliberate: the ledger writes a command's records only when every transfer of it is OK,
   * and a retried command (same transfer ids, so the ledger answers EXISTS) writes no records at
   * all. The row therefore can only be inserted once; a duplicate key would be a bug (two business
   * objects deriving one event id), and failing loudly is then right.
   */
  public AttachedRecord event(long merchantId, EventType type, String payloadJson, long eventId) {
    long now = Time.micros(clock);
    return AttachedRecord.of(
        INSERT,
        eventId,
        merchantId,
        type.wireName(),
        envelope(eventId, type, payloadJson, now),
        now);
  }

  /** Publishes an event that moves no money, in the caller's transaction on {@code connection}. */
  public WebhookEvent publish(
      Connection connection, long merchantId, EventType type, String payloadJson, long eventId)
      throws SQLException {
    long now = Time.micros(clock);
    String body = envelope(eventId, type, payloadJson, now);
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      insert.setLong(1, eventId);
      insert.setLong(2, merchantId);
      insert.setString(3, type.wireName());
      insert.setString(4, body);
      insert.setLong(5, now);
      insert.executeUpdate();
    }
    return new WebhookEvent(eventId, merchantId, type, body, now);
  }

  /**
   * {@code {"id":"evt_…","type":"payment.succeeded","created":<unix seconds>,"data":{…}}}. The
   * payload is JSON the caller built (the platform has no JSON library); only its shape and size
   * are checked here.
   */
  static String envelope(long eventId, EventType type, String payloadJson, long createdMicros) {
    String data = payloadJson == null ? "" : payloadJson.strip();
    if (!data.startsWith("{") || !data.endsWith("}") || data.length() > PAYLOAD_CHARS_MAX) {
      throw new IllegalArgumentException(
          "an event's data is one JSON object of at most " + PAYLOAD_CHARS_MAX + " characters");
    }
    return "{\"id\":\""
        + Ids.publicId(WebhookEvent.ID_PREFIX, eventId)
        + "\",\"type\":\""
        + type.wireName()
        + "\",\"created\":"
        + Math.floorDiv(createdMicros, 1_000_000L)
        + ",\"data\":"
        + data
        + "}";
  }
}

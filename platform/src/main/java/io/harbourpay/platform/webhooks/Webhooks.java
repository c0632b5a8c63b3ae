package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.db.Database;
import java.time.Clock;
import java.util.List;

/**
 * The webhooks feature: the outbox that business code writes events into, merchants' endpoints, the
 * delivery log, redelivery, and the dispatcher that sends. See docs/webhooks.md.
 */
public final class Webhooks implements AutoCloseable {
  public final Outbox outbox;
  public final WebhookEndpoints endpoints;
  private final Deliveries deliveries;
  private final Database database;
  private final WebhookConfig config;
  private final Clock clock;
  private WebhookDispatcher dispatcher;

  public Webhooks(Database database, Clock clock, WebhookConfig config) {
    this(database, clock, config, WebhookUrls.SYSTEM_RESOLVER);
  }

  /** With the name resolver the URL checks use (tests: a table, to play DNS rebinding). */
  Webhooks(Database database, Clock clock, WebhookConfig config, WebhookUrls.Resolver resolver) {
    this.database = database;
    this.config = config;
    this.clock = clock;
    this.outbox = new Outbox(clock);
    this.endpoints = new WebhookEndpoints(database, clock, config, resolver);
    this.deliveries = new Deliveries(database, endpoints);
  }

  public WebhookConfig config() {
    return config;
  }

  /** A dispatcher on this store, not started. Several may run at once (one per node). */
  public WebhookDispatcher newDispatcher() {
    return new WebhookDispatcher(deliveries, endpoints, config, clock);
  }

  /** Starts this platform's own background dispatcher (the server does, at start-up). */
  public synchronized void startDispatcher() {
    if (dispatcher == null) {
      dispatcher = newDispatcher();
      dispatcher.start();
    }
  }

  public synchronized void stopDispatcher() {
    if (dispatcher != null) {
      dispatcher.close();
      dispatcher = null;
    }
  }

  /** Publishes an event that moves no money in a transaction of its own, and wakes the sender. */
  public WebhookEvent publish(long merchantId, EventType type, String payloadJson, long eventId) {
    WebhookEvent event =
        database.transaction(
            connection -> outbox.publish(connection, merchantId, type, payloadJson, eventId));
    wakeUp();
    return event;
  }

  /** After a command with an outbox event committed: deliver now rather than at the next poll. */
  public synchronized void wakeUp() {
    if (dispatcher != null) dispatcher.wakeUp();
  }

  /** The operator's view: any merchant's event by its public id ({@code evt_…}). */
  public WebhookEvent event(String publicId) {
    long id = Ids.parsePublicId(WebhookEvent.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("event");
    return deliveries.event(id).orElseThrow(() -> PlatformException.notFound("event"));
  }

  /** A merchant's own event; another merchant's answers exactly as a missing one. */
  public WebhookEvent event(long merchantId, String publicId) {
    WebhookEvent event = event(publicId);
    if (event.merchantId() != merchantId) throw PlatformException.notFound("event");
    return event;
  }

  /**
   * Disables a merchant's endpoint ({@code we_…}; another merchant's is not found): nothing more is
   * sent to it and its pending deliveries end failed ({@code endpoint_disabled}) at once.
   */
  public WebhookEndpoint disableEndpoint(long merchantId, String endpointPublicId) {
    long endpointId = Ids.parsePublicId(WebhookEndpoint.ID_PREFIX, endpointPublicId);
    if (endpointId < 0 || !deliveries.disableEndpoint(merchantId, endpointId, Time.micros(clock))) {
      throw PlatformException.notFound("webhook endpoint");
    }
    return endpoints.get(merchantId, endpointId);
  }

  /**
   * A merchant's events, newest first, each with its deliveries' status and attempts (no logs);
   * {@code type} is a wire name ({@code payment.succeeded}) or null for all.
   */
  public Page<EventDeliveries> events(long merchantId, String type, int limit, String cursor) {
    EventType eventType = type == null ? null : EventType.parse(type, "type");
    return deliveries.events(merchantId, eventType, limit, cursor);
  }

  /** The event's deliveries, every series and endpoint, each with its attempt log. */
  public List<Delivery> deliveries(WebhookEvent event) {
    return deliveries.forEvent(event.id());
  }

  /**
   * A new attempt series to the merchant's enabled endpoints that want the event, recorded in the
   * audit trail as done by {@code actor} (an operator's name, or the merchant's public id).
   */
  public List<Delivery> redeliver(WebhookEvent event, String actor) {
    List<Delivery> result =
        deliveries.redeliver(
            event, Time.micros(clock), config.schedule().delayBefore(1).toNanos() / 1_000, actor);
    wakeUp();
    return result;
  }

  @Override
  public void close() {
    stopDispatcher();
  }
}

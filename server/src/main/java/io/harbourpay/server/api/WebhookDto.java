package io.harbourpay.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.webhooks.CreatedEndpoint;
import io.harbourpay.platform.webhooks.Delivery;
import io.harbourpay.platform.webhooks.DeliveryAttempt;
import io.harbourpay.platform.webhooks.EventDeliveries;
import io.harbourpay.platform.webhooks.EventType;
import io.harbourpay.platform.webhooks.WebhookEndpoint;
import io.harbourpay.platform.webhooks.WebhookEvent;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What the webhook endpoints read and write, for the operator's and the merchant's API alike: one
 * view of an event, its deliveries and their attempt logs (docs/webhooks.md).
 */
public final class WebhookDto {
  /** Merchants' public ids, as the merchants feature shows them. */
  static final String MERCHANT_PREFIX = "mch";

  private WebhookDto() {}

  // Requests
  public record EndpointRequest(String url, List<String> events) {}

  // Responses
  public record AttemptView(
      int attempt,
      Instant attemptedAt,
      long durationMs,
      Integer statusCode,
      String error,
      String responseExcerpt) {
    static AttemptView of(DeliveryAttempt attempt) {
      return new AttemptView(
          attempt.attempt(),
          Dto.instant(attempt.attemptedAtMicros()),
          attempt.durationMs(),
          attempt.statusCode(),
          attempt.error(),
          attempt.responseExcerpt());
    }
  }

  /** A delivery; {@code log} is absent in listings (status and attempts only). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record DeliveryView(
      String endpoint,
      int series,
      String status,
      int attempts,
      Instant nextAttemptAt,
      List<AttemptView> log) {
    static DeliveryView of(Delivery delivery, boolean withLog) {
      return new DeliveryView(
          Ids.publicId(WebhookEndpoint.ID_PREFIX, delivery.endpointId()),
          delivery.series(),
          delivery.status().name().toLowerCase(Locale.ROOT),
          delivery.attempts(),
          delivery.status() == Delivery.Status.PENDING
              ? Dto.instant(delivery.nextAttemptAtMicros())
              : null,
          withLog ? delivery.log().stream().map(AttemptView::of).toList() : null);
    }
  }

  /** An event as sent ({@code data} is the envelope's), with its deliveries. */
  public record EventView(
      String object,
      String id,
      String type,
      String merchant,
      Instant created,
      JsonNode data,
      List<DeliveryView> deliveries) {
    static EventView of(WebhookEvent event, List<Delivery> deliveries, boolean withLogs) {
      return new EventView(
          "webhook_event",
          event.publicId(),
          event.type().wireName(),
          Ids.publicId(MERCHANT_PREFIX, event.merchantId()),
          Dto.instant(event.createdAtMicros()),
          data(event),
          deliveries.stream().map(delivery -> DeliveryView.of(delivery, withLogs)).toList());
    }

    static EventView summary(EventDeliveries event) {
      return of(event.event(), event.deliveries(), false);
    }

    private static JsonNode data(WebhookEvent event) {
      try {
        return Json.MAPPER.readTree(event.body()).get("data");
      } catch (JsonProcessingException malformed) {
        // The outbox writes the body; it is JSON unless our own code is wrong.
        throw new IllegalStateException("event " + event.publicId() + " has no JSON body");
      }
    }
  }

  /** An endpoint; {@code secret} only in the answer that registers it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndpointView(
      String object,
      String id,
      String url,
      List<String> events,
      String status,
      String secret,
      Instant created) {
    static EndpointView of(WebhookEndpoint endpoint) {
      return of(endpoint, null);
    }

    static EndpointView of(CreatedEndpoint created) {
      return of(created.endpoint(), created.secret());
    }

    private static EndpointView of(WebhookEndpoint endpoint, String secret) {
      List<EventType> types =
          endpoint.eventTypes().isEmpty()
              ? Arrays.asList(EventType.values())
              : endpoint.eventTypes().stream().sorted().toList();
      return new EndpointView(
          "webhook_endpoint",
          endpoint.publicId(),
          endpoint.url(),
          types.stream().map(EventType::wireName).toList(),
          endpoint.enabled() ? "enabled" : "disabled",
          secret,
          Dto.instant(endpoint.createdAtMicros()));
    }
  }
}

package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.webhooks.Delivery;
import io.harbourpay.platform.webhooks.DeliveryAttempt;
import io.harbourpay.platform.webhooks.WebhookEndpoint;
import io.harbourpay.platform.webhooks.WebhookEvent;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's view of webhooks: an event's deliveries with their attempt logs, and redelivery
 * (audited). Merchants get the same once the merchant API's authentication is in place.
 */
@Path("/v1/operator/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class WebhookOperatorResource {
  /** Merchants' public ids, as the merchants feature shows them. */
  static final String MERCHANT_PREFIX = "mch";

  @Inject HarbourApp app;
  @Inject Auth auth;

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

  public record DeliveryView(
      String endpoint,
      int series,
      String status,
      int attempts,
      Instant nextAttemptAt,
      List<AttemptView> log) {
    static DeliveryView of(Delivery delivery) {
      return new DeliveryView(
          Ids.publicId(WebhookEndpoint.ID_PREFIX, delivery.endpointId()),
          delivery.series(),
          delivery.status().name().toLowerCase(Locale.ROOT),
          delivery.attempts(),
          delivery.status() == Delivery.Status.PENDING
              ? Dto.instant(delivery.nextAttemptAtMicros())
              : null,
          delivery.log().stream().map(AttemptView::of).toList());
    }
  }

  public record EventDeliveriesView(
      String object,
      String id,
      String type,
      String merchant,
      Instant created,
      List<DeliveryView> deliveries) {
    static EventDeliveriesView of(WebhookEvent event, List<Delivery> deliveries) {
      return new EventDeliveriesView(
          "webhook_event",
          event.publicId(),
          event.type().wireName(),
          Ids.publicId(MERCHANT_PREFIX, event.merchantId()),
          Dto.instant(event.createdAtMicros()),
          deliveries.stream().map(DeliveryView::of).toList());
    }
  }

  @GET
  @Path("/events/{id}/deliveries")
  @Operation(summary = "An event's deliveries, every endpoint and attempt series, with the log")
  public EventDeliveriesView deliveries(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    WebhookEvent event = app.platform().webhooks.event(id);
    return EventDeliveriesView.of(event, app.platform().webhooks.deliveries(event));
  }

  @POST
  @Path("/events/{id}/redeliver")
  @Operation(
      summary =
          "Send an event again: a new attempt series to the merchant's enabled endpoints (audited)")
  public EventDeliveriesView redeliver(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    WebhookEvent event = app.platform().webhooks.event(id);
    return EventDeliveriesView.of(event, app.platform().webhooks.redeliver(event, name));
  }
}

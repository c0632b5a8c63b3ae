package io.harbourpay.server.api;

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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's view of webhooks: an event's deliveries with their attempt logs, and redelivery
 * (audited). Merchants see their own events through {@link MerchantWebhookResource}.
 */
@Path("/v1/operator/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class WebhookOperatorResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

  @GET
  @Path("/events/{id}/deliveries")
  @Operation(summary = "An event's deliveries, every endpoint and attempt series, with the log")
  public WebhookDto.EventView deliveries(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    WebhookEvent event = app.platform().webhooks.event(id);
    return WebhookDto.EventView.of(event, app.platform().webhooks.deliveries(event), true);
  }

  @POST
  @Path("/events/{id}/redeliver")
  @Operation(
      summary =
          "Send an event again: a new attempt series to the merchant's enabled endpoints (audited)")
  public WebhookDto.EventView redeliver(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    WebhookEvent event = app.platform().webhooks.event(id);
    return WebhookDto.EventView.of(event, app.platform().webhooks.redeliver(event, name), true);
  }
}

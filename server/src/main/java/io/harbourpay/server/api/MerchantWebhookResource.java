package io.harbourpay.server.api;

import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.idempotency.IdempotencyStore;
import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.webhooks.CreatedEndpoint;
import io.harbourpay.platform.webhooks.EventDeliveries;
import io.harbourpay.platform.webhooks.EventType;
import io.harbourpay.platform.webhooks.WebhookEvent;
import io.harbourpay.platform.webhooks.Webhooks;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The merchant's own webhooks through the signed API (docs/webhooks.md): its endpoints, its events
 * with their deliveries and attempt logs, and redelivery. Another merchant's endpoint or event is
 * "not found", exactly like an id that does not exist.
 */
@Path("/v1/merchant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merchant (signed)")
public class MerchantWebhookResource {
  static final String SIGNATURE = MerchantResource.SIGNATURE;

  @Inject HarbourApp app;
  @Inject MerchantAuth auth;

  private Webhooks webhooks() {
    return app.platform().webhooks;
  }

  @POST
  @Path("/webhook-endpoints")
  @Operation(
      summary =
          "Register a webhook endpoint (https); the signing secret is in this response only."
              + " Idempotency-Key answers the same endpoint")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = WebhookDto.EndpointRequest.class)))
  public Response createEndpoint(
      @HeaderParam(SIGNATURE) String signature,
      @HeaderParam("Idempotency-Key") String key,
      @Context UriInfo uri,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    IdempotencyStore.validateKey(key);
    WebhookDto.EndpointRequest request = Json.parse(body, WebhookDto.EndpointRequest.class);
    CreatedEndpoint created =
        webhooks()
            .endpoints
            .register(
                me.merchantId(),
                Dto.required(request.url(), "url"),
                eventTypes(request.events()),
                key);
    Response.ResponseBuilder response =
        Response.status(201).entity(WebhookDto.EndpointView.of(created));
    if (created.replayed()) response.header("Idempotent-Replayed", "true");
    return response.build();
  }

  @GET
  @Path("/webhook-endpoints")
  @Operation(summary = "The merchant's webhook endpoints, oldest first, without secrets")
  public Dto.ListView<WebhookDto.EndpointView> endpoints(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return Dto.ListView.of(
        webhooks().endpoints.list(me.merchantId()).stream()
            .map(WebhookDto.EndpointView::of)
            .toList(),
        null);
  }

  @DELETE
  @Path("/webhook-endpoints/{id}")
  @Operation(
      summary =
          "Disable a webhook endpoint: nothing more is sent to it, its pending deliveries end"
              + " failed")
  public WebhookDto.EndpointView disableEndpoint(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "DELETE", uri, null);
    return WebhookDto.EndpointView.of(webhooks().disableEndpoint(me.merchantId(), id));
  }

  @GET
  @Path("/webhook-events")
  @Operation(
      summary =
          "The merchant's events, newest first, with each delivery's status and attempts;"
              + " filter by type")
  public Dto.ListView<WebhookDto.EventView> events(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor,
      @QueryParam("type") String type) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    Page<EventDeliveries> page =
        webhooks().events(me.merchantId(), type, WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(WebhookDto.EventView::summary).toList(), page.nextCursor());
  }

  @GET
  @Path("/webhook-events/{id}")
  @Operation(summary = "One event with its deliveries and their attempt logs")
  public WebhookDto.EventView event(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    WebhookEvent event = webhooks().event(me.merchantId(), id);
    return WebhookDto.EventView.of(event, webhooks().deliveries(event), true);
  }

  @POST
  @Path("/webhook-events/{id}/redeliver")
  @Operation(
      summary =
          "Send an event again: a new attempt series to the merchant's enabled endpoints"
              + " (audited)")
  public WebhookDto.EventView redeliver(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    WebhookEvent event = webhooks().event(me.merchantId(), id);
    return WebhookDto.EventView.of(event, webhooks().redeliver(event, me.actor()), true);
  }

  /** The requested event types; absent or empty means every type. */
  private static Set<EventType> eventTypes(List<String> names) {
    if (names == null) return Set.of();
    EnumSet<EventType> types = EnumSet.noneOf(EventType.class);
    for (String name : names) types.add(EventType.parse(name, "events"));
    return types;
  }
}

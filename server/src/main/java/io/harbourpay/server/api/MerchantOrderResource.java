package io.harbourpay.server.api;

import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.payments.Order;
import io.harbourpay.platform.payments.OrderService;
import io.harbourpay.qr.image.PngImages;
import io.harbourpay.qr.image.QrImageOptions;
import io.harbourpay.qr.image.Symbols;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Merchant-presented dynamic QR orders through the signed merchant API (docs/payments.md). */
@Path("/v1/merchant/orders")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merchant (signed)")
public class MerchantOrderResource {
  static final String SIGNATURE = MerchantResource.SIGNATURE;

  @Inject HarbourApp app;
  @Inject MerchantAuth auth;

  private OrderService orders() {
    return app.platform().orders;
  }

  @POST
  @Operation(
      summary =
          "Create a dynamic QR order: its EMVCo payload and QR image URL; idempotent by"
              + " merchant_reference")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrderDto.CreateRequest.class)))
  public Response create(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    OrderDto.CreateRequest request = Json.parse(body, OrderDto.CreateRequest.class);
    Order order =
        orders()
            .create(
                me.merchantId(),
                new OrderService.Create(
                    Dto.required(request.amount(), "amount"),
                    Dto.required(request.currency(), "currency"),
                    Dto.required(request.store(), "store"),
                    Dto.required(request.terminal(), "terminal"),
                    Dto.required(request.merchantReference(), "merchant_reference"),
                    request.expiresInSeconds()));
    return Response.status(201).entity(OrderDto.OrderView.of(order)).build();
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An order: open, paid (with its payment), expired or canceled")
  public OrderDto.OrderView get(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return OrderDto.OrderView.of(orders().forMerchant(me.merchantId(), id));
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(
      summary =
          "Cancel an open order: it can no longer be paid (idempotent; 409 once paid or expired)")
  public OrderDto.OrderView cancel(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return OrderDto.OrderView.of(orders().cancel(me.merchantId(), id));
  }

  @POST
  @Path("/{id}/close")
  @Operation(
      summary =
          "Close an open order now: expired, with order.expired (idempotent; 409 once paid or"
              + " canceled)")
  public OrderDto.OrderView close(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return OrderDto.OrderView.of(orders().close(me.merchantId(), id));
  }

  @GET
  @Path("/{id}/qr.png")
  @Produces("image/png")
  @Operation(summary = "The order's QR code as a PNG image")
  public Response qr(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    Order order = orders().forMerchant(me.merchantId(), id);
    byte[] png = PngImages.write(Symbols.qr(order.payload(), QrImageOptions.DEFAULT));
    return Response.ok(png, "image/png").build();
  }
}

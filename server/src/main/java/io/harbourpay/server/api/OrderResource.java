package io.harbourpay.server.api;

import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's side of dynamic QR orders: decode a scanned code, pay the order with the PIN. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pay code")
public class OrderResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

  @POST
  @Path("/qr/decode")
  @Operation(summary = "Decode a scanned merchant-presented code: merchant, store, amount, order")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrderDto.DecodeRequest.class)))
  public OrderDto.DecodedView decode(
      @HeaderParam("Authorization") String authorization, String body) {
    auth.customer(authorization);
    OrderDto.DecodeRequest request = Json.parse(body, OrderDto.DecodeRequest.class);
    return OrderDto.DecodedView.of(
        app.platform().orders.decode(Dto.required(request.payload(), "payload")));
  }

  @POST
  @Path("/orders/{id}/pay")
  @Operation(summary = "Pay a dynamic QR order with the payment PIN")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrderDto.PayRequest.class)))
  public PaymentDto.CustomerPaymentView pay(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id, String body) {
    CustomerRef me = auth.customer(authorization);
    OrderDto.PayRequest request = Json.parse(body, OrderDto.PayRequest.class);
    Payment payment = app.platform().orders.pay(me, id, Dto.required(request.pin(), "pin"));
    return PaymentDto.CustomerPaymentView.of(
        payment, app.platform().merchants.get(payment.merchantId()).legalName());
  }
}

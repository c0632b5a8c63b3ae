package io.harbourpay.server.api;

import io.harbourpay.platform.Platform;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The customer's side of pay-code payments: devices, the current code, confirmations. */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pay code")
public class PaymentResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

  private Platform platform() {
    return app.platform();
  }

  @POST
  @Path("/paycode/devices")
  @Operation(
      summary =
          "Register this phone for pay codes: its device id and secret (shown in this response"
              + " only) and the end of its 72-hour offline lease")
  public Response registerDevice(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    // Not replayed by Idempotency-Key: the response carries the secret, and stored responses are
    // plain text. A retry registers another device; past five the oldest is revoked.
    return Response.status(201)
        .entity(PaymentDto.DeviceView.of(platform().payCodeDevices.register(me.id())))
        .build();
  }

  @GET
  @Path("/paycode")
  @Operation(summary = "The pay code to show now (newest device), and when it stops working")
  public PaymentDto.PayCodeView payCode(@HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return PaymentDto.PayCodeView.of(platform().payCodeDevices.currentCode(me.id()));
  }

  @GET
  @Path("/payments/pending")
  @Operation(summary = "Payments waiting for this customer's confirmation")
  public Dto.ListView<PaymentDto.CustomerPaymentView> pending(
      @HeaderParam("Authorization") String authorization) {
    CustomerRef me = auth.customer(authorization);
    return Dto.ListView.of(
        platform().payments.awaitingConfirmation(me.id()).stream().map(this::view).toList(), null);
  }

  @GET
  @Path("/payments/{id}")
  @Operation(summary = "One of the customer's payments")
  public PaymentDto.CustomerPaymentView get(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    CustomerRef me = auth.customer(authorization);
    return view(platform().payments.forCustomer(me.id(), id));
  }

  @POST
  @Path("/payments/{id}/confirm")
  @Operation(summary = "Confirm a payment above the no-PIN amount with the payment PIN")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = PaymentDto.ConfirmRequest.class)))
  public PaymentDto.CustomerPaymentView confirm(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id, String body) {
    CustomerRef me = auth.customer(authorization);
    PaymentDto.ConfirmRequest request = Json.parse(body, PaymentDto.ConfirmRequest.class);
    return view(platform().payments.confirm(me, id, Dto.required(request.pin(), "pin")));
  }

  @POST
  @Path("/payments/{id}/decline")
  @Operation(summary = "Refuse a payment waiting for confirmation; nothing is taken")
  public PaymentDto.CustomerPaymentView decline(
      @HeaderParam("Authorization") String authorization, @PathParam("id") String id) {
    CustomerRef me = auth.customer(authorization);
    return view(platform().payments.decline(me, id));
  }

  private PaymentDto.CustomerPaymentView view(Payment payment) {
    return PaymentDto.CustomerPaymentView.of(
        payment, platform().merchants.get(payment.merchantId()).legalName());
  }
}

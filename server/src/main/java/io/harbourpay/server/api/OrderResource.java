package io.harbourpay.server.api;

import io.harbourpay.platform.Platform;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.platform.payments.StaticQrService;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The customer's side of merchant-presented codes: decode a scanned code, pay a dynamic order or a
 * store's static code with the PIN.
 */
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Pay code")
public class OrderResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;

  @POST
  @Path("/qr/decode")
  @Operation(summary = "Decode a scanned merchant-presented code: merchant, store, amount, order")
  @RequestBody(content = @Content(schema = @Schema(implementation = OrderDto.DecodeRequest.class)))
  public Object decode(@HeaderParam("Authorization") String authorization, String body) {
    auth.customer(authorization);
    OrderDto.DecodeRequest request = Json.parse(body, OrderDto.DecodeRequest.class);
    return decoded(app.platform(), Dto.required(request.payload(), "payload"));
  }

  /** What a scanned payload is: a store's static code or a dynamic order (also for /qr/scan). */
  static Object decoded(Platform platform, String payload) {
    Optional<StaticQrService.DecodedStore> store = platform.staticQr.decode(payload);
    if (store.isPresent()) return OrderDto.DecodedStoreView.of(store.get());
    return OrderDto.DecodedView.of(platform.orders.decode(payload));
  }

  @POST
  @Path("/stores/{id}/pay")
  @Operation(
      summary =
          "Pay a store's static QR: the amount the customer entered, with the payment PIN;"
              + " Idempotency-Key makes a retry the same payment")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OrderDto.StorePayRequest.class)))
  public Response payStore(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("Idempotency-Key") String key,
      @PathParam("id") String id,
      String body) {
    CustomerRef me = auth.customer(authorization);
    return idempotent.run(
        me.publicId(),
        key,
        "/v1/stores/" + id + "/pay",
        body,
        usedKey -> {
          OrderDto.StorePayRequest request = Json.parse(body, OrderDto.StorePayRequest.class);
          Payment payment =
              app.platform()
                  .staticQr
                  .payStore(
                      me,
                      id,
                      Dto.required(request.amount(), "amount"),
                      Dto.required(request.currency(), "currency"),
                      Dto.required(request.pin(), "pin"),
                      usedKey);
          return new Idempotent.Result(
              200,
              PaymentDto.CustomerPaymentView.of(
                  payment, app.platform().merchants.get(payment.merchantId()).legalName()));
        });
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

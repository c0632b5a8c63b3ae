package io.harbourpay.server.api;

import io.harbourpay.platform.Platform;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.merchants.ConsoleRole;
import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.platform.payments.PaymentSearch;
import io.harbourpay.platform.payments.PaymentService;
import io.harbourpay.platform.payments.Refund;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Pay-code payments through the signed merchant API (docs/payments.md). Like every merchant
 * endpoint, each method checks the signature first; another merchant's payment is "not found".
 */
@Path("/v1/merchant/payments")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merchant (signed)")
public class MerchantPaymentResource {
  static final String SIGNATURE = MerchantResource.SIGNATURE;

  @Inject HarbourApp app;
  @Inject MerchantAuth auth;
  @Inject Idempotent idempotent;

  private Platform platform() {
    return app.platform();
  }

  @POST
  @Operation(
      summary =
          "Charge a scanned pay code; succeeded at once, or requires_confirmation above the"
              + " confirmation threshold")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = PaymentDto.ChargeRequest.class)))
  public Response charge(
      @HeaderParam(SIGNATURE) String signature,
      @HeaderParam("Idempotency-Key") String key,
      @Context UriInfo uri,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return idempotent.run(
        me.merchantPublicId(),
        key,
        uri.getRequestUri().getRawPath(),
        body,
        ignored -> {
          PaymentDto.ChargeRequest request = Json.parse(body, PaymentDto.ChargeRequest.class);
          Payment payment =
              platform()
                  .payments
                  .charge(
                      me.merchantId(),
                      new PaymentService.Charge(
                          Dto.required(request.payCode(), "pay_code"),
                          Dto.required(request.amount(), "amount"),
                          Dto.required(request.currency(), "currency"),
                          Dto.required(request.store(), "store"),
                          Dto.required(request.terminal(), "terminal"),
                          Dto.required(request.merchantReference(), "merchant_reference")));
          return new Idempotent.Result(
              payment.status().equals(Payment.REQUIRES_CONFIRMATION) ? 202 : 201,
              PaymentDto.PaymentView.of(payment));
        });
  }

  @GET
  @Operation(
      summary =
          "With merchant_reference: that payment. Otherwise the merchant's payments, newest first:"
              + " q (payment id or start of the reference), status, store, currency, from, to"
              + " (ISO-8601 instants), limit, cursor. A console cashier sees today's only.")
  public Object byReferenceOrList(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @QueryParam("merchant_reference") String reference,
      @QueryParam("q") String text,
      @QueryParam("status") String status,
      @QueryParam("store") String store,
      @QueryParam("currency") String currency,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    if (reference != null) {
      return PaymentDto.PaymentView.of(
          visible(me, platform().payments.byReference(me.merchantId(), reference)));
    }
    Instant fromInstant = instant(from, "from");
    if (me.role() == ConsoleRole.CASHIER) {
      // A cashier's list is the till's day: from midnight in Hong Kong, whatever was asked.
      Instant today = startOfToday();
      if (fromInstant == null || fromInstant.isBefore(today)) fromInstant = today;
    }
    Page<Payment> page =
        platform()
            .payments
            .search(
                me.merchantId(),
                new PaymentSearch.Query(
                    text,
                    status,
                    store == null || store.isEmpty()
                        ? null
                        : MerchantOperatorResource.storeId(store),
                    currency,
                    fromInstant,
                    instant(to, "to"),
                    WalletResource.integer(limit, "limit"),
                    cursor));
    return Dto.ListView.of(
        page.items().stream().map(PaymentDto.PaymentView::of).toList(), page.nextCursor());
  }

  static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

  /** Midnight in Hong Kong: where a cashier's day of payments begins. */
  private static Instant startOfToday() {
    return LocalDate.now(HONG_KONG).atStartOfDay(HONG_KONG).toInstant();
  }

  private static Instant instant(String text, String field) {
    if (text == null || text.isEmpty()) return null;
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException malformed) {
      throw PlatformException.invalid(
          field,
          field + "_invalid",
          field + " must be an ISO-8601 instant like 2025-03-01T00:00:00Z");
    }
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A payment by id: how the till learns the outcome of a confirmation")
  public PaymentDto.PaymentView get(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return PaymentDto.PaymentView.of(
        visible(me, platform().payments.forMerchant(me.merchantId(), id)));
  }

  /** A cashier sees the till's day; an older payment is not theirs to look at ("not found"). */
  private static Payment visible(MerchantCaller me, Payment payment) {
    if (me.role() == ConsoleRole.CASHIER && payment.createdAt().isBefore(startOfToday())) {
      throw PlatformException.notFound("payment");
    }
    return payment;
  }

  @POST
  @Path("/{id}/cancel")
  @Operation(summary = "Cancel a payment waiting for confirmation; its holds are released")
  public PaymentDto.PaymentView cancel(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return PaymentDto.PaymentView.of(platform().payments.cancel(me.merchantId(), id));
  }

  @POST
  @Path("/{id}/refunds")
  @Operation(
      summary =
          "Refund all or part of a succeeded payment; idempotent by merchant_refund_reference or"
              + " Idempotency-Key")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = PaymentDto.RefundRequest.class)))
  public Response refund(
      @HeaderParam(SIGNATURE) String signature,
      @HeaderParam("Idempotency-Key") String key,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return idempotent.run(
        me.merchantPublicId(),
        key,
        uri.getRequestUri().getRawPath(),
        body,
        idempotencyKey -> {
          PaymentDto.RefundRequest request = Json.parse(body, PaymentDto.RefundRequest.class);
          String reference =
              request.merchantRefundReference() != null
                  ? request.merchantRefundReference()
                  : idempotencyKey;
          Refund refund =
              platform()
                  .payments
                  .refund(
                      me.merchantId(),
                      id,
                      Dto.required(request.amount(), "amount"),
                      request.reason(),
                      reference);
          return new Idempotent.Result(201, PaymentDto.RefundView.of(refund));
        });
  }
}

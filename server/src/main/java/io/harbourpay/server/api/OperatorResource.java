package io.harbourpay.server.api;

import io.harbourpay.ledger.CurrencyTotals;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.AuditEntry;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.Page;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The operator's API: identity reviews, customer locks, audit trail, the ledger's books. */
@Path("/v1/operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class OperatorResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;

  @GET
  @Path("/identity-reviews")
  @Operation(summary = "Identity reviews waiting for a decision, oldest first")
  public Dto.ListView<Dto.KycView> pendingReviews(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.COMPLIANCE_DESK);
    Page<KycReview> page =
        app.platform().kyc.pending(WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(page.items().stream().map(Dto.KycView::of).toList(), page.nextCursor());
  }

  @POST
  @Path("/identity-reviews/{id}/approve")
  @Operation(summary = "Approve: the customer moves to the requested tier (audited)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.ReviewDecision.class)))
  public Dto.KycView approve(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.COMPLIANCE_DESK).actor();
    Dto.ReviewDecision decision =
        body == null || body.isBlank()
            ? new Dto.ReviewDecision(null, null)
            : Json.parse(body, Dto.ReviewDecision.class);
    return Dto.KycView.of(app.platform().kyc.approve(reviewId(id), name, decision.note()));
  }

  @POST
  @Path("/identity-reviews/{id}/reject")
  @Operation(summary = "Reject with a reason (audited)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.ReviewDecision.class)))
  public Dto.KycView reject(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.COMPLIANCE_DESK).actor();
    Dto.ReviewDecision decision = Json.parse(body, Dto.ReviewDecision.class);
    return Dto.KycView.of(
        app.platform().kyc.reject(reviewId(id), name, Dto.required(decision.reason(), "reason")));
  }

  @POST
  @Path("/customers/{id}/lock")
  @Operation(summary = "Lock a customer: no login, no payments, sessions ended (audited)")
  public Dto.CustomerView lock(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.CUSTOMERS).actor();
    Dto.ReviewDecision decision = Json.parse(body, Dto.ReviewDecision.class);
    return Dto.CustomerView.of(
        app.platform()
            .customers
            .lock(customerId(id), name, Dto.required(decision.reason(), "reason")));
  }

  @POST
  @Path("/customers/{id}/unlock")
  @Operation(summary = "Unlock a customer (audited)")
  public Dto.CustomerView unlock(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.CUSTOMERS).actor();
    Dto.ReviewDecision decision = Json.parse(body, Dto.ReviewDecision.class);
    return Dto.CustomerView.of(
        app.platform()
            .customers
            .unlock(customerId(id), name, Dto.required(decision.reason(), "reason")));
  }

  @POST
  @Path("/customers/{id}/tier")
  @Operation(
      summary =
          "Set a customer's tier, up or down (compliance or admin, reason required, audited);"
              + " applies to their next payment or receipt")
  @RequestBody(content = @Content(schema = @Schema(implementation = OperatorDto.TierChange.class)))
  public Response setTier(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.LIMITS_WRITE).actor();
    return idempotent.run(
        MerchantOperatorResource.SCOPE,
        key,
        "/v1/operator/customers/" + id + "/tier",
        body,
        ignored -> {
          OperatorDto.TierChange change = Json.parse(body, OperatorDto.TierChange.class);
          Tier tier = MeResource.tier(Dto.required(change.tier(), "tier"), "tier");
          String reason = Dto.required(change.reason(), "reason");
          return new Idempotent.Result(
              200,
              Dto.CustomerView.of(
                  app.platform().customers.setTier(customerId(id), tier, name, reason)));
        });
  }

  @GET
  @Path("/audit")
  @Operation(summary = "The audit trail of operator actions, newest first")
  public Dto.ListView<OperatorDto.AuditView> audit(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("target") String target,
      @QueryParam("actor") String actor,
      @QueryParam("action") String action,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.COMPLIANCE_DESK);
    Page<AuditEntry> page =
        app.platform()
            .audit
            .list(
                blankToNull(target),
                blankToNull(actor),
                blankToNull(action),
                WalletResource.integer(limit, "limit"),
                cursor);
    return Dto.ListView.of(
        OperatorDto.AuditView.of(page.items(), app.platform().operators), page.nextCursor());
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  @GET
  @Path("/ledger/check")
  @Operation(
      summary =
          "The books: per currency Σ debits = Σ credits, and every account equals its transfers")
  public Map<String, Object> ledgerCheck(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator) {
    auth.operator(authorization, operator, OperatorRoles.ANY);
    List<CurrencyTotals> totals = app.platform().ledgerStore().totals();
    List<Long> disagreeing = app.platform().ledgerStore().accountsDisagreeingWithTransfers();
    Map<String, Object> check = new LinkedHashMap<>();
    check.put(
        "balanced", totals.stream().allMatch(CurrencyTotals::balances) && disagreeing.isEmpty());
    check.put(
        "currencies",
        totals.stream()
            .map(
                total ->
                    Map.of(
                        "currency",
                        total.currency(),
                        "debits_posted",
                        total.debitsPosted().toString(),
                        "credits_posted",
                        total.creditsPosted().toString(),
                        "debits_pending",
                        total.debitsPending().toString(),
                        "credits_pending",
                        total.creditsPending().toString(),
                        "balanced",
                        total.balances()))
            .toList());
    check.put("accounts_disagreeing", disagreeing);
    return check;
  }

  private static long reviewId(String publicId) {
    long id = Ids.parsePublicId(KycReview.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("identity review");
    return id;
  }

  private static long customerId(String publicId) {
    long id = Ids.parsePublicId(CustomerRef.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("customer");
    return id;
  }
}

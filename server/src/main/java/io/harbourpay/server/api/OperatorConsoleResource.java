package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.Customer;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.CustomerSearch;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.customers.PinStatus;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.wallets.LimitsVersion;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the operator console reads: the dashboard's numbers, customers; and the tier limits. */
@Path("/v1/operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class OperatorConsoleResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;

  @GET
  @Path("/stats")
  @Operation(
      summary =
          "Dashboard: active customers, accepting stores and payment volume per Hong Kong day")
  public OperatorDto.StatsView stats(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("days") @DefaultValue("30") String days) {
    auth.operator(authorization, operator, OperatorRoles.ANY);
    return OperatorDto.StatsView.of(
        app.platform().operatorStats.lastDays(WalletResource.integer(days, "days")));
  }

  @GET
  @Path("/customers")
  @Operation(summary = "Search customers by id, mobile number or name; newest first")
  public Dto.ListView<OperatorDto.CustomerHit> customers(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("q") String query,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.CUSTOMERS);
    Page<CustomerSearch.Hit> page =
        app.platform().customerSearch.search(query, WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(OperatorDto.CustomerHit::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/customers/{id}")
  @Operation(summary = "A customer: tier, lock, PIN state, wallets with balances and limits")
  public OperatorDto.CustomerDetail customer(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    auth.operator(authorization, operator, OperatorRoles.CUSTOMERS);
    long customerId = Ids.parsePublicId(CustomerRef.ID_PREFIX, id);
    if (customerId < 0) throw PlatformException.notFound("customer");
    Customer customer = app.platform().customers.get(customerId);
    Dto.CustomerView view = Dto.CustomerView.of(customer);
    PinStatus pin = app.platform().pins.status(customerId);
    var latest = app.platform().kyc.latest(customerId);
    return new OperatorDto.CustomerDetail(
        "customer",
        view.id(),
        view.phone(),
        latest.map(review -> review.fullName()).orElse(null),
        view.tier(),
        view.status(),
        view.createdAt(),
        pin.set(),
        pin.lockedUntil() != null,
        app.platform().wallets.wallets(customer.ref()).stream().map(Dto.WalletView::of).toList(),
        latest.map(Dto.KycView::of).orElse(null));
  }

  @GET
  @Path("/limits")
  @Operation(summary = "The tier limits in force per currency (minor units), with their version")
  public OperatorDto.LimitsView limits(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator) {
    Auth.OperatorCaller caller = auth.operator(authorization, operator, OperatorRoles.ANY);
    return OperatorDto.LimitsView.of(app.platform().limits.current(), mayChangeLimits(caller));
  }

  @PUT
  @Path("/limits")
  @Consumes(MediaType.APPLICATION_JSON)
  @Operation(
      summary =
          "Set the tier limits: a new version (compliance or admin, reason required, audited);"
              + " applies to each customer's next payment or receipt")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OperatorDto.LimitsChange.class)))
  public Response changeLimits(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    Auth.OperatorCaller caller = auth.operator(authorization, operator, OperatorRoles.LIMITS_WRITE);
    return idempotent.run(
        MerchantOperatorResource.SCOPE,
        key,
        "/v1/operator/limits",
        body,
        ignored -> {
          OperatorDto.LimitsChange change = Json.parse(body, OperatorDto.LimitsChange.class);
          LimitsVersion version =
              app.platform()
                  .limits
                  .change(
                      caller.actor(),
                      Dto.required(change.reason(), "reason"),
                      change.baseVersion() == null ? 0 : change.baseVersion(),
                      change.limits());
          return new Idempotent.Result(200, OperatorDto.LimitsView.of(version, true));
        });
  }

  @GET
  @Path("/limits/history")
  @Operation(summary = "Versions of the tier limits, newest first, with who changed them and why")
  public Dto.ListView<OperatorDto.LimitsView> limitsHistory(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    Auth.OperatorCaller caller = auth.operator(authorization, operator, OperatorRoles.ANY);
    long before = 0;
    if (cursor != null && !cursor.isBlank()) {
      try {
        before = Long.parseLong(cursor.strip());
      } catch (NumberFormatException malformed) {
        throw PlatformException.invalid("cursor", "cursor_invalid", "cursor is not valid");
      }
    }
    int size = WalletResource.integer(limit, "limit");
    List<LimitsVersion> versions = app.platform().limits.history(size, before);
    boolean editable = mayChangeLimits(caller);
    String next =
        versions.size() == size && versions.get(versions.size() - 1).version() > 1
            ? Long.toString(versions.get(versions.size() - 1).version())
            : null;
    return Dto.ListView.of(
        versions.stream().map(version -> OperatorDto.LimitsView.of(version, editable)).toList(),
        next);
  }

  private static boolean mayChangeLimits(Auth.OperatorCaller caller) {
    for (OperatorRole role : OperatorRoles.LIMITS_WRITE) {
      if (caller.roles().contains(role)) return true;
    }
    return caller.roles().contains(OperatorRole.ADMIN);
  }
}

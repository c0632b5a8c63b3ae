package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.Customer;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.CustomerSearch;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.customers.PinStatus;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.server.app.HarbourApp;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What the operator console reads: the dashboard's numbers, customers, the tier limits. */
@Path("/v1/operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator")
public class OperatorConsoleResource {
  @Inject HarbourApp app;
  @Inject Auth auth;

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
  @Operation(summary = "Tier limits per currency (minor units), as configured")
  public OperatorDto.LimitsView limits(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator) {
    auth.operator(authorization, operator, OperatorRoles.ANY);
    List<OperatorDto.CurrencyLimits> currencies = new ArrayList<>();
    for (WalletCurrency currency : WalletCurrency.values()) {
      List<OperatorDto.TierLimits> tiers = new ArrayList<>();
      for (Tier tier : Tier.values()) {
        tiers.add(
            OperatorDto.TierLimits.of(
                tier.name().toLowerCase(Locale.ROOT),
                app.platform().walletAccounts.limitsOf(tier, currency)));
      }
      currencies.add(new OperatorDto.CurrencyLimits(currency.name(), tiers));
    }
    return new OperatorDto.LimitsView("limits", false, currencies);
  }
}

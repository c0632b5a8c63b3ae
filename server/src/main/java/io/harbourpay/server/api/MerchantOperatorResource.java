package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantKey;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
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
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's merchant console over HTTP: onboarding, stores and terminals, the fee rate,
 * suspension, and merchants' API keys. Every change is audited under the X-Operator name.
 */
@Path("/v1/operator/merchants")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator: merchants")
public class MerchantOperatorResource {
  static final String SCOPE = "operator";

  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;

  @POST
  @Operation(summary = "Onboard a merchant (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.MerchantRequest.class)))
  public Response onboard(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    return idempotent.run(
        SCOPE,
        key,
        "/v1/operator/merchants",
        body,
        ignored -> {
          MerchantDto.MerchantRequest request = Json.parse(body, MerchantDto.MerchantRequest.class);
          Merchant merchant = app.platform().merchants.onboard(request.toNew(), name);
          return new Idempotent.Result(201, MerchantDto.MerchantView.of(merchant, 0L));
        });
  }

  @GET
  @Operation(summary = "Merchants, oldest first")
  public Dto.ListView<MerchantDto.MerchantView> list(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    Page<Merchant> page =
        app.platform().merchants.list(WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(merchant -> MerchantDto.MerchantView.of(merchant, null)).toList(),
        page.nextCursor());
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "A merchant, with its number of stores")
  public MerchantDto.MerchantView get(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    long merchantId = merchantId(id);
    Merchant merchant = app.platform().merchants.get(merchantId);
    return MerchantDto.MerchantView.of(merchant, app.platform().merchants.storeCount(merchantId));
  }

  @POST
  @Path("/{id}/fps-id")
  @Operation(
      summary =
          "Set the merchant's FPS identifier (FPS ID, +852- mobile or email), or remove it with"
              + " null (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.FpsIdRequest.class)))
  public MerchantDto.MerchantView fpsId(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    MerchantDto.FpsIdRequest request = Json.parse(body, MerchantDto.FpsIdRequest.class);
    if (!Json.hasField(body, "fps_id")) {
      throw PlatformException.invalid(
          "fps_id", "parameter_missing", "Field fps_id is required (null removes it)");
    }
    return MerchantDto.MerchantView.of(
        app.platform().merchants.setFpsId(merchantId(id), request.fpsId(), name), null);
  }

  @POST
  @Path("/{id}/discount-rate")
  @Operation(summary = "Set the merchant discount rate in basis points (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.DiscountRateRequest.class)))
  public MerchantDto.MerchantView discountRate(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    MerchantDto.DiscountRateRequest request =
        Json.parse(body, MerchantDto.DiscountRateRequest.class);
    return MerchantDto.MerchantView.of(
        app.platform().merchants.setDiscountRate(merchantId(id), request.discountRateBps(), name),
        null);
  }

  @POST
  @Path("/{id}/suspend")
  @Operation(summary = "Suspend: the merchant's API keys are refused (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.StatusChange.class)))
  public MerchantDto.MerchantView suspend(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    return changeStatus(authorization, operator, id, body, app.platform().merchants::suspend);
  }

  @POST
  @Path("/{id}/activate")
  @Operation(summary = "Lift a suspension (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.StatusChange.class)))
  public MerchantDto.MerchantView activate(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    return changeStatus(authorization, operator, id, body, app.platform().merchants::activate);
  }

  /**
   * Suspend or activate: one merchant, the acting operator and a reason, audited by the service.
   */
  @FunctionalInterface
  interface StatusAction {
    Merchant apply(long merchantId, String actor, String reason);
  }

  private MerchantDto.MerchantView changeStatus(
      String authorization, String operator, String id, String body, StatusAction action) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    MerchantDto.StatusChange change = Json.parse(body, MerchantDto.StatusChange.class);
    return MerchantDto.MerchantView.of(
        action.apply(merchantId(id), name, Dto.required(change.reason(), "reason")), null);
  }

  @POST
  @Path("/{id}/stores")
  @Operation(summary = "Add a store (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.StoreRequest.class)))
  public Response addStore(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    long merchantId = merchantId(id);
    return idempotent.run(
        SCOPE,
        key,
        "/v1/operator/merchants/" + id + "/stores",
        body,
        ignored -> {
          MerchantDto.StoreRequest request = Json.parse(body, MerchantDto.StoreRequest.class);
          Store store = app.platform().merchants.addStore(merchantId, request.toNew(), name);
          return new Idempotent.Result(201, MerchantDto.StoreView.of(store));
        });
  }

  @GET
  @Path("/{id}/stores")
  @Operation(summary = "The merchant's stores, oldest first")
  public Dto.ListView<MerchantDto.StoreView> stores(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    long merchantId = merchantId(id);
    app.platform().merchants.get(merchantId);
    Page<Store> page =
        app.platform().merchants.stores(merchantId, WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(MerchantDto.StoreView::of).toList(), page.nextCursor());
  }

  @POST
  @Path("/{id}/stores/{store}/terminals")
  @Operation(summary = "Add a terminal (till) to a store (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.TerminalRequest.class)))
  public Response addTerminal(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      @PathParam("id") String id,
      @PathParam("store") String store,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    long merchantId = merchantId(id);
    long storeId = storeId(store);
    return idempotent.run(
        SCOPE,
        key,
        "/v1/operator/merchants/" + id + "/stores/" + store + "/terminals",
        body,
        ignored -> {
          MerchantDto.TerminalRequest request = Json.parse(body, MerchantDto.TerminalRequest.class);
          Terminal terminal =
              app.platform().merchants.addTerminal(merchantId, storeId, request.label(), name);
          return new Idempotent.Result(201, MerchantDto.TerminalView.of(terminal));
        });
  }

  @GET
  @Path("/{id}/stores/{store}/terminals")
  @Operation(summary = "The terminals of a store, oldest first")
  public Dto.ListView<MerchantDto.TerminalView> terminals(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      @PathParam("store") String store,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    Page<Terminal> page =
        app.platform()
            .merchants
            .terminals(
                merchantId(id), storeId(store), WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(MerchantDto.TerminalView::of).toList(), page.nextCursor());
  }

  @POST
  @Path("/{id}/keys")
  @Operation(
      summary =
          "Create an API key; the secret is in this response only (not replayed by Idempotency-Key)")
  public Response createKey(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    return Response.status(201)
        .entity(
            MerchantDto.KeyView.of(app.platform().merchantKeys.create(merchantId(id), name), now()))
        .build();
  }

  @GET
  @Path("/{id}/keys")
  @Operation(summary = "The merchant's API keys, newest first, without secrets")
  public Dto.ListView<MerchantDto.KeyView> keys(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id) {
    auth.operator(authorization, operator, OperatorRoles.MERCHANTS_READ);
    Instant now = now();
    return Dto.ListView.of(
        app.platform().merchantKeys.list(merchantId(id)).stream()
            .map(key -> MerchantDto.KeyView.of(key, now))
            .toList(),
        null);
  }

  @POST
  @Path("/{id}/keys/{key}/rotate")
  @Operation(summary = "Rotate: a new key (secret shown once); the old one works 24 hours more")
  public Response rotateKey(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      @PathParam("key") String key) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    return Response.status(201)
        .entity(
            MerchantDto.KeyView.of(
                app.platform().merchantKeys.rotate(merchantId(id), keyId(key), name), now()))
        .build();
  }

  @POST
  @Path("/{id}/keys/{key}/revoke")
  @Operation(summary = "Revoke a key at once (audited)")
  public MerchantDto.KeyView revokeKey(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      @PathParam("key") String key) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    return MerchantDto.KeyView.of(
        app.platform().merchantKeys.revoke(merchantId(id), keyId(key), name), now());
  }

  static Instant now() {
    return Instant.now();
  }

  static long merchantId(String publicId) {
    long id = Ids.parsePublicId(Merchant.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("merchant");
    return id;
  }

  @POST
  @Path("/{id}/console-users")
  @Operation(summary = "Add a merchant console user, e.g. the merchant's first owner (audited)")
  @RequestBody(content = @Content(schema = @Schema(implementation = ConsoleDto.UserRequest.class)))
  public Response addConsoleUser(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String name = auth.operator(authorization, operator, OperatorRoles.MERCHANTS_WRITE).actor();
    ConsoleDto.UserRequest request = Json.parse(body, ConsoleDto.UserRequest.class);
    io.harbourpay.platform.merchants.ConsoleUser user =
        app.platform()
            .consoleUsers
            .create(
                merchantId(id),
                new io.harbourpay.platform.merchants.ConsoleUsers.NewUser(
                    request.email(),
                    request.displayName(),
                    request.password(),
                    io.harbourpay.platform.merchants.ConsoleRole.parse(
                        Dto.required(request.role(), "role"))),
                name);
    return Response.status(201).entity(ConsoleDto.UserView.of(user)).build();
  }

  static long storeId(String publicId) {
    long id = Ids.parsePublicId(Store.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("store");
    return id;
  }

  static long keyId(String publicId) {
    long id = Ids.parsePublicId(MerchantKey.ID_PREFIX, publicId);
    if (id < 0) throw PlatformException.notFound("API key");
    return id;
  }
}

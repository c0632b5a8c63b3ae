package io.harbourpay.server.api;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.merchants.MerchantSigner;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.qr.image.PngImages;
import io.harbourpay.qr.image.QrImageOptions;
import io.harbourpay.qr.image.Symbols;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The merchant's own API: every request is signed (docs/merchants.md) and checked by {@link
 * MerchantAuth} as the first statement of each method, so a refused request never reaches the
 * platform. A merchant sees only its own objects: another merchant's ids are "not found".
 */
@Path("/v1/merchant")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merchant (signed)")
public class MerchantResource {
  static final String SIGNATURE = MerchantSigner.HEADER;

  @Inject HarbourApp app;
  @Inject MerchantAuth auth;

  private Platform platform() {
    return app.platform();
  }

  @GET
  @Path("/me")
  @Operation(summary = "The calling merchant, with its number of stores")
  public MerchantDto.MerchantView me(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return MerchantDto.MerchantView.of(
        platform().merchants.get(me.merchantId()),
        platform().merchants.storeCount(me.merchantId()));
  }

  @GET
  @Path("/stores")
  @Operation(summary = "The merchant's stores, oldest first")
  public Dto.ListView<MerchantDto.StoreView> stores(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    Page<Store> page =
        platform()
            .merchants
            .stores(me.merchantId(), WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(MerchantDto.StoreView::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/stores/{id}")
  @Operation(summary = "One of the merchant's stores")
  public MerchantDto.StoreView store(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return MerchantDto.StoreView.of(
        platform().merchants.store(me.merchantId(), MerchantOperatorResource.storeId(id)));
  }

  @GET
  @Path("/stores/{id}/terminals")
  @Operation(summary = "The terminals (tills) of one of the merchant's stores, oldest first")
  public Dto.ListView<MerchantDto.TerminalView> terminals(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      @QueryParam("limit") @DefaultValue("20") String limit,
      @QueryParam("cursor") String cursor) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    Page<Terminal> page =
        platform()
            .merchants
            .terminals(
                me.merchantId(),
                MerchantOperatorResource.storeId(id),
                WalletResource.integer(limit, "limit"),
                cursor);
    return Dto.ListView.of(
        page.items().stream().map(MerchantDto.TerminalView::of).toList(), page.nextCursor());
  }

  @POST
  @Path("/stores/{id}/terminals")
  @Operation(summary = "Add a terminal (till) to one of the merchant's stores (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = MerchantDto.TerminalRequest.class)))
  public Response addTerminal(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    MerchantDto.TerminalRequest request = Json.parse(body, MerchantDto.TerminalRequest.class);
    Terminal terminal =
        platform()
            .merchants
            .addTerminal(
                me.merchantId(), MerchantOperatorResource.storeId(id), request.label(), me.actor());
    return Response.status(201).entity(MerchantDto.TerminalView.of(terminal)).build();
  }

  @GET
  @Path("/stores/{id}/qr")
  @Operation(summary = "The store's static QR payload (EMVCo MPM, no amount) for its sticker")
  public OrderDto.StoreQrView storeQr(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    long storeId = MerchantOperatorResource.storeId(id);
    String payload = platform().staticQr.storePayload(me.merchantId(), storeId);
    return OrderDto.StoreQrView.of(Ids.publicId(Store.ID_PREFIX, storeId), payload);
  }

  @GET
  @Path("/stores/{id}/qr.png")
  @Produces("image/png")
  @Operation(summary = "The store's static QR sticker as a PNG image")
  public Response storeQrPng(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, @PathParam("id") String id) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    String payload =
        platform().staticQr.storePayload(me.merchantId(), MerchantOperatorResource.storeId(id));
    byte[] png = PngImages.write(Symbols.qr(payload, QrImageOptions.DEFAULT));
    return Response.ok(png, "image/png").build();
  }

  @GET
  @Path("/keys")
  @Operation(summary = "The merchant's API keys, newest first, without secrets")
  public Dto.ListView<MerchantDto.KeyView> keys(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    Instant now = Instant.now();
    return Dto.ListView.of(
        platform().merchantKeys.list(me.merchantId()).stream()
            .map(key -> MerchantDto.KeyView.of(key, now))
            .toList(),
        null);
  }

  @POST
  @Path("/keys")
  @Operation(summary = "Create another API key; the secret is in this response only")
  public Response createKey(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    platform().merchantKeys.requireManagingKey(me);
    return Response.status(201)
        .entity(
            MerchantDto.KeyView.of(
                platform().merchantKeys.create(me.merchantId(), me.actor()), Instant.now()))
        .build();
  }

  @POST
  @Path("/keys/{id}/rotate")
  @Operation(summary = "Rotate a key: a new one now, the old one works 24 hours more")
  public Response rotateKey(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    platform().merchantKeys.requireManagingKey(me);
    return Response.status(201)
        .entity(
            MerchantDto.KeyView.of(
                platform()
                    .merchantKeys
                    .rotate(me.merchantId(), MerchantOperatorResource.keyId(id), me.actor()),
                Instant.now()))
        .build();
  }

  @POST
  @Path("/keys/{id}/revoke")
  @Operation(summary = "Revoke a key at once")
  public MerchantDto.KeyView revokeKey(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    platform().merchantKeys.requireManagingKey(me);
    return MerchantDto.KeyView.of(
        platform()
            .merchantKeys
            .revoke(me.merchantId(), MerchantOperatorResource.keyId(id), me.actor()),
        Instant.now());
  }
}

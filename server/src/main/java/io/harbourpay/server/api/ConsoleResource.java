package io.harbourpay.server.api;

import io.harbourpay.platform.Platform;
import io.harbourpay.platform.merchants.ConsoleLogin;
import io.harbourpay.platform.merchants.ConsoleRole;
import io.harbourpay.platform.merchants.ConsoleUser;
import io.harbourpay.platform.merchants.ConsoleUsers;
import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.server.app.HarbourApp;
import io.vertx.core.http.HttpServerRequest;
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

/**
 * Sign-in for people using the merchant console (docs/merchants.md, "Console users"): email and
 * password give a bearer token that every merchant endpoint accepts in place of a signature ({@link
 * MerchantAuth}); owners manage the merchant's console users.
 */
@Path("/v1/merchant/console")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Merchant console")
public class ConsoleResource {
  static final String SIGNATURE = MerchantResource.SIGNATURE;

  @Inject HarbourApp app;
  @Inject MerchantAuth auth;
  @Inject HttpServerRequest http;

  private Platform platform() {
    return app.platform();
  }

  @POST
  @Path("/login")
  @Operation(summary = "Sign in with email and password; answers a console bearer token")
  @RequestBody(content = @Content(schema = @Schema(implementation = ConsoleDto.LoginRequest.class)))
  public ConsoleDto.SessionView login(String body) {
    ConsoleDto.LoginRequest request = Json.parse(body, ConsoleDto.LoginRequest.class);
    ConsoleLogin login =
        platform()
            .consoleUsers
            .login(
                Dto.required(request.email(), "email"),
                Dto.required(request.password(), "password"),
                http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress());
    return session(login.token(), login.user());
  }

  @POST
  @Path("/logout")
  @Operation(summary = "End this console session")
  public Response logout(@HeaderParam("Authorization") String authorization) {
    platform().consoleUsers.logout(Auth.bearer(authorization));
    return Response.noContent().build();
  }

  @GET
  @Path("/me")
  @Operation(summary = "The signed-in console user, their merchant and role")
  public ConsoleDto.SessionView me(@HeaderParam("Authorization") String authorization) {
    ConsoleUser user = platform().consoleUsers.authenticate(Auth.bearer(authorization));
    return session(null, user);
  }

  @GET
  @Path("/users")
  @Operation(summary = "The merchant's console users (owners only)")
  public Dto.ListView<ConsoleDto.UserView> users(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri) {
    MerchantCaller me = auth.authenticate(signature, "GET", uri, null);
    return Dto.ListView.of(
        platform().consoleUsers.list(me.merchantId()).stream()
            .map(ConsoleDto.UserView::of)
            .toList(),
        null);
  }

  @POST
  @Path("/users")
  @Operation(summary = "Add a console user: email, display_name, password, role (owners only)")
  @RequestBody(content = @Content(schema = @Schema(implementation = ConsoleDto.UserRequest.class)))
  public Response addUser(
      @HeaderParam(SIGNATURE) String signature, @Context UriInfo uri, String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    ConsoleDto.UserRequest request = Json.parse(body, ConsoleDto.UserRequest.class);
    ConsoleUser user =
        platform()
            .consoleUsers
            .create(
                me.merchantId(),
                new ConsoleUsers.NewUser(
                    request.email(),
                    request.displayName(),
                    request.password(),
                    ConsoleRole.parse(Dto.required(request.role(), "role"))),
                me.actor());
    return Response.status(201).entity(ConsoleDto.UserView.of(user)).build();
  }

  @POST
  @Path("/users/{id}/disable")
  @Operation(summary = "Disable a console user and end their sessions (owners only)")
  public ConsoleDto.UserView disableUser(
      @HeaderParam(SIGNATURE) String signature,
      @Context UriInfo uri,
      @PathParam("id") String id,
      String body) {
    MerchantCaller me = auth.authenticate(signature, "POST", uri, body);
    return ConsoleDto.UserView.of(platform().consoleUsers.disable(me.merchantId(), id, me));
  }

  private ConsoleDto.SessionView session(String token, ConsoleUser user) {
    return new ConsoleDto.SessionView(
        "console_session",
        token,
        MerchantDto.MerchantView.of(
            platform().merchants.get(user.merchantId()),
            platform().merchants.storeCount(user.merchantId())),
        ConsoleDto.UserView.of(user),
        user.role().wireName());
  }
}

package io.harbourpay.server.api;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.operators.NewOperator;
import io.harbourpay.platform.operators.Operator;
import io.harbourpay.platform.operators.OperatorChange;
import io.harbourpay.platform.operators.OperatorLogin;
import io.harbourpay.platform.operators.OperatorService;
import io.harbourpay.server.app.HarbourApp;
import io.vertx.core.http.HttpServerRequest;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Operator accounts: login, logout, who am I, own password; and, for admins, the accounts
 * themselves (create with an initial password, change name, roles or status, set a new password).
 */
@Path("/v1/operator")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operator: accounts")
public class OperatorAccountResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Inject Idempotent idempotent;
  @Context HttpServerRequest request;

  @POST
  @Path("/login")
  @Operation(summary = "Log in with username and password: an operator session token")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OperatorDto.LoginRequest.class)))
  public OperatorDto.SessionView login(String body) {
    OperatorDto.LoginRequest login = Json.parse(body, OperatorDto.LoginRequest.class);
    OperatorLogin result =
        app.platform()
            .operators
            .login(
                Dto.required(login.username(), "username"),
                Dto.required(login.password(), "password"),
                request.remoteAddress() == null
                    ? "unknown"
                    : request.remoteAddress().hostAddress());
    return new OperatorDto.SessionView(
        "operator_session",
        result.token(),
        java.time.Instant.now().plus(OperatorService.ABSOLUTE_TIMEOUT),
        OperatorDto.OperatorView.of(result.operator()));
  }

  @POST
  @Path("/logout")
  @Operation(summary = "End this operator session")
  public Response logout(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator) {
    Auth.OperatorCaller caller = auth.operator(authorization, operator, OperatorRoles.ANY);
    if (!caller.breakGlass()) app.platform().operators.logout(auth.token(authorization));
    return Response.noContent().build();
  }

  @GET
  @Path("/me")
  @Operation(summary = "The calling operator: account, display name and roles")
  public OperatorDto.MeView me(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator) {
    return OperatorDto.MeView.of(auth.operator(authorization, operator, OperatorRoles.ANY));
  }

  @POST
  @Path("/me/password")
  @Operation(summary = "Change your own password; your other sessions end (audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OperatorDto.PasswordChange.class)))
  public Response changePassword(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      String body) {
    Auth.OperatorCaller caller = auth.operator(authorization, operator, OperatorRoles.ANY);
    if (caller.breakGlass()) {
      throw new PlatformException(
          ErrorType.PERMISSION,
          "operator_account_required",
          "The operator key has no password; log in with an operator account");
    }
    OperatorDto.PasswordChange change = Json.parse(body, OperatorDto.PasswordChange.class);
    app.platform()
        .operators
        .changePassword(
            auth.token(authorization),
            Dto.required(change.currentPassword(), "current_password"),
            Dto.required(change.newPassword(), "new_password"));
    return Response.noContent().build();
  }

  @GET
  @Path("/operators")
  @Operation(summary = "Operator accounts, oldest first (admin)")
  public Dto.ListView<OperatorDto.OperatorView> list(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @QueryParam("limit") @DefaultValue("50") String limit,
      @QueryParam("cursor") String cursor) {
    auth.operator(authorization, operator, OperatorRoles.ADMIN);
    Page<Operator> page =
        app.platform().operators.list(WalletResource.integer(limit, "limit"), cursor);
    return Dto.ListView.of(
        page.items().stream().map(OperatorDto.OperatorView::of).toList(), page.nextCursor());
  }

  @POST
  @Path("/operators")
  @Operation(summary = "Create an operator account with an initial password (admin, audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OperatorDto.OperatorRequest.class)))
  public Response create(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @HeaderParam("Idempotency-Key") String key,
      String body) {
    String actor = auth.operator(authorization, operator, OperatorRoles.ADMIN).actor();
    return idempotent.run(
        MerchantOperatorResource.SCOPE,
        key,
        "/v1/operator/operators",
        body,
        ignored -> {
          OperatorDto.OperatorRequest request = Json.parse(body, OperatorDto.OperatorRequest.class);
          Operator created =
              app.platform()
                  .operators
                  .create(
                      actor,
                      new NewOperator(
                          request.username(),
                          request.displayName(),
                          request.password(),
                          OperatorDto.roles(request.roles())));
          return new Idempotent.Result(201, OperatorDto.OperatorView.of(created));
        });
  }

  @POST
  @Path("/operators/{id}")
  @Operation(
      summary = "Change an account's name, roles or status, or set a new password (admin, audited)")
  @RequestBody(
      content = @Content(schema = @Schema(implementation = OperatorDto.OperatorUpdate.class)))
  public OperatorDto.OperatorView update(
      @HeaderParam("Authorization") String authorization,
      @HeaderParam("X-Operator") String operator,
      @PathParam("id") String id,
      String body) {
    String actor = auth.operator(authorization, operator, OperatorRoles.ADMIN).actor();
    long operatorId = Ids.parsePublicId(Operator.ID_PREFIX, id);
    if (operatorId < 0) throw PlatformException.notFound("operator");
    OperatorDto.OperatorUpdate update = Json.parse(body, OperatorDto.OperatorUpdate.class);
    return OperatorDto.OperatorView.of(
        app.platform()
            .operators
            .update(
                actor,
                operatorId,
                new OperatorChange(
                    update.displayName(),
                    OperatorDto.roles(update.roles()),
                    OperatorDto.status(update.status()),
                    update.password())));
  }
}

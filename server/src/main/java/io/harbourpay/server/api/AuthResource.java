package io.harbourpay.server.api;

import io.harbourpay.platform.customers.CodeSent;
import io.harbourpay.platform.customers.LoginResult;
import io.harbourpay.server.app.HarbourApp;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Sign-up and login by mobile number and one-time code. */
@Path("/v1/auth")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Auth")
public class AuthResource {
  @Inject HarbourApp app;
  @Inject Auth auth;
  @Context HttpServerRequest request;

  @POST
  @Path("/otp")
  @Operation(summary = "Send a one-time code by SMS to a mobile number (sign-up and login)")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.OtpRequest.class)))
  public Response requestCode(String body) {
    Dto.OtpRequest otp = Json.parse(body, Dto.OtpRequest.class);
    CodeSent sent = app.platform().otp.request(Dto.required(otp.phone(), "phone"), clientIp());
    return Response.accepted(
            new Dto.OtpSent("otp", sent.phone(), sent.expiresAt(), sent.resendAfter()))
        .build();
  }

  @POST
  @Path("/login")
  @Operation(summary = "Log in (creating the customer on first login) with the code sent by SMS")
  @RequestBody(content = @Content(schema = @Schema(implementation = Dto.LoginRequest.class)))
  public Response login(String body) {
    Dto.LoginRequest login = Json.parse(body, Dto.LoginRequest.class);
    LoginResult result =
        app.platform()
            .customers
            .loginWithCode(
                Dto.required(login.phone(), "phone"),
                Dto.required(login.code(), "code"),
                clientIp());
    return Response.ok(
            new Dto.Session(
                "session",
                result.sessionToken(),
                result.sessionExpiresAt(),
                result.created(),
                Dto.CustomerView.of(result.customer())))
        .build();
  }

  @POST
  @Path("/logout")
  @Operation(summary = "End this session")
  public Response logout(@HeaderParam("Authorization") String authorization) {
    auth.customer(authorization);
    app.platform().sessions.logout(auth.token(authorization));
    return Response.noContent().build();
  }

  private String clientIp() {
    return request.remoteAddress() == null ? "unknown" : request.remoteAddress().hostAddress();
  }
}

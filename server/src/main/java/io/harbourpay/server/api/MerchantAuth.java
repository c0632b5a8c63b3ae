package io.harbourpay.server.api;

import io.harbourpay.platform.merchants.ConsolePermissions;
import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.merchants.SignedRequest;
import io.harbourpay.server.app.HarbourApp;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of every merchant endpoint: the resource hands over the signature header, its
 * method, the request URI (raw path and raw query, exactly as on the request line) and the raw
 * body, and gets the calling merchant or a refusal with the precise code — before any business
 * logic runs.
 *
 * <p>Two kinds of caller arrive here. A program signs each request with an API key ({@code
 * HarbourPay-Signature}; the checks live in the platform's {@code SignatureVerifier}). A person in
 * the merchant console sends {@code Authorization: Bearer hpm_…} from a console login instead, so
 * the browser never holds an API secret; the user's role is then checked against the method and
 * path ({@link ConsolePermissions}: deny by default) and a refusal is 403 {@code
 * role_not_permitted}. A request carrying a signature is always judged by its signature.
 */
@ApplicationScoped
public class MerchantAuth {
  @Inject HarbourApp app;
  @Inject HttpServerRequest request;

  public MerchantCaller authenticate(
      String signature, String method, UriInfo uriInfo, String body) {
    URI uri = uriInfo.getRequestUri();
    String authorization = request.getHeader("Authorization");
    MerchantCaller caller;
    if (signature == null && authorization != null) {
      caller =
          MerchantCaller.consoleUser(
              app.platform().consoleUsers.authenticate(Auth.bearer(authorization)));
    } else {
      byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
      caller =
          app.platform()
              .merchantAuth
              .authenticate(
                  new SignedRequest(signature, method, uri.getRawPath(), uri.getRawQuery(), raw));
    }
    ConsolePermissions.require(caller, method, uri.getRawPath());
    return caller;
  }
}

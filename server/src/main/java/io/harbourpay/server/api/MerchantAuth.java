package io.harbourpay.server.api;

import io.harbourpay.platform.merchants.MerchantCaller;
import io.harbourpay.platform.merchants.SignedRequest;
import io.harbourpay.server.app.HarbourApp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * The entry point of every merchant-signed endpoint: the resource hands over the signature header,
 * its method, the request URI (raw path and raw query, exactly as on the request line) and the raw
 * body, and gets the calling merchant or a refusal with the precise code — before any business
 * logic runs. The checks themselves live in the platform ({@code SignatureVerifier}).
 */
@ApplicationScoped
public class MerchantAuth {
  @Inject HarbourApp app;

  public MerchantCaller authenticate(
      String signature, String method, UriInfo uriInfo, String body) {
    URI uri = uriInfo.getRequestUri();
    byte[] raw = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    return app.platform()
        .merchantAuth
        .authenticate(
            new SignedRequest(signature, method, uri.getRawPath(), uri.getRawQuery(), raw));
  }
}

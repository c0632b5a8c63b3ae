package io.harbourpay.server.api;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.server.app.HarbourApp;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who is calling. Customers send {@code Authorization: Bearer <session token>}; the operator API
 * takes the operator key (until operator accounts arrive with the console) plus an {@code
 * X-Operator} name for the audit trail.
 */
@ApplicationScoped
public class Auth {
  @Inject HarbourApp app;

  @ConfigProperty(name = "harbour.operator.api-key")
  String operatorKey;

  public CustomerRef customer(String authorization) {
    String token = bearer(authorization);
    return app.platform().sessions.authenticate(token);
  }

  /** The session token itself (for logout). */
  public String token(String authorization) {
    return bearer(authorization);
  }

  /** The operator's name, once the key is checked. */
  public String operator(String authorization, String operatorName) {
    String key = bearer(authorization);
    boolean valid =
        MessageDigest.isEqual(
            key.getBytes(StandardCharsets.UTF_8), operatorKey.getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      throw new PlatformException(
          ErrorType.AUTHENTICATION, "operator_key_invalid", "The operator key is not valid");
    }
    if (operatorName == null || operatorName.isBlank() || operatorName.length() > 100) {
      throw PlatformException.invalid(
          "X-Operator",
          "operator_missing",
          "Name the operator acting in the X-Operator header (1 to 100 characters)");
    }
    return operatorName.strip();
  }

  /** The token in {@code Authorization: Bearer <token>} (customers, operator, console users). */
  static String bearer(String authorization) {
    if (authorization == null
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
        || authorization.length() <= 7) {
      throw new PlatformException(
          ErrorType.AUTHENTICATION,
          "authentication_required",
          "Send Authorization: Bearer <token>");
    }
    return authorization.substring(7).strip();
  }
}

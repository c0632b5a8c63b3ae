package io.harbourpay.server.api;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.operators.Operator;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.operators.OperatorService;
import io.harbourpay.server.app.HarbourApp;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Who is calling. Customers send {@code Authorization: Bearer <session token>}. Operators send the
 * token of an operator session ({@code hpo_…}, from {@code POST /v1/operator/login}); every
 * operator endpoint names the roles it accepts and a session without one of them is refused with
 * 403 {@code role_<role>_required}.
 *
 * <p>The operator key ({@code harbour.operator.api-key}) plus an {@code X-Operator} name is the
 * break-glass path for machines and emergencies: it acts as an admin, every use is written to the
 * audit trail, and it is refused unless {@code harbour.operator.break-glass} is true (the default
 * only in demo mode). docs/operations.md says why.
 */
@ApplicationScoped
public class Auth {
  private static final Logger LOG = Logger.getLogger(Auth.class);

  /** The audit action of a call made with the operator key. */
  public static final String KEY_USE = "operator.key_use";

  /** The audit target column's bound; a longer path is cut. */
  static final int TARGET_LENGTH_MAX = 64;

  @Inject HarbourApp app;
  @Inject CurrentVertxRequest current;

  @ConfigProperty(name = "harbour.operator.api-key")
  String operatorKey;

  @ConfigProperty(name = "harbour.operator.break-glass", defaultValue = "false")
  boolean breakGlass;

  /**
   * An authenticated operator: the name the audit trail records ({@code operator:<username>} for an
   * account, the X-Operator name for the key), the account (null for the key) and the roles held.
   */
  public record OperatorCaller(String actor, Operator account, Set<OperatorRole> roles) {
    public boolean breakGlass() {
      return account == null;
    }
  }

  public CustomerRef customer(String authorization) {
    String token = bearer(authorization);
    return app.platform().sessions.authenticate(token);
  }

  /** The session token itself (for logout). */
  public String token(String authorization) {
    return bearer(authorization);
  }

  /**
   * The operator, once the credentials are checked and they hold one of {@code anyOf} (an admin
   * holds every role). An endpoint that names no role is admin-only, the safe default for a new
   * endpoint; {@code OperatorRoles.ANY} lets every account in (each holds at least one role).
   */
  public OperatorCaller operator(String authorization, String operatorName, OperatorRole... anyOf) {
    OperatorRole[] needed = anyOf.length == 0 ? new OperatorRole[] {OperatorRole.ADMIN} : anyOf;
    String token = bearer(authorization);
    if (token.startsWith(OperatorService.TOKEN_PREFIX)) {
      Operator account = app.platform().operators.authenticate(token);
      if (!account.hasAny(needed)) throw missingRole(account, needed);
      return new OperatorCaller(account.actor(), account, account.roles());
    }
    return breakGlass(token, operatorName);
  }

  private OperatorCaller breakGlass(String key, String operatorName) {
    boolean valid =
        MessageDigest.isEqual(
            key.getBytes(StandardCharsets.UTF_8), operatorKey.getBytes(StandardCharsets.UTF_8));
    if (!valid) {
      throw new PlatformException(
          ErrorType.AUTHENTICATION, "operator_key_invalid", "The operator key is not valid");
    }
    if (!breakGlass) {
      throw new PlatformException(
          ErrorType.AUTHENTICATION,
          "operator_key_disabled",
          "The operator key is turned off (harbour.operator.break-glass=false); log in with an"
              + " operator account");
    }
    if (operatorName == null
        || operatorName.isBlank()
        || operatorName.length() > 100
        || operatorName.indexOf(':') >= 0) {
      throw PlatformException.invalid(
          "X-Operator",
          "operator_missing",
          "Name the operator acting in the X-Operator header (1 to 100 characters, no colon)");
    }
    String name = operatorName.strip();
    String call = describeRequest();
    LOG.warnf("Operator key used by %s: %s", name, call);
    app.platform()
        .database
        .transaction(
            connection ->
                AuditLog.append(
                    connection,
                    Instant.now(),
                    name,
                    KEY_USE,
                    call.length() <= TARGET_LENGTH_MAX
                        ? call
                        : call.substring(0, TARGET_LENGTH_MAX),
                    "break-glass operator key: " + call));
    return new OperatorCaller(name, null, EnumSet.of(OperatorRole.ADMIN));
  }

  private String describeRequest() {
    HttpServerRequest request =
        current.getCurrent() == null ? null : current.getCurrent().request();
    return request == null ? "unknown request" : request.method().name() + " " + request.path();
  }

  private static PlatformException missingRole(Operator account, OperatorRole... anyOf) {
    String needed =
        Arrays.stream(anyOf).map(OperatorRole::wireName).collect(Collectors.joining(" or "));
    String held =
        account.roles().stream()
            .map(OperatorRole::wireName)
            .sorted()
            .collect(Collectors.joining(", "));
    return new PlatformException(
        ErrorType.PERMISSION,
        "role_" + anyOf[0].wireName().toLowerCase(Locale.ROOT) + "_required",
        "This needs the operator role " + needed + "; " + account.username() + " has " + held);
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

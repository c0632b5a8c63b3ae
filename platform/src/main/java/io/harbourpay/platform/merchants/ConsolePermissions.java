package io.harbourpay.platform.merchants;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which merchant API requests a console user's role may make, decided on the method and path before
 * the request runs — one table for every merchant endpoint, deny by default: an endpoint added
 * later is closed to cashiers (and, under the owner-only prefixes, to managers) until a rule here
 * opens it. API keys are not checked here; a key acts for the whole merchant.
 */
public final class ConsolePermissions {
  /** The till: what a cashier may do. */
  private static final List<Rule> CASHIER =
      List.of(
          new Rule("GET", "/v1/merchant/me"),
          new Rule("GET", "/v1/merchant/stores"),
          new Rule("GET", "/v1/merchant/stores/[^/]+"),
          new Rule("GET", "/v1/merchant/stores/[^/]+/terminals"),
          new Rule("POST", "/v1/merchant/orders"),
          new Rule("GET", "/v1/merchant/orders/[^/]+"),
          new Rule("GET", "/v1/merchant/orders/[^/]+/qr\\.png"),
          new Rule("POST", "/v1/merchant/orders/[^/]+/cancel"),
          new Rule("POST", "/v1/merchant/orders/[^/]+/close"),
          new Rule("POST", "/v1/merchant/payments"),
          new Rule("GET", "/v1/merchant/payments"),
          new Rule("GET", "/v1/merchant/payments/[^/]+"),
          new Rule("POST", "/v1/merchant/payments/[^/]+/cancel"));

  /** Owner-only: people and credentials. */
  private static final List<Pattern> OWNER_ONLY =
      List.of(
          Pattern.compile("/v1/merchant/keys(/.*)?"),
          Pattern.compile("/v1/merchant/console/users(/.*)?"));

  private record Rule(String method, Pattern path) {
    Rule(String method, String path) {
      this(method, Pattern.compile(path));
    }

    boolean matches(String requestMethod, String requestPath) {
      return method.equals(requestMethod) && path.matcher(requestPath).matches();
    }
  }

  private ConsolePermissions() {}

  public static boolean allows(ConsoleRole role, String method, String path) {
    return switch (role) {
      case OWNER -> true;
      case MANAGER -> OWNER_ONLY.stream().noneMatch(prefix -> prefix.matcher(path).matches());
      case CASHIER -> CASHIER.stream().anyMatch(rule -> rule.matches(method, path));
    };
  }

  /**
   * A path in the one form the rules are written for: segments of letters, digits, '_', '-' and
   * '.', none of them "." or "..". The rules match the raw path while the router decodes and
   * normalises it, so {@code /v1/merchant/%6Beys}, {@code /v1/merchant/stores/../keys} or {@code
   * /v1/merchant/keys;x=1} would reach the keys endpoint without matching the owner-only rule.
   */
  private static final Pattern CANONICAL = Pattern.compile("(/(?!\\.{1,2}(/|$))[A-Za-z0-9_.-]+)+");

  /**
   * Throws PERMISSION {@code role_not_permitted} when the caller's role may not do this — or when
   * the path is not in canonical form, which a console has no reason to send.
   */
  public static void require(MerchantCaller caller, String method, String path) {
    if (!caller.viaConsole()) return;
    if (caller.role() != ConsoleRole.OWNER && !CANONICAL.matcher(path).matches()) {
      throw new PlatformException(
          ErrorType.PERMISSION,
          "role_not_permitted",
          "This path is not in canonical form (no encoded characters, '..', '.' or ';')");
    }
    if (allows(caller.role(), method, path)) return;
    throw new PlatformException(
        ErrorType.PERMISSION,
        "role_not_permitted",
        "Your console role ("
            + caller.role().wireName()
            + ") may not do this; ask an owner or manager");
  }
}

package io.harbourpay.platform.merchants;

import io.harbourpay.platform.PlatformException;
import java.util.Locale;

/**
 * What a console user may do. Owners do everything, including managing console users and API keys;
 * managers run the business (refunds, webhooks) but manage neither; cashiers run the till only. The
 * rules per endpoint are in {@link ConsolePermissions}.
 */
public enum ConsoleRole {
  OWNER,
  MANAGER,
  CASHIER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static ConsoleRole parse(String text) {
    if (text != null) {
      for (ConsoleRole role : values()) {
        if (role.wireName().equals(text)) return role;
      }
    }
    throw PlatformException.invalid(
        "role", "role_invalid", "role must be one of owner, manager, cashier");
  }
}

package io.harbourpay.platform.operators;

import io.harbourpay.platform.PlatformException;
import java.util.Locale;

/**
 * What an operator account may do. {@link #ADMIN} may do everything, including managing operators
 * and limits; the others each cover one desk of the operator's work. The server names the roles
 * each endpoint accepts; the stored and wire name is the lower-case name.
 */
public enum OperatorRole {
  /** Everything, including operator accounts and limits. */
  ADMIN,
  /** Identity reviews, customer tiers, locks, the audit trail. */
  COMPLIANCE,
  /** Customer search and detail, locks. */
  SUPPORT,
  /** Merchant onboarding, fee rates, suspension, stores, terminals, keys, webhooks. */
  MERCHANT_OPS,
  /** Read-only dashboards. */
  VIEWER;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The role named {@code name} (its wire name), or INVALID_REQUEST {@code role_invalid}. */
  public static OperatorRole parse(String name) {
    if (name != null) {
      for (OperatorRole role : values()) {
        if (role.wireName().equals(name.strip())) return role;
      }
    }
    throw PlatformException.invalid(
        "roles",
        "role_invalid",
        "Unknown role " + name + "; roles are admin, compliance, support, merchant_ops and viewer");
  }
}

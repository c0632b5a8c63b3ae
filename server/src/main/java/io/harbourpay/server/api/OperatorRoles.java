package io.harbourpay.server.api;

import static io.harbourpay.platform.operators.OperatorRole.COMPLIANCE;
import static io.harbourpay.platform.operators.OperatorRole.MERCHANT_OPS;
import static io.harbourpay.platform.operators.OperatorRole.SUPPORT;
import static io.harbourpay.platform.operators.OperatorRole.VIEWER;

import io.harbourpay.platform.operators.OperatorRole;

/**
 * Which operator roles each desk of the API accepts (an admin holds them all). The first role named
 * is the one a refusal's code names ({@code role_<role>_required}): the narrowest that would do.
 */
final class OperatorRoles {
  /** Dashboards, the books, limits, one's own session: every operator account. */
  static final OperatorRole[] ANY = {VIEWER, SUPPORT, COMPLIANCE, MERCHANT_OPS};

  /** Customer search, detail, lock and unlock. */
  static final OperatorRole[] CUSTOMERS = {SUPPORT, COMPLIANCE};

  /** Identity reviews and the audit trail. */
  static final OperatorRole[] COMPLIANCE_DESK = {COMPLIANCE};

  /** Reading merchants, stores, terminals and keys (not secrets). */
  static final OperatorRole[] MERCHANTS_READ = {MERCHANT_OPS, COMPLIANCE, SUPPORT};

  /** Onboarding, fee rate, suspension, stores, terminals, keys, webhooks. */
  static final OperatorRole[] MERCHANTS_WRITE = {MERCHANT_OPS};

  /** Changing the tier limits and a customer's tier (risk decisions). */
  static final OperatorRole[] LIMITS_WRITE = {COMPLIANCE};

  /** Operator accounts. */
  static final OperatorRole[] ADMIN = {OperatorRole.ADMIN};

  private OperatorRoles() {}
}

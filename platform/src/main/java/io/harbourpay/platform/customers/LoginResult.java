package io.harbourpay.platform.customers;

import java.time.Instant;

/**
 * A successful login: the customer, a new session token (shown to the client once, never stored)
 * and whether this login created the customer.
 */
public record LoginResult(
    Customer customer, String sessionToken, Instant sessionExpiresAt, boolean created) {
  @Override
  public String toString() {
    return "LoginResult[customer=" + customer + ", created=" + created + "]"; // no token in logs
  }
}

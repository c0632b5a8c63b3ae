package io.harbourpay.platform.operators;

import java.util.Set;

/**
 * An admin's change to an account; {@code null} fields stay as they are. A new password replaces
 * the old one (for an operator who forgot theirs) and ends the account's sessions.
 */
public record OperatorChange(
    String displayName, Set<OperatorRole> roles, OperatorStatus status, String password) {
  @Override
  public String toString() {
    return "OperatorChange[displayName="
        + displayName
        + ", roles="
        + roles
        + ", status="
        + status
        + ", password="
        + (password == null ? "unchanged" : "<new>")
        + "]";
  }
}

package io.harbourpay.platform.operators;

import java.util.Set;

/** What creating an operator account takes; the password is the initial one. */
public record NewOperator(
    String username, String displayName, String password, Set<OperatorRole> roles) {
  @Override
  public String toString() {
    return "NewOperator[username=" + username + ", roles=" + roles + "]";
  }
}

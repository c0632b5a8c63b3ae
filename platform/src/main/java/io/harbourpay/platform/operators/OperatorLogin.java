package io.harbourpay.platform.operators;

/** A successful login: the session token (shown once, never stored) and the account. */
public record OperatorLogin(String token, Operator operator) {
  @Override
  public String toString() {
    return "OperatorLogin[token=<hidden>, operator=" + operator + "]";
  }
}

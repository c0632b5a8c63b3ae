package io.harbourpay.ledger;

/** The outcome of one account event. Numbers are stable; never renumber, only append. */
public enum CreateAccountResult {
  OK(0),
  TIMESTAMP_MUST_BE_ZERO(3),
  RESERVED_FLAG(4),
  ID_MUST_NOT_BE_ZERO(5),
  FLAGS_ARE_MUTUALLY_EXCLUSIVE(6),
  BALANCES_MUST_BE_ZERO(7),
  CURRENCY_MUST_BE_VALID(17),
  CODE_MUST_NOT_BE_ZERO(18),
  EXISTS_WITH_DIFFERENT_FLAGS(36),
  EXISTS_WITH_DIFFERENT_CURRENCY(42),
  EXISTS_WITH_DIFFERENT_CODE(43),
  EXISTS_WITH_DIFFERENT_USER_DATA(44),
  EXISTS(45),
  BUSY(100, true),
  STORE_UNAVAILABLE(101, true),
  SHUTTING_DOWN(102, true),
  TOO_MANY_EVENTS(103);

  private final int number;
  private final boolean transientResult;

  CreateAccountResult(int number) {
    this(number, false);
  }

  CreateAccountResult(int number, boolean transientResult) {
    this.number = number;
    this.transientResult = transientResult;
  }

  public int number() {
    return number;
  }

  public boolean isTransient() {
    return transientResult;
  }

  public boolean isOk() {
    return this == OK;
  }
}

package io.harbourpay.ledger;

/** Bit flags of an {@link Account}. Numbers are stored; never renumber. */
public final class AccountFlags {
  /** The account can never be overdrawn: debits (pending + posted) stay within posted credits. */
  public static final int DEBITS_MUST_NOT_EXCEED_CREDITS = 1;

  /** The mirror: credits (pending + posted) stay within posted debits. */
  public static final int CREDITS_MUST_NOT_EXCEED_DEBITS = 1 << 1;

  /**
   * Set by the engine when a closing transfer succeeds; cleared when that pending transfer is
   * voided or expires. Not accepted when an account is created.
   */
  public static final int CLOSED = 1 << 2;

  static final int SETTABLE_ON_CREATE =
      DEBITS_MUST_NOT_EXCEED_CREDITS | CREDITS_MUST_NOT_EXCEED_DEBITS;

  private AccountFlags() {}
}

package io.harbourpay.ledger;

/** Bit flags of a {@link Transfer}. Numbers are stored; never renumber. */
public final class TransferFlags {
  /** This transfer succeeds only if the next one in the request does (a linked chain). */
  public static final int LINKED = 1;

  /** Reserve the amount (pending balances) until posted, voided or expired. */
  public static final int PENDING = 1 << 1;

  public static final int POST_PENDING = 1 << 2;
  public static final int VOID_PENDING = 1 << 3;

  /** Move at most the debit account's available balance: the amount becomes an upper bound. */
  public static final int BALANCING_DEBIT = 1 << 4;

  /** Move at most what the credit account can still take. */
  public static final int BALANCING_CREDIT = 1 << 5;

  /** A pending transfer that closes its debit account; voiding it reopens the account. */
  public static final int CLOSING_DEBIT = 1 << 6;

  public static final int CLOSING_CREDIT = 1 << 7;

  static final int ALL =
      LINKED
          | PENDING
          | POST_PENDING
          | VOID_PENDING
          | BALANCING_DEBIT
          | BALANCING_CREDIT
          | CLOSING_DEBIT
          | CLOSING_CREDIT;

  private TransferFlags() {}
}

package io.harbourpay.platform.wallets;

/** Account and transfer codes the wallet feature gives the ledger. Stored; never renumber. */
public final class LedgerCodes {
  // Accounts
  public static final int WALLET = 1;

  /** Headroom under the balance cap: cap minus balance. */
  public static final int CAP = 2;

  /** Remaining daily allowance, one account per local day. */
  public static final int DAILY = 3;

  public static final int YEARLY = 4;
  public static final int BANK_CLEARING = 100;
  public static final int LIMIT_SOURCE = 110;
  public static final int LIMIT_SINK = 111;

  // Transfers
  public static final int P2P = 10;
  public static final int TOPUP = 11;
  public static final int WITHDRAWAL = 12;
  public static final int LIMIT_USE = 20;
  public static final int LIMIT_FUND = 21;
  public static final int CAP_USE = 22;
  public static final int CAP_RELEASE = 23;

  /** Allowance given back to the limit source when a limit or tier goes down (balancing). */
  public static final int LIMIT_DRAIN = 24;

  private LedgerCodes() {}
}

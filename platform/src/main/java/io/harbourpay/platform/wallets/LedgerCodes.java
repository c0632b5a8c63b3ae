package io.harbourpay.platform.wallets;

/** Account and transfer codes the wallet feature gives the ledger. Stored; never renumber. */
final class LedgerCodes {
  // Accounts
  static final int WALLET = 1;

  /** Headroom under the balance cap: cap minus balance. */
  static final int CAP = 2;

  /** Remaining daily allowance, one account per local day. */
  static final int DAILY = 3;

  static final int YEARLY = 4;
  static final int BANK_CLEARING = 100;
  static final int LIMIT_SOURCE = 110;
  static final int LIMIT_SINK = 111;

  // Transfers
  static final int P2P = 10;
  static final int TOPUP = 11;
  static final int WITHDRAWAL = 12;
  static final int LIMIT_USE = 20;
  static final int LIMIT_FUND = 21;
  static final int CAP_USE = 22;
  static final int CAP_RELEASE = 23;

  private LedgerCodes() {}
}

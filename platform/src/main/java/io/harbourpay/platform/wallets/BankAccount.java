package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Ids;

/** A customer's bank account linked for top-up and withdrawal. */
public record BankAccount(
    long id,
    long customerId,
    String bankCode,
    String accountNumber,
    String holderName,
    WalletCurrency currency,
    long createdAtMicros) {
  public static final String ID_PREFIX = "ba";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  /** Only the last four digits, as shown on screens and receipts. */
  public String maskedNumber() {
    int visible = Math.min(4, accountNumber.length());
    return "•••• " + accountNumber.substring(accountNumber.length() - visible);
  }
}

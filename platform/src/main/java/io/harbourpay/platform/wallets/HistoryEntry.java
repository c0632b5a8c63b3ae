package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Ids;

/**
 * One line of a customer's history. {@code amountMinor} is signed (+ in, − out); {@code
 * balanceAfterMinor} is the wallet's posted balance right after the money moved (null while it has
 * not moved: pending or failed).
 */
public record HistoryEntry(
    long id,
    WalletCurrency currency,
    String type,
    long amountMinor,
    long feeMinor,
    String status,
    String counterparty,
    String memo,
    String reference,
    Long balanceAfterMinor,
    long createdAtMicros,
    long updatedAtMicros) {
  public static final String ID_PREFIX = "txn";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}

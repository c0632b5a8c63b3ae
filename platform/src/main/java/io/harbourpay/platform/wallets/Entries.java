package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.AttachedRecord;

/** History rows, written by the ledger writer in the same transaction as the money. */
public final class Entries {
  public static final String PENDING = "pending";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  private static final String INSERT =
      "INSERT INTO wallet_entries (id, customer_id, currency, type, amount, fee, status,"
          + " counterparty, memo, reference, settle_transfer_id, created_at, updated_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String SETTLE =
      "UPDATE wallet_entries SET status = ?, settle_transfer_id = ?, updated_at = ?"
          + " WHERE reference = ? AND customer_id = ?";

  private Entries() {}

  /**
   * A new line of history. {@code settleTransferId} is the transfer that moves the posted balance
   * (null while a hold is pending).
   */
  public static AttachedRecord insert(
      long entryId,
      long customerId,
      WalletCurrency currency,
      String type,
      long signedAmount,
      String status,
      String counterparty,
      String memo,
      String reference,
      Long settleTransferId,
      long nowMicros) {
    return AttachedRecord.of(
        INSERT,
        entryId,
        customerId,
        currency.name(),
        type,
        signedAmount,
        0L,
        status,
        counterparty,
        memo,
        reference,
        settleTransferId,
        nowMicros,
        nowMicros);
  }

  public static AttachedRecord settle(
      String reference, long customerId, String status, Long settleTransferId, long nowMicros) {
    return AttachedRecord.of(SETTLE, status, settleTransferId, nowMicros, reference, customerId);
  }
}

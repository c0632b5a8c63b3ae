package io.harbourpay.ledger;

/** A pending transfer not yet posted, voided or expired, as the writer holds it in memory. */
final class OpenHold {
  final Transfer transfer;
  final long expiresAt;

  OpenHold(Transfer transfer, long expiresAt) {
    this.transfer = transfer;
    this.expiresAt = expiresAt;
  }

  boolean isExpiredAt(long timestamp) {
    return expiresAt != 0 && expiresAt <= timestamp;
  }
}

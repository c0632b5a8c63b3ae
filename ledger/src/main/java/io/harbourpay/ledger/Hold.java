package io.harbourpay.ledger;

/**
 * The lifecycle of a pending transfer as stored: {@code status} is one of the constants below,
 * {@code expiresAt} is epoch microseconds (zero: never), {@code resolvedAt} the engine timestamp of
 * the post, void or expiry (zero while open).
 */
public record Hold(long pendingId, long expiresAt, int status, long resolvedAt) {
  public static final int OPEN = 0;
  public static final int POSTED = 1;
  public static final int VOIDED = 2;
  public static final int EXPIRED = 3;

  Hold resolve(int newStatus, long timestamp) {
    return new Hold(pendingId, expiresAt, newStatus, timestamp);
  }
}

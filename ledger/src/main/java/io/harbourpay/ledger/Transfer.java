package io.harbourpay.ledger;

/**
 * A movement of {@code amount} minor units of {@code currency} from the debit account to the credit
 * account. Submitted with {@code timestamp} zero; the engine assigns a strictly increasing
 * timestamp in epoch microseconds.
 *
 * <p>For post-pending and void-pending transfers, a zero debit or credit account id, zero code and
 * a null currency mean "as on the pending transfer"; a zero amount posts the full pending amount.
 * {@code timeoutSeconds} is only for pending transfers (zero: the hold never expires).
 */
public record Transfer(
    long id,
    long debitAccountId,
    long creditAccountId,
    long amount,
    long pendingId,
    long userData,
    int timeoutSeconds,
    String currency,
    int code,
    int flags,
    long timestamp) {

  /** A single-phase transfer. */
  public static Transfer of(
      long id, long debitAccountId, long creditAccountId, long amount, String currency, int code) {
    return new Transfer(id, debitAccountId, creditAccountId, amount, 0, 0, 0, currency, code, 0, 0);
  }

  /** A hold of {@code amount} that a later transfer posts or voids, or that expires. */
  public static Transfer pending(
      long id,
      long debitAccountId,
      long creditAccountId,
      long amount,
      String currency,
      int code,
      int timeoutSeconds) {
    return new Transfer(
        id,
        debitAccountId,
        creditAccountId,
        amount,
        0,
        0,
        timeoutSeconds,
        currency,
        code,
        TransferFlags.PENDING,
        0);
  }

  /** Posts {@code amount} of pending transfer {@code pendingId}; zero posts all of it. */
  public static Transfer post(long id, long pendingId, long amount) {
    return new Transfer(id, 0, 0, amount, pendingId, 0, 0, null, 0, TransferFlags.POST_PENDING, 0);
  }

  /** Releases pending transfer {@code pendingId}. */
  public static Transfer voidPending(long id, long pendingId) {
    return new Transfer(id, 0, 0, 0, pendingId, 0, 0, null, 0, TransferFlags.VOID_PENDING, 0);
  }

  public Transfer withFlags(int newFlags) {
    return new Transfer(
        id,
        debitAccountId,
        creditAccountId,
        amount,
        pendingId,
        userData,
        timeoutSeconds,
        currency,
        code,
        newFlags,
        timestamp);
  }

  public Transfer withUserData(long newUserData) {
    return new Transfer(
        id,
        debitAccountId,
        creditAccountId,
        amount,
        pendingId,
        newUserData,
        timeoutSeconds,
        currency,
        code,
        flags,
        timestamp);
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }
}

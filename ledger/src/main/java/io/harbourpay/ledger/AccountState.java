package io.harbourpay.ledger;

/** The writer's mutable copy of one account. Touched only by the writer thread. */
final class AccountState {
  final long id;
  final String currency;
  final int code;
  final long userData;
  final long timestamp;
  int flags;
  long debitsPending;
  long debitsPosted;
  long creditsPending;
  long creditsPosted;

  /** For an account created in this batch: avoids a second entry in the batch's created list. */
  long dirtyBatch = -1;

  /** Changes since the account's row was last written; zero when the row is current. */
  int unflushedEffects;

  /** The batch, wall-clock time and engine timestamp of the first of those changes. */
  long unflushedSinceBatch;

  long unflushedSinceMicros;
  long unflushedSinceTimestamp;

  /** The batch that writes this account's row; avoids a second entry in its list. */
  long flushBatch = -1;

  /**
   * The batch that created this account, or -1 if it was loaded from the store. A failed commit
   * throws the whole state away, so an account created in any earlier batch is in the store.
   */
  long createdBatch = -1;

  /**
   * Timestamps of this account's transfers that are not in its stored history yet, ascending: they
   * go to {@code ledger_history} in the batch that writes the row, so row and history always cover
   * the same changes.
   */
  long[] unwrittenHistory = NO_HISTORY;

  int unwrittenHistoryCount;

  static final long[] NO_HISTORY = new long[0];

  AccountState(Account account) {
    this.id = account.id();
    this.currency = account.currency();
    this.code = account.code();
    this.userData = account.userData();
    this.timestamp = account.timestamp();
    this.flags = account.flags();
    this.debitsPending = account.debitsPending();
    this.debitsPosted = account.debitsPosted();
    this.creditsPending = account.creditsPending();
    this.creditsPosted = account.creditsPosted();
  }

  Account snapshot() {
    return new Account(
        id,
        currency,
        code,
        flags,
        userData,
        debitsPending,
        debitsPosted,
        creditsPending,
        creditsPosted,
        timestamp);
  }

  void addHistory(long transferTimestamp) {
    if (unwrittenHistoryCount == unwrittenHistory.length) {
      unwrittenHistory =
          java.util.Arrays.copyOf(unwrittenHistory, Math.max(8, 2 * unwrittenHistory.length));
    }
    unwrittenHistory[unwrittenHistoryCount++] = transferTimestamp;
  }

  boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }
}

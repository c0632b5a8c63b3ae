package io.harbourpay.ledger;

/**
 * What the writer asks the store about history it does not keep in memory: transfers of earlier
 * batches (for EXISTS answers and resolved holds). Only resubmissions and posts of old holds reach
 * it, so it is off the hot path.
 */
public interface CommittedLookup {
  /** The committed transfer with this id, or null. */
  Transfer transfer(long id);

  /** The committed lifecycle row of pending transfer {@code pendingId}, or null. */
  Hold hold(long pendingId);
}

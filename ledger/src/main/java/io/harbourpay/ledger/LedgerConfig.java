package io.harbourpay.ledger;

import java.time.Clock;

/**
 * Bounds of the write path. Every queue and batch has a named limit: memory stays bounded under any
 * load, and a full queue answers BUSY at once instead of growing.
 *
 * @param batchEventsMax events (accounts or transfers) the writer applies and commits per batch
 * @param queueRequestsMax requests waiting for the writer before new ones are refused with BUSY
 * @param recoveryBackoffMs after a failed commit, how long the writer waits between attempts to
 *     reload from the store; requests in between fail fast with STORE_UNAVAILABLE
 * @param clock wall clock for transfer timestamps and hold expiry; tests inject their own
 * @param accountFlush when changed account rows are written back (the transfers are the journal)
 */
public record LedgerConfig(
    int batchEventsMax,
    int queueRequestsMax,
    long recoveryBackoffMs,
    Clock clock,
    AccountFlush accountFlush) {
  public static final int EVENTS_PER_REQUEST_MAX = 8190;

  /**
   * Account rows are a checkpoint: the transfers (and expired hold rows) after it are the journal
   * that brings them up to date, so a changed account need not be written in every batch. It is
   * written in the batch in which any bound is reached, counting from its first change since it was
   * last written. The bounds limit what a restart or an account lookup must replay.
   *
   * @param afterBatches batches after which a changed account is written (1: every batch)
   * @param afterMs milliseconds after which a changed account is written, idle or not
   * @param effectsMax changes (transfers, hold releases) after which it is written at once: a hot
   *     account is written every batch, so a lookup of it replays at most this many rows
   */
  public record AccountFlush(int afterBatches, long afterMs, int effectsMax) {
    public AccountFlush {
      if (afterBatches < 1) throw new IllegalArgumentException("afterBatches must be >= 1");
      if (afterMs < 0) throw new IllegalArgumentException("afterMs must be >= 0");
      if (effectsMax < 1) throw new IllegalArgumentException("effectsMax must be >= 1");
    }

    public static AccountFlush defaults() {
      return new AccountFlush(16, 1_000, 64);
    }
  }

  public LedgerConfig {
    if (batchEventsMax < EVENTS_PER_REQUEST_MAX) {
      throw new IllegalArgumentException(
          "batchEventsMax must hold the largest request: " + EVENTS_PER_REQUEST_MAX);
    }
    if (queueRequestsMax < 1) throw new IllegalArgumentException("queueRequestsMax must be >= 1");
    if (recoveryBackoffMs < 0) throw new IllegalArgumentException("recoveryBackoffMs >= 0");
    java.util.Objects.requireNonNull(accountFlush, "accountFlush");
  }

  public static LedgerConfig defaults() {
    return new LedgerConfig(16_380, 65_536, 200, Clock.systemUTC(), AccountFlush.defaults());
  }

  public LedgerConfig withClock(Clock newClock) {
    return new LedgerConfig(
        batchEventsMax, queueRequestsMax, recoveryBackoffMs, newClock, accountFlush);
  }

  public LedgerConfig withQueueRequestsMax(int newQueueRequestsMax) {
    return new LedgerConfig(
        batchEventsMax, newQueueRequestsMax, recoveryBackoffMs, clock, accountFlush);
  }

  public LedgerConfig withAccountFlush(AccountFlush newAccountFlush) {
    return new LedgerConfig(
        batchEventsMax, queueRequestsMax, recoveryBackoffMs, clock, newAccountFlush);
  }
}

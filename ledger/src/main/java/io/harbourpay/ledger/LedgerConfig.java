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
 */
public record LedgerConfig(
    int batchEventsMax, int queueRequestsMax, long recoveryBackoffMs, Clock clock) {
  public static final int EVENTS_PER_REQUEST_MAX = 8190;

  public LedgerConfig {
    if (batchEventsMax < EVENTS_PER_REQUEST_MAX) {
      throw new IllegalArgumentException(
          "batchEventsMax must hold the largest request: " + EVENTS_PER_REQUEST_MAX);
    }
    if (queueRequestsMax < 1) throw new IllegalArgumentException("queueRequestsMax must be >= 1");
    if (recoveryBackoffMs < 0) throw new IllegalArgumentException("recoveryBackoffMs >= 0");
  }

  public static LedgerConfig defaults() {
    return new LedgerConfig(16_380, 65_536, 200, Clock.systemUTC());
  }

  public LedgerConfig withClock(Clock newClock) {
    return new LedgerConfig(batchEventsMax, queueRequestsMax, recoveryBackoffMs, newClock);
  }

  public LedgerConfig withQueueRequestsMax(int newQueueRequestsMax) {
    return new LedgerConfig(batchEventsMax, newQueueRequestsMax, recoveryBackoffMs, clock);
  }
}

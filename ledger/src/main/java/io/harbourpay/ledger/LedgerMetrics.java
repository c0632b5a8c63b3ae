package io.harbourpay.ledger;

/**
 * What the writer has done since start. Commit latencies are percentiles over the most recent
 * {@link LatencyWindow#SAMPLES_MAX} batches, in microseconds.
 */
public record LedgerMetrics(
    long batchesCommitted,
    long eventsCommitted,
    long commitFailures,
    long requestsRefusedBusy,
    int queueDepth,
    long commitLatencyP50Micros,
    long commitLatencyP99Micros,
    long commitLatencyMaxMicros) {}

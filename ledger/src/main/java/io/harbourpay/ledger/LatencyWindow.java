package io.harbourpay.ledger;

import java.util.Arrays;

/** The last {@link #SAMPLES_MAX} durations, for percentiles without unbounded memory. */
final class LatencyWindow {
  static final int SAMPLES_MAX = 8192;
  private final long[] samples = new long[SAMPLES_MAX];
  private long count;

  synchronized void record(long micros) {
    samples[(int) (count++ % SAMPLES_MAX)] = micros;
  }

  /** Percentiles 50, 99 and 100 of the window, or zeros when empty. */
  synchronized long[] percentiles() {
    int size = (int) Math.min(count, SAMPLES_MAX);
    if (size == 0) {
      return new long[3];
    }
    long[] sorted = Arrays.copyOf(samples, size);
    Arrays.sort(sorted);
    return new long[] {
      sorted[(size - 1) / 2], sorted[(int) Math.ceil(size * 0.99) - 1], sorted[size - 1]
    };
  }
}

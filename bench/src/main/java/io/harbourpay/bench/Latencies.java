package io.harbourpay.bench;

import java.util.Arrays;

/** Request latencies of one client, bounded: past {@link #SAMPLES_MAX} it keeps every n-th. */
final class Latencies {
  static final int SAMPLES_MAX = 1 << 20;
  private final long[] samples = new long[SAMPLES_MAX];
  private int size;
  private long seen;

  void record(long micros) {
    seen++;
    if (size < SAMPLES_MAX) {
      samples[size++] = micros;
    } else {
      // Reservoir sampling keeps the percentiles unbiased once the buffer is full.
      long slot = java.util.concurrent.ThreadLocalRandom.current().nextLong(seen);
      if (slot < SAMPLES_MAX) samples[(int) slot] = micros;
    }
  }

  static long[] percentiles(Iterable<Latencies> all, double... quantiles) {
    int total = 0;
    for (Latencies latencies : all) total += latencies.size;
    long[] merged = new long[total];
    int offset = 0;
    for (Latencies latencies : all) {
      System.arraycopy(latencies.samples, 0, merged, offset, latencies.size);
      offset += latencies.size;
    }
    Arrays.sort(merged);
    long[] result = new long[quantiles.length];
    for (int index = 0; index < quantiles.length; index++) {
      result[index] =
          total == 0 ? 0 : merged[Math.max(0, (int) Math.ceil(quantiles[index] * total) - 1)];
    }
    return result;
  }
}

package io.harbourpay.platform.webhooks;

import java.time.Duration;
import java.util.List;

/**
 * When attempts happen: {@code delays.get(0)} after the event (or redelivery) for the first
 * attempt, {@code delays.get(k)} after attempt k failed for attempt k+1. After the last one fails,
 * the delivery is failed. Tests pass a compressed schedule.
 */
public record RetrySchedule(List<Duration> delays) {
  /** More would be a mistake in configuration, not a schedule. */
  public static final int ATTEMPTS_MAX = 32;

  /**
   * In the spirit of Alipay's notification schedule: 8 attempts over about 25 hours (24 h 21 m
   * after the first; the last attempt is at about a day, so a merchant down overnight still gets
   * everything).
   */
  public static final RetrySchedule DEFAULT =
      new RetrySchedule(
          List.of(
              Duration.ZERO,
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(15),
              Duration.ofHours(1),
              Duration.ofHours(2),
              Duration.ofHours(6),
              Duration.ofHours(15)));

  public RetrySchedule {
    delays = List.copyOf(delays);
    if (delays.isEmpty() || delays.size() > ATTEMPTS_MAX) {
      throw new IllegalArgumentException("a retry schedule has 1 to " + ATTEMPTS_MAX + " attempts");
    }
    for (Duration delay : delays) {
      if (delay.isNegative()) throw new IllegalArgumentException("negative retry delay: " + delay);
    }
  }

  /** Parses {@code 0s,1m,5m,15m,1h,2h,6h,15h} (units ms, s, m, h). */
  public static RetrySchedule parse(String text) {
    return new RetrySchedule(
        java.util.Arrays.stream(text.split(","))
            .map(String::strip)
            .map(RetrySchedule::duration)
            .toList());
  }

  private static Duration duration(String item) {
    try {
      if (item.endsWith("ms")) return Duration.ofMillis(Long.parseLong(item.replace("ms", "")));
      long value = Long.parseLong(item.substring(0, item.length() - 1));
      return switch (item.charAt(item.length() - 1)) {
        case 's' -> Duration.ofSeconds(value);
        case 'm' -> Duration.ofMinutes(value);
        case 'h' -> Duration.ofHours(value);
        default -> throw new IllegalArgumentException("unknown unit in " + item);
      };
    } catch (RuntimeException bad) {
      throw new IllegalArgumentException("a retry delay is like 500ms, 30s, 5m or 2h: " + item);
    }
  }

  public int attemptsMax() {
    return delays.size();
  }

  /** The wait before attempt number {@code attempt} (1-based). */
  public Duration delayBefore(int attempt) {
    return delays.get(attempt - 1);
  }

  public Duration total() {
    return delays.stream().reduce(Duration.ZERO, Duration::plus);
  }
}

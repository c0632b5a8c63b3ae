package io.harbourpay.platform;

import java.time.Clock;
import java.time.Instant;

/** Timestamps as stored: epoch microseconds. */
public final class Time {
  private Time() {}

  public static long micros(Clock clock) {
    return micros(clock.instant());
  }

  public static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  public static Instant instant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000);
  }
}

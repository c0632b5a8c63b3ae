package io.harbourpay.platform.customers;

import java.time.Duration;
import java.time.Instant;

/** Timestamps are stored as epoch microseconds (BIGINT) on both databases. */
final class Micros {
  private Micros() {}

  static long of(Instant instant) {
    return Math.addExact(
        Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
  }

  static long of(Duration duration) {
    return Math.addExact(
        Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
  }

  static Instant toInstant(long micros) {
    return Instant.ofEpochSecond(
        Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
  }

  /** A nullable column: {@code null} stays {@code null}. */
  static Instant toInstantOrNull(long micros, boolean wasNull) {
    return wasNull ? null : toInstant(micros);
  }
}

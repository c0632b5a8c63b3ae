package io.harbourpay.platform.payments;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.qr.paycode.PayCodeVerification;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bounds guessing of pay codes per terminal (docs/paycode.md, "Guess resistance"): a refusal that
 * could be a guess (wrong check digits, unknown device) counts against the till; at {@link
 * #PER_MINUTE_MAX} in a minute or {@link #PER_HOUR_MAX} in an hour the till's pay-code charges are
 * refused with 429 until the window has passed. Counted in memory on each node.
 */
final class PayCodeGuesses {
  static final int PER_MINUTE_MAX = 10;
  static final int PER_HOUR_MAX = 50;
  static final int TERMINALS_TRACKED_MAX = 100_000;

  private final Clock clock;
  private final Map<Long, Deque<Long>> failures = new ConcurrentHashMap<>();

  PayCodeGuesses(Clock clock) {
    this.clock = clock;
  }

  static boolean isGuess(PayCodeVerification.Reason reason) {
    return reason == PayCodeVerification.Reason.BAD_CHECK
        || reason == PayCodeVerification.Reason.UNKNOWN_DEVICE;
  }

  void check(long terminalId) {
    Deque<Long> times = failures.get(terminalId);
    if (times == null) return;
    long now = clock.millis();
    int lastMinute = 0;
    int lastHour;
    synchronized (times) {
      prune(times, now);
      lastHour = times.size();
      for (long at : times) if (at > now - Duration.ofMinutes(1).toMillis()) lastMinute++;
    }
    if (lastMinute >= PER_MINUTE_MAX || lastHour >= PER_HOUR_MAX) {
      throw new PlatformException(
          ErrorType.RATE_LIMITED,
          "pay_code_attempts_exceeded",
          "Too many refused pay codes on this terminal; try again later",
          "terminal");
    }
  }

  void record(long terminalId) {
    if (failures.size() >= TERMINALS_TRACKED_MAX) failures.clear();
    Deque<Long> times = failures.computeIfAbsent(terminalId, id -> new ArrayDeque<>());
    long now = clock.millis();
    synchronized (times) {
      prune(times, now);
      times.addLast(now);
    }
  }

  private static void prune(Deque<Long> times, long now) {
    long hourAgo = now - Duration.ofHours(1).toMillis();
    while (!times.isEmpty() && times.peekFirst() <= hourAgo) times.removeFirst();
  }
}

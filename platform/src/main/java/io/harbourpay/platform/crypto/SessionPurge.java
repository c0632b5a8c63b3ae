package io.harbourpay.platform.crypto;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;

/**
 * Deletes sessions that can no longer authenticate (past the idle or absolute timeout), for every
 * kind of session: a session ends on its own when it is next used, but a token that is never used
 * again would otherwise stay in its table for ever. Bounded work: each run deletes at most {@code
 * batchesPerRunMax} batches of at most {@code batchSize} rows per kind, each batch its own short
 * statement, so a purge never holds a table for long; what is left waits for the next run.
 */
public final class SessionPurge {
  /** One kind of session: {@code purgeBatch(max)} deletes up to max expired rows, says how many. */
  public record Kind(String name, IntUnaryOperator purgeBatch) {}

  private final List<Kind> kinds;
  private final int batchSize;
  private final int batchesPerRunMax;

  public SessionPurge(List<Kind> kinds, int batchSize, int batchesPerRunMax) {
    if (batchSize < 1 || batchesPerRunMax < 1) {
      throw new IllegalArgumentException("batch size and batches per run must be at least 1");
    }
    this.kinds = List.copyOf(kinds);
    this.batchSize = batchSize;
    this.batchesPerRunMax = batchesPerRunMax;
  }

  /** One run over every kind; returns the rows deleted per kind, in the kinds' order. */
  public Map<String, Integer> run() {
    Map<String, Integer> deleted = new LinkedHashMap<>();
    for (Kind kind : kinds) {
      int total = 0;
      for (int batch = 0; batch < batchesPerRunMax; batch++) {
        int gone = kind.purgeBatch().applyAsInt(batchSize);
        assert gone >= 0 && gone <= batchSize : kind.name() + " purged " + gone;
        total += gone;
        if (gone < batchSize) break;
      }
      deleted.put(kind.name(), total);
    }
    return deleted;
  }
}

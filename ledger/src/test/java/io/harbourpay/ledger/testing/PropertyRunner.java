package io.harbourpay.ledger.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A small property-based test runner: generates cases from seeded randomness, runs each, and on a
 * failure shrinks the case (dropping steps while it still fails) before reporting the seed and the
 * smallest failing list of steps. Reproduce with {@code -Dharbour.seed=<seed> -Dharbour.tries=1}.
 */
public final class PropertyRunner {
  /** Re-runs allowed while shrinking; bounds the time a failure report can take. */
  static final int SHRINK_RUNS_MAX = 400;

  private PropertyRunner() {}

  public static long baseSeed(long fallback) {
    String seed = System.getProperty("harbour.seed");
    return seed == null ? fallback : Long.parseLong(seed);
  }

  public static int tries(int fallback) {
    String tries = System.getProperty("harbour.tries");
    return tries == null ? fallback : Integer.parseInt(tries);
  }

  /**
   * Runs {@code tries} cases; {@code shrink} says whether a failing case is worth shrinking (false
   * when a run is expensive, e.g. against a real database).
   */
  public static <S> void check(
      String property,
      long baseSeed,
      int tries,
      Function<Random, List<S>> generator,
      Consumer<List<S>> run,
      boolean shrink) {
    for (int attempt = 0; attempt < tries; attempt++) {
      long seed = baseSeed + attempt;
      List<S> steps = generator.apply(new Random(seed));
      Throwable failure = failureOf(run, steps);
      if (failure == null) {
        continue;
      }
      List<S> smallest = shrink ? shrink(run, steps) : steps;
      Throwable smallestFailure = shrink ? failureOf(run, smallest) : failure;
      StringBuilder report =
          new StringBuilder(property)
              .append(" failed for seed ")
              .append(seed)
              .append(" after ")
              .append(attempt)
              .append(" passing cases; ")
              .append(smallest.size())
              .append(" steps")
              .append(shrink ? " after shrinking" : "")
              .append(":\n");
      for (S step : smallest) {
        report.append("  ").append(step).append('\n');
      }
      throw new AssertionError(report.toString(), smallestFailure);
    }
  }

  private static <S> Throwable failureOf(Consumer<List<S>> run, List<S> steps) {
    try {
      run.accept(steps);
      return null;
    } catch (AssertionError | RuntimeException failure) {
      return failure;
    }
  }

  private static <S> List<S> shrink(Consumer<List<S>> run, List<S> failing) {
    List<S> current = new ArrayList<>(failing);
    int runs = 0;
    boolean progress = true;
    while (progress && runs < SHRINK_RUNS_MAX) {
      progress = false;
      for (int index = current.size() - 1; index >= 0 && runs < SHRINK_RUNS_MAX; index--) {
        List<S> candidate = new ArrayList<>(current);
        candidate.remove(index);
        runs++;
        if (failureOf(run, candidate) != null) {
          current = candidate;
          progress = true;
        }
      }
    }
    return current;
  }
}

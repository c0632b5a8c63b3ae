package io.harbourpay.qr.testing;

import java.util.Random;

/**
 * Seeded random cases for property tests: runs a check over many generated inputs and, when one
 * fails, reports its seed so it can be replayed with {@code -Dharbour.seed=<seed>
 * -Dharbour.tries=1}. (HarbourPay does not use jqwik: its 1.10 releases ask that AI coding agents
 * not use it, and this code is written with one.)
 */
public final class Cases {
  private Cases() {}

  @FunctionalInterface
  public interface Check {
    void run(Random random) throws Exception;
  }

  public static void forAll(int triesDefault, long seedDefault, Check check) {
    long base = Long.getLong("harbour.seed", seedDefault);
    int tries = Integer.getInteger("harbour.tries", triesDefault);
    for (int attempt = 0; attempt < tries; attempt++) {
      long seed = base + attempt;
      try {
        check.run(new Random(seed));
      } catch (Exception | AssertionError failure) {
        throw new AssertionError("case failed for seed " + seed + ": " + failure, failure);
      }
    }
  }

  public static String text(Random random, String alphabet, int lengthMin, int lengthMax) {
    int length = lengthMin + random.nextInt(lengthMax - lengthMin + 1);
    StringBuilder text = new StringBuilder(length);
    for (int index = 0; index < length; index++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  public static String chars(Random random, char first, char last, int lengthMin, int lengthMax) {
    int length = lengthMin + random.nextInt(lengthMax - lengthMin + 1);
    StringBuilder text = new StringBuilder(length);
    for (int index = 0; index < length; index++) {
      text.append((char) (first + random.nextInt(last - first + 1)));
    }
    return text.toString();
  }

  public static long between(Random random, long min, long max) {
    return random.nextLong(min, max + 1);
  }

  /** True with the given chance in percent. */
  public static boolean chance(Random random, int percent) {
    return random.nextInt(100) < percent;
  }
}

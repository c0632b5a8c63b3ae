package io.harbourpay.platform.bank;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A bank that behaves like one, for the demo and the tests: it answers after a delay, declines,
 * loses instructions, and loses answers. What happens is decided by the last four digits of the
 * customer's account number, so a tester can pick the case:
 *
 * <ul>
 *   <li>{@code …0000} — declined ({@code insufficient_funds}) after the delay;
 *   <li>{@code …1111} — declined ({@code account_closed}) after the delay;
 *   <li>{@code …9999} — the instruction is lost: no answer, and inquiry says UNKNOWN;
 *   <li>{@code …8888} — the answer is lost: no answer, but the money moved and inquiry says
 *       CONFIRMED;
 *   <li>anything else — confirmed after the delay.
 * </ul>
 *
 * The bank deduplicates by reference: a resubmitted instruction gets the first one's answer.
 */
public final class SimulatedBank implements BankConnector, AutoCloseable {
  /** Instructions remembered for inquiry; a real bank keeps them for years, a demo not. */
  static final int REMEMBERED_MAX = 100_000;

  private final long answerDelayMs;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "simulated-bank");
            thread.setDaemon(true);
            return thread;
          });
  private final Map<String, BankAnswer> outcomes = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<BankAnswer>> answers = new ConcurrentHashMap<>();

  public SimulatedBank(long answerDelayMs) {
    this.answerDelayMs = answerDelayMs;
  }

  @Override
  public CompletionStage<BankAnswer> submit(BankInstruction instruction) {
    CompletableFuture<BankAnswer> existing = answers.get(instruction.reference());
    if (existing != null) {
      return existing;
    }
    if (answers.size() >= REMEMBERED_MAX) {
      answers.clear();
      outcomes.clear();
    }
    CompletableFuture<BankAnswer> answer = new CompletableFuture<>();
    answers.put(instruction.reference(), answer);
    String account = instruction.accountNumber();
    String ending = account.length() >= 4 ? account.substring(account.length() - 4) : account;
    String reference = instruction.reference();
    switch (ending) {
      case "9999" -> {
        // Lost on the way in: the bank never saw it.
      }
      case "8888" -> {
        outcomes.put(reference, new BankAnswer(reference, BankAnswer.Status.PROCESSING, null));
        scheduler.schedule(
            () ->
                outcomes.put(
                    reference, new BankAnswer(reference, BankAnswer.Status.CONFIRMED, null)),
            answerDelayMs,
            TimeUnit.MILLISECONDS);
      }
      default -> {
        outcomes.put(reference, new BankAnswer(reference, BankAnswer.Status.PROCESSING, null));
        BankAnswer outcome =
            switch (ending) {
              case "0000" ->
                  new BankAnswer(reference, BankAnswer.Status.DECLINED, "insufficient_funds");
              case "1111" ->
                  new BankAnswer(reference, BankAnswer.Status.DECLINED, "account_closed");
              default -> new BankAnswer(reference, BankAnswer.Status.CONFIRMED, null);
            };
        scheduler.schedule(
            () -> {
              outcomes.put(reference, outcome);
              answer.complete(outcome);
            },
            answerDelayMs,
            TimeUnit.MILLISECONDS);
      }
    }
    return answer;
  }

  @Override
  public BankAnswer inquire(String reference) {
    BankAnswer outcome = outcomes.get(reference);
    return outcome != null ? outcome : new BankAnswer(reference, BankAnswer.Status.UNKNOWN, null);
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}

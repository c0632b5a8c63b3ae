package io.harbourpay.qr;

import java.util.ArrayList;
import java.util.List;

/**
 * Gathers the problems of one decode so that the caller sees all of them at once. The decoders keep
 * going after a problem whenever the structure still allows it.
 */
public final class ProblemCollector {
  /** A hostile payload cannot make a decode build an unbounded report. */
  public static final int PROBLEMS_MAX = 100;

  private final DecodeMode mode;
  private final List<Problem> problems = new ArrayList<>();
  private boolean truncated;

  public ProblemCollector(DecodeMode mode) {
    this.mode = mode;
  }

  public DecodeMode mode() {
    return mode;
  }

  public void report(String dataObject, int position, Rule rule, String detail) {
    Problem problem = new Problem(dataObject, position, rule, mode.severityOf(rule), detail);
    if (problems.size() < PROBLEMS_MAX) {
      problems.add(problem);
    } else if (problem.isError() && !truncated) {
      // Keep the verdict right even when the report is cut short.
      problems.set(PROBLEMS_MAX - 1, problem);
      truncated = true;
    }
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(Problem::isError);
  }

  /** Returns the decoded payload with its warnings, or throws with every problem found. */
  public <T> Decoded<T> finish(T payload) throws QrFormatException {
    if (hasErrors()) {
      throw new QrFormatException(problems);
    }
    return new Decoded<>(payload, problems);
  }

  /** Throws with every problem found so far; for decodes that cannot go on. */
  public QrFormatException failure() {
    assert hasErrors() : "failure without an error";
    return new QrFormatException(problems);
  }
}

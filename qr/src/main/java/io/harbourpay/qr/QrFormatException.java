package io.harbourpay.qr;

import java.util.List;

/**
 * The only exception a decode throws: the payload was refused. It carries every problem found,
 * errors and warnings, in the order they occur in the payload, not only the first.
 */
public final class QrFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public QrFormatException(List<Problem> problems) {
    super(summary(problems));
    this.problems = List.copyOf(problems);
    assert this.problems.stream().anyMatch(Problem::isError) : "refused without an error";
  }

  /** Every problem found: at least one error, and the warnings seen on the way. */
  public List<Problem> problems() {
    return problems;
  }

  private static String summary(List<Problem> problems) {
    StringBuilder text = new StringBuilder("invalid QR payload");
    for (Problem problem : problems) {
      text.append(System.lineSeparator()).append("  ").append(problem);
    }
    return text.toString();
  }
}

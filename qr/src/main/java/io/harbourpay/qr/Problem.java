package io.harbourpay.qr;

import java.util.Objects;

/**
 * One broken rule, located precisely enough that a person can find it in the payload.
 *
 * @param dataObject the path of the data object, e.g. {@code "62/05"} or {@code "61[1]/5F20"};
 *     {@code "payload"} when the problem concerns the whole payload
 * @param position where the data object starts: for MPM the index in code points of the text, for
 *     CPM the byte offset in the base64-decoded BER-TLV (or the character index in the base64 text
 *     for a base64 error)
 * @param rule the rule broken
 * @param severity whether the payload is refused ({@link Severity#ERROR}) or only flagged
 * @param detail what was found, in words
 */
public record Problem(
    String dataObject, int position, Rule rule, Severity severity, String detail) {

  public Problem {
    Objects.requireNonNull(dataObject, "dataObject");
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(detail, "detail");
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return severity + " " + rule + " at " + dataObject + " (position " + position + "): " + detail;
  }
}

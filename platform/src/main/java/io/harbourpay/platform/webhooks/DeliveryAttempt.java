package io.harbourpay.platform.webhooks;

/**
 * One line of an event's delivery log.
 *
 * @param statusCode the endpoint's HTTP status, or null when no answer came (timeout, refused)
 * @param error why the attempt failed without an answer, or null
 * @param responseExcerpt the first bytes of the answer's body (at most 1 KB), or null
 */
public record DeliveryAttempt(
    int attempt,
    long attemptedAtMicros,
    long durationMs,
    Integer statusCode,
    String error,
    String responseExcerpt) {
  public boolean succeeded() {
    return statusCode != null && statusCode >= 200 && statusCode < 300;
  }
}

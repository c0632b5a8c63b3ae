package io.harbourpay.platform.webhooks;

import java.util.List;

/**
 * One event to one endpoint in one attempt series (1 for the original, one more per redelivery),
 * with its log.
 *
 * @param nextAttemptAtMicros when the next attempt is due, while pending
 */
public record Delivery(
    long id,
    long eventId,
    long endpointId,
    int series,
    Status status,
    int attempts,
    long nextAttemptAtMicros,
    List<DeliveryAttempt> log) {
  public enum Status {
    PENDING,
    SUCCEEDED,
    FAILED;

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    static Status of(String column) {
      return valueOf(column.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Delivery {
    log = List.copyOf(log);
  }
}

package io.harbourpay.platform.webhooks;

import java.util.Optional;

/** What happened, as merchants see it in an event's {@code type}. */
public enum EventType {
  PAYMENT_SUCCEEDED("payment.succeeded"),
  PAYMENT_FAILED("payment.failed"),
  PAYMENT_REFUNDED("payment.refunded"),
  ORDER_EXPIRED("order.expired");

  private final String wireName;

  EventType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in JSON and in endpoint filters: {@code payment.succeeded}. */
  public String wireName() {
    return wireName;
  }

  public static Optional<EventType> fromWireName(String name) {
    for (EventType type : values()) {
      if (type.wireName.equals(name)) return Optional.of(type);
    }
    return Optional.empty();
  }
}

package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.PlatformException;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What happened, as merchants see it in an event's {@code type}. */
public enum EventType {
  PAYMENT_SUCCEEDED("payment.succeeded"),
  PAYMENT_FAILED("payment.failed"),
  PAYMENT_REFUNDED("payment.refunded"),
  ORDER_EXPIRED("order.expired"),
  ORDER_CANCELED("order.canceled");

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

  /** The type a caller named in {@code field}; an unknown name is a 400 that lists the types. */
  public static EventType parse(String name, String field) {
    return fromWireName(name)
        .orElseThrow(
            () ->
                PlatformException.invalid(
                    field,
                    field + "_invalid",
                    field
                        + " takes the event types "
                        + Arrays.stream(values())
                            .map(EventType::wireName)
                            .collect(Collectors.joining(", "))));
  }
}

package io.harbourpay.platform.webhooks;

import java.util.List;

/** An event with its deliveries: every endpoint and attempt series (with or without their logs). */
public record EventDeliveries(WebhookEvent event, List<Delivery> deliveries) {
  public EventDeliveries {
    deliveries = List.copyOf(deliveries);
  }
}

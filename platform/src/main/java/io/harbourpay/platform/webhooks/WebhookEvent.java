package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Ids;

/** An event in the outbox; {@code body} is the exact JSON envelope that is signed and sent. */
public record WebhookEvent(
    long id, long merchantId, EventType type, String body, long createdAtMicros) {
  public static final String ID_PREFIX = "evt";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }
}

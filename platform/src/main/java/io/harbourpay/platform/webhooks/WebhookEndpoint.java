package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Ids;
import java.util.Set;

/**
 * Where a merchant receives events. Holds no secret: the signing secret is shown once, in {@link
 * CreatedEndpoint}, and otherwise stays sealed in the database.
 *
 * @param eventTypes the types sent to this endpoint; empty means all
 */
public record WebhookEndpoint(
    long id,
    long merchantId,
    String url,
    Set<EventType> eventTypes,
    boolean enabled,
    long createdAtMicros,
    long updatedAtMicros) {
  public static final String ID_PREFIX = "we";

  public WebhookEndpoint {
    eventTypes = Set.copyOf(eventTypes);
  }

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public boolean wants(EventType type) {
    return eventTypes.isEmpty() || eventTypes.contains(type);
  }
}

package io.harbourpay.platform.webhooks;

/**
 * A newly registered endpoint and its signing secret ({@code whsec_…}). The only time the secret
 * leaves the platform: show it to the merchant once, never log it.
 *
 * @param replayed an idempotent retry of the registration answered with the endpoint it made
 */
public record CreatedEndpoint(WebhookEndpoint endpoint, String secret, boolean replayed) {
  @Override
  public String toString() {
    return "CreatedEndpoint[endpoint=" + endpoint + ", secret=whsec_…]";
  }
}

package io.harbourpay.platform.webhooks;

/**
 * A newly registered endpoint and its signing secret ({@code whsec_…}). The only time the secret
 * leaves the platform: show it to the merchant once, never log it.
 */
public record CreatedEndpoint(WebhookEndpoint endpoint, String secret) {
  @Override
  public String toString() {
    return "CreatedEndpoint[endpoint=" + endpoint + ", secret=whsec_…]";
  }
}

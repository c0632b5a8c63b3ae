package io.harbourpay.platform.merchants;

/**
 * A request as it arrived: the signature header, the method, the raw path and raw query (as sent,
 * percent-encoding untouched; the query without its {@code ?}, empty when there is none), and the
 * body bytes.
 */
public record SignedRequest(
    String signatureHeader, String method, String path, String query, byte[] body) {
  public SignedRequest {
    query = query == null ? "" : query;
    body = body == null ? new byte[0] : body;
  }
}

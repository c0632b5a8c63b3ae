package io.harbourpay.platform.merchants;

import io.harbourpay.platform.ErrorType;

/**
 * What checking a signed request found, with the stable code the API returns. Everything but a
 * suspended merchant is an authentication failure (401); a suspended merchant's valid signature is
 * a permission failure (403).
 */
public enum SignatureOutcome {
  OK("ok", null, "The request is authentic"),
  MISSING(
      "signature_missing",
      ErrorType.AUTHENTICATION,
      "Sign the request: send the HarbourPay-Signature header"),
  MALFORMED(
      "signature_malformed",
      ErrorType.AUTHENTICATION,
      "HarbourPay-Signature is key_id=mk_…,t=<unix seconds>,nonce=<16 to 64 of A-Z a-z 0-9 _ ->,"
          + "v1=<64 hex digits>"),
  STALE(
      "signature_stale",
      ErrorType.AUTHENTICATION,
      "The signature's timestamp is more than 300 seconds from the server's clock"),
  KEY_UNKNOWN("api_key_unknown", ErrorType.AUTHENTICATION, "No such API key"),
  KEY_REVOKED("api_key_revoked", ErrorType.AUTHENTICATION, "This API key has been revoked"),
  KEY_EXPIRED(
      "api_key_expired",
      ErrorType.AUTHENTICATION,
      "This API key was rotated and its overlap period is over; sign with the new key"),
  TAMPERED(
      "signature_mismatch",
      ErrorType.AUTHENTICATION,
      "The signature does not match the request (method, path, query, timestamp, nonce or body)"),
  REPLAYED(
      "nonce_replayed",
      ErrorType.AUTHENTICATION,
      "This nonce was already used; sign every request with a new nonce"),
  MERCHANT_SUSPENDED(
      "merchant_suspended",
      ErrorType.PERMISSION,
      "This merchant is suspended; contact the operator");

  private final String code;
  private final ErrorType errorType;
  private final String message;

  SignatureOutcome(String code, ErrorType errorType, String message) {
    this.code = code;
    this.errorType = errorType;
    this.message = message;
  }

  public String code() {
    return code;
  }

  /** The error type of a refusal; {@code null} for {@link #OK}. */
  public ErrorType errorType() {
    return errorType;
  }

  public String message() {
    return message;
  }
}

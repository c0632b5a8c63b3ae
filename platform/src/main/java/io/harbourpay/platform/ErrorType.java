package io.harbourpay.platform;

/** The kinds of failure; the HTTP layer maps each to exactly one status code. */
public enum ErrorType {
  /** Malformed or invalid input (400). */
  INVALID_REQUEST,
  /** No or bad credentials (401). */
  AUTHENTICATION,
  /** Authenticated but not allowed, e.g. a tier too low for withdrawal (403). */
  PERMISSION,
  /** The resource does not exist or is not the caller's (404: never say which). */
  NOT_FOUND,
  /** The request conflicts with the current state, e.g. an Idempotency-Key reused (409). */
  CONFLICT,
  /** A business rule refused it: insufficient funds, limit reached, PIN wrong (402/422). */
  DECLINED,
  /** Too many attempts (429). */
  RATE_LIMITED,
  /** Temporarily unable, retry (503). */
  UNAVAILABLE
}

package io.harbourpay.platform;

/**
 * Every failure the platform reports to a caller: a type (which the HTTP layer maps to a status in
 * one switch), a stable machine-readable code, a message for people, and the request field at fault
 * when there is one.
 */
public final class PlatformException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorType type;
  private final String code;
  private final String param;

  public PlatformException(ErrorType type, String code, String message, String param) {
    super(message);
    this.type = type;
    this.code = code;
    this.param = param;
  }

  public PlatformException(ErrorType type, String code, String message) {
    this(type, code, message, null);
  }

  /** Bad input: names the field and the rule. */
  public static PlatformException invalid(String param, String code, String message) {
    return new PlatformException(ErrorType.INVALID_REQUEST, code, message, param);
  }

  /** An Idempotency-Key sent again with a different request. */
  public static PlatformException idempotencyKeyReused() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "idempotency_key_reused",
        "This Idempotency-Key was used with a different request",
        "Idempotency-Key");
  }

  /** Amounts are positive integers in minor units. */
  public static void requirePositiveAmount(long amountMinor) {
    if (amountMinor <= 0) {
      throw invalid("amount", "amount_invalid", "amount must be a positive integer in minor units");
    }
  }

  public static PlatformException notFound(String what) {
    return new PlatformException(ErrorType.NOT_FOUND, "resource_missing", "No such " + what);
  }

  /** The request may succeed if sent again unchanged (database outage, busy ledger). */
  public static PlatformException unavailable(String message) {
    return new PlatformException(ErrorType.UNAVAILABLE, "try_again", message);
  }

  public ErrorType type() {
    return type;
  }

  public String code() {
    return code;
  }

  public String param() {
    return param;
  }
}

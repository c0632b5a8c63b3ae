package io.harbourpay.ledger.store;

/** The store could not do what was asked (database down, disk full, constraint violated). */
public final class StoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

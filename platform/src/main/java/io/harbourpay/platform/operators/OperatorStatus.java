package io.harbourpay.platform.operators;

import java.util.Locale;

/** A disabled account cannot log in and its sessions are ended. */
public enum OperatorStatus {
  ACTIVE,
  DISABLED;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}

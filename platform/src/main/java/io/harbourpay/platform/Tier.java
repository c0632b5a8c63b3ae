package io.harbourpay.platform;

/** Identity-verification tiers; each lifts the limits (see LimitsConfig). Stored by name. */
public enum Tier {
  UNVERIFIED,
  INTERMEDIATE,
  ADVANCED;

  public boolean atLeast(Tier other) {
    return compareTo(other) >= 0;
  }
}

package io.harbourpay.server.support;

import java.util.Map;

/** Production-like: demo mode off (no seed, no SMS inbox), on SQLite. */
public class NoDemoProfile extends HarbourProfile {
  @Override
  protected Map<String, String> store() {
    // Production refuses to start with the published demo operator key.
    return Map.of(
        "harbour.demo", "false",
        "harbour.operator.api-key", "production-like-operator-key-for-tests-0123456789");
  }
}

package io.harbourpay.server.support;

import java.util.Map;

/** Production-like: demo mode off (no seed, no SMS inbox), on SQLite. */
public class NoDemoProfile extends HarbourProfile {
  @Override
  protected Map<String, String> store() {
    return Map.of("harbour.demo", "false");
  }
}

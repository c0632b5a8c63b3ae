package io.harbourpay.server.support;

import io.harbourpay.ledger.testing.TestStores;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every test server shares: a fast simulated bank and PIN hashing, and a fresh data folder
 * under target/. Trusting X-Forwarded-For from 127.0.0.1 is for tests only: every request of a test
 * comes from 127.0.0.1, and the OTP limit per address (20 an hour) would otherwise cap a profile at
 * 20 logins. Each simulated customer gets an address of its own; {@code FlowsTestBase} checks the
 * per-address limit still bites.
 */
public abstract class HarbourProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    Path dir = TestStores.testDir().resolve("server-" + UUID.randomUUID());
    config.put("harbour.data-dir", dir.toString());
    config.put("harbour.bank.answer-delay-ms", "20");
    config.put("harbour.bank.answer-timeout-ms", "300");
    config.put("harbour.pin.hash-iterations", "1000");
    config.put("quarkus.http.proxy.proxy-address-forwarding", "true");
    config.put("quarkus.http.proxy.allow-x-forwarded", "true");
    config.put("quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    config.putAll(store());
    return config;
  }

  /** The store's settings; SQLite in the data folder unless overridden. */
  protected Map<String, String> store() {
    return Map.of();
  }
}

package io.harbourpay.platform.webhooks;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.bank.SimulatedBank;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.wallets.LimitsConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A platform on a fresh store with webhook settings for tests; restartable on the same store. */
final class WebhookFixture implements AutoCloseable {
  static final byte[] SEALING_KEY =
      "webhook-test-sealing-key-32bytes".getBytes(StandardCharsets.US_ASCII);

  /** Eight attempts, as in production, squeezed from 25 hours into about a second. */
  static final RetrySchedule FAST =
      new RetrySchedule(
          List.of(
              Duration.ZERO,
              Duration.ofMillis(100),
              Duration.ofMillis(100),
              Duration.ofMillis(150),
              Duration.ofMillis(150),
              Duration.ofMillis(200),
              Duration.ofMillis(200),
              Duration.ofMillis(250)));

  final StoreConfig store;
  final Clock clock;
  final WebhookConfig config;
  private SimulatedBank bank;
  Platform platform;

  WebhookFixture(Kind kind, Clock clock, RetrySchedule schedule) {
    this.store = TestStores.fresh(kind);
    this.clock = clock;
    this.config =
        WebhookConfig.defaults(SEALING_KEY)
            .withSchedule(schedule)
            .withInsecureLocalhost(true)
            .withTimings(
                Duration.ofMillis(500),
                Duration.ofMillis(1_000),
                Duration.ofSeconds(5),
                Duration.ofMillis(20))
            .withBounds(4, 16, 8);
    start();
  }

  private void start() {
    bank = new SimulatedBank(1);
    platform =
        Platform.start(
            new Platform.Options(
                store,
                clock,
                new DemoSmsGateway(clock),
                bank,
                LimitsConfig.defaults(),
                "webhook-fixture-otp-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
                300,
                1_000,
                io.harbourpay.platform.crypto.SecretBox.newMasterKey(),
                config));
  }

  Webhooks webhooks() {
    return platform.webhooks;
  }

  /** A process restart on the same store: every in-memory thing is gone. */
  void restart() {
    platform.close();
    bank.close();
    start();
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
      try {
        Thread.sleep(20);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
  }

  @Override
  public void close() {
    try {
      platform.close();
      bank.close();
    } finally {
      TestStores.dispose(store);
    }
  }
}

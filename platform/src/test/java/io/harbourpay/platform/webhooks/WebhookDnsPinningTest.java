package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Ids;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An attempt connects to the address the SSRF check approved, not to one the HTTP client looked up
 * by itself: DNS here is a script, so it can answer differently from the system resolver (which
 * says 127.0.0.1 for localhost) and change its answer between lookups, as a rebinding attacker
 * does. Receivers listen on 127.0.0.2 only (Linux routes all of 127/8 to loopback), so a client
 * that resolved "localhost" by itself would find nothing there. The store plays no part in this;
 * {@link WebhookDeliveryTest} runs the dispatcher on both stores.
 */
class WebhookDnsPinningTest {
  private static final long MERCHANT = 5_151L;
  private static final Instant START = Instant.parse("2026-03-01T02:00:00Z");

  /** Where the script says localhost is, and the only address the receivers listen on. */
  private static final String PINNED = "127.0.0.2";

  /**
   * Not a loopback address, so refused for localhost in demo mode. Chosen over the metadata address
   * so that even a broken client that connected to it would stay on this machine.
   */
  private static final String REFUSED = "0.0.0.0";

  /**
   * DNS as a test plays it: each name answers its script, one answer per lookup (the last answer
   * again once the script runs out), and counts its lookups; other names do not resolve.
   */
  private static final class ScriptedDns implements WebhookUrls.Resolver {
    private final Map<String, List<String>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> lookups = new ConcurrentHashMap<>();

    /** Answers {@code host}'s next lookups with these addresses, counting lookups afresh. */
    void script(String host, String... answers) {
      scripts.put(host, List.of(answers));
      lookups.put(host, new AtomicInteger());
    }

    int lookups(String host) {
      AtomicInteger count = lookups.get(host);
      return count == null ? 0 : count.get();
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
      List<String> script = scripts.get(host);
      if (script == null) throw new UnknownHostException(host);
      int lookup = lookups.get(host).getAndIncrement();
      String answer = script.get(Math.min(lookup, script.size() - 1));
      return new InetAddress[] {InetAddress.getByName(answer)};
    }
  }

  private final ManualClock clock = new ManualClock(START);
  private final ScriptedDns dns = new ScriptedDns();
  private WebhookFixture fixture;
  private Receiver receiver;
  private Webhooks webhooks;

  @BeforeEach
  void start() throws Exception {
    fixture = new WebhookFixture(Kind.SQLITE, clock, RetrySchedule.DEFAULT);
    receiver = new Receiver(clock, InetAddress.getByName(PINNED));
    dns.script("localhost", PINNED);
    dns.script("127.0.0.1", "127.0.0.1");
    webhooks = new Webhooks(fixture.platform.database, clock, fixture.config, dns);
  }

  @AfterEach
  void stop() {
    if (receiver != null) receiver.close();
    if (fixture != null) fixture.close();
  }

  private WebhookEvent publish(EventType type) {
    return webhooks.publish(MERCHANT, type, "{\"order\":\"ord_1\"}", Ids.random());
  }

  /** An endpoint at the receiver's port by {@code host}; the receiver takes its secret. */
  private CreatedEndpoint register(String host, Set<EventType> types) {
    String url = "http://" + host + ":" + receiver.port() + "/hooks";
    CreatedEndpoint endpoint = webhooks.endpoints.register(MERCHANT, url, types);
    if (host.equals("localhost")) receiver.secret = endpoint.secret();
    return endpoint;
  }

  @Test
  void anAttemptConnectsToTheAddressTheCheckApproved() {
    register("localhost", Set.of());
    dns.script("localhost", PINNED); // count the attempt's lookups, not registration's
    WebhookEvent event = publish(EventType.ORDER_EXPIRED);

    try (WebhookDispatcher dispatcher = webhooks.newDispatcher()) {
      assertThat(dispatcher.runOnce()).isEqualTo(1);
    }

    Delivery delivery = webhooks.deliveries(event).get(0);
    assertThat(delivery.log())
        .singleElement()
        .satisfies(
            attempt -> {
              assertThat(attempt.error()).isNull();
              assertThat(attempt.statusCode()).isEqualTo(200);
            });
    assertThat(delivery.status()).isEqualTo(Delivery.Status.SUCCEEDED);
    assertThat(receiver.acknowledgedCount(event.publicId())).isEqualTo(1);
    assertThat(receiver.received).allMatch(Receiver.Received::valid);
    assertThat(dns.lookups("localhost")).as("one lookup, the checked one").isEqualTo(1);
  }

  @Test
  void everyNewConnectionResolvesOnceAndARefusedAnswerConnectsNowhere() {
    receiver.status = 500; // keeps the delivery retrying
    receiver.closeConnections = true; // so every attempt opens a connection of its own
    register("localhost", Set.of());
    // The attacker's DNS flips between an allowed answer and a refused one on every lookup.
    dns.script("localhost", PINNED, REFUSED, PINNED, REFUSED);
    WebhookEvent event = publish(EventType.ORDER_EXPIRED);

    try (WebhookDispatcher dispatcher = webhooks.newDispatcher()) {
      for (int attempt = 1; attempt <= 4; attempt++) {
        if (attempt > 1) clock.advance(RetrySchedule.DEFAULT.delayBefore(attempt));
        assertThat(dispatcher.runOnce()).as("attempt %d", attempt).isEqualTo(1);
        assertThat(dns.lookups("localhost"))
            .as("lookups after attempt %d", attempt)
            .isEqualTo(attempt);
        assertThat(receiver.received)
            .as("requests after attempt %d: none for a refused answer", attempt)
            .hasSize((attempt + 1) / 2);
      }
    }

    List<DeliveryAttempt> log = webhooks.deliveries(event).get(0).log();
    assertThat(log).extracting(DeliveryAttempt::statusCode).containsExactly(500, null, 500, null);
    assertThat(log)
        .extracting(DeliveryAttempt::error)
        .containsExactly(
            null,
            "address_refused: localhost resolves to 0.0.0.0, not a loopback address",
            null,
            "address_refused: localhost resolves to 0.0.0.0, not a loopback address");
  }

  @Test
  void aKeptAliveConnectionServesOnlyTheHostItWasOpenedFor() {
    // Two endpoints on the receiver's port by different hosts; nothing listens on 127.0.0.1.
    register("localhost", Set.of(EventType.ORDER_EXPIRED));
    CreatedEndpoint otherHost = register("127.0.0.1", Set.of(EventType.PAYMENT_REFUNDED));
    dns.script("localhost", PINNED); // count the attempts' lookups, not registration's
    dns.script("127.0.0.1", "127.0.0.1");

    try (WebhookDispatcher dispatcher = webhooks.newDispatcher()) {
      WebhookEvent first = publish(EventType.ORDER_EXPIRED);
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      WebhookEvent second = publish(EventType.ORDER_EXPIRED);
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(receiver.acknowledgedCount(first.publicId())).isEqualTo(1);
      assertThat(receiver.acknowledgedCount(second.publicId())).isEqualTo(1);
      // The second attempt went over the connection the first opened: checked when it opened.
      assertThat(dns.lookups("localhost")).isEqualTo(1);

      WebhookEvent refund = publish(EventType.PAYMENT_REFUNDED);
      assertThat(dispatcher.runOnce()).isEqualTo(1);
      assertThat(dns.lookups("127.0.0.1"))
          .as("its own lookup, not localhost's connection")
          .isEqualTo(1);
      assertThat(receiver.received).hasSize(2);
      Delivery toOtherHost = webhooks.deliveries(refund).get(0);
      assertThat(toOtherHost.endpointId()).isEqualTo(otherHost.endpoint().id());
      assertThat(toOtherHost.log())
          .singleElement()
          .satisfies(
              attempt -> {
                assertThat(attempt.statusCode()).isNull();
                assertThat(attempt.error()).startsWith("connection_failed");
              });
    }
  }
}

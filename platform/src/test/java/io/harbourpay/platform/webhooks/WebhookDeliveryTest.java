package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The dispatcher against a real local HTTP receiver, on SQLite and PostgreSQL. */
class WebhookDeliveryTest {
  private static final long MERCHANT = 4_242L;
  private static final Instant START = Instant.parse("2026-03-01T02:00:00Z");

  private static List<WebhookEvent> publish(Webhooks webhooks, int count, String tag) {
    List<WebhookEvent> events = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      events.add(
          webhooks.publish(
              MERCHANT,
              EventType.ORDER_EXPIRED,
              "{\"order\":\"ord_" + tag + index + "\"}",
              Outbox.eventId("order", tag, index, EventType.ORDER_EXPIRED)));
    }
    return events;
  }

  private static boolean allSettled(Webhooks webhooks, List<WebhookEvent> events) {
    return events.stream()
        .allMatch(
            event ->
                webhooks.deliveries(event).stream()
                        .allMatch(delivery -> delivery.status() != Delivery.Status.PENDING)
                    && !webhooks.deliveries(event).isEmpty());
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aReceiverDownThenUpGetsEveryEventOnceAcrossARestart(Kind kind) throws Exception {
    try (WebhookFixture f = new WebhookFixture(kind, Clock.systemUTC(), WebhookFixture.FAST);
        Receiver receiver = new Receiver(Clock.systemUTC())) {
      receiver.status = 503;
      receiver.responseBody = "down for maintenance";
      CreatedEndpoint endpoint =
          f.webhooks().endpoints.register(MERCHANT, receiver.url(), Set.of());
      receiver.secret = endpoint.secret();
      List<WebhookEvent> events = publish(f.webhooks(), 12, "a");

      f.webhooks().startDispatcher();
      WebhookFixture.await(
          "two failed attempts of every event",
          () ->
              events.stream()
                  .allMatch(
                      event ->
                          f.webhooks().deliveries(event).stream()
                              .allMatch(delivery -> delivery.attempts() >= 2)));
      f.restart();
      receiver.status = 200;
      receiver.responseBody = "thanks";
      f.webhooks().startDispatcher();
      WebhookFixture.await("every event delivered", () -> allSettled(f.webhooks(), events));

      for (WebhookEvent event : events) {
        assertThat(receiver.acknowledgedCount(event.publicId())).as(event.publicId()).isEqualTo(1);
        List<Delivery> deliveries = f.webhooks().deliveries(event);
        assertThat(deliveries).hasSize(1);
        Delivery delivery = deliveries.get(0);
        assertThat(delivery.status()).isEqualTo(Delivery.Status.SUCCEEDED);
        assertThat(delivery.log()).hasSize(delivery.attempts());
        // Every request the receiver saw is in the log, and the other way round.
        assertThat(receiver.requestsFor(event.publicId())).isEqualTo(delivery.attempts());
        DeliveryAttempt last = delivery.log().get(delivery.log().size() - 1);
        assertThat(last.statusCode()).isEqualTo(200);
        assertThat(last.responseExcerpt()).isEqualTo("thanks");
        assertThat(delivery.log().subList(0, delivery.log().size() - 1))
            .allSatisfy(
                attempt -> {
                  assertThat(attempt.statusCode()).isEqualTo(503);
                  assertThat(attempt.responseExcerpt()).isEqualTo("down for maintenance");
                });
        assertThat(delivery.log()).extracting(DeliveryAttempt::attempt).doesNotHaveDuplicates();
      }
      assertThat(receiver.received).allSatisfy(request -> assertThat(request.valid()).isTrue());
      assertThat(receiver.received.get(0).body()).startsWith("{\"id\":\"evt_");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void retriesFollowTheScheduleThenFailThenRedeliverStartsANewSeries(Kind kind) throws Exception {
    ManualClock clock = new ManualClock(START);
    try (WebhookFixture f = new WebhookFixture(kind, clock, RetrySchedule.DEFAULT);
        Receiver receiver = new Receiver(clock)) {
      receiver.status = 500;
      receiver.responseBody = "x".repeat(5_000);
      CreatedEndpoint endpoint =
          f.webhooks().endpoints.register(MERCHANT, receiver.url(), Set.of());
      receiver.secret = endpoint.secret();
      WebhookEvent event = publish(f.webhooks(), 1, "s").get(0);
      WebhookDispatcher dispatcher = f.webhooks().newDispatcher();
      try {
        List<Duration> delays = RetrySchedule.DEFAULT.delays();
        List<Instant> expectedTimes = new ArrayList<>();
        for (int attempt = 1; attempt <= delays.size(); attempt++) {
          Duration delay = delays.get(attempt - 1);
          if (!delay.isZero()) {
            clock.advance(delay.minusSeconds(1));
            assertThat(dispatcher.runOnce()).as("attempt %d is not due yet", attempt).isZero();
            clock.advance(Duration.ofSeconds(1));
          }
          expectedTimes.add(clock.instant());
          assertThat(dispatcher.runOnce()).as("attempt %d", attempt).isEqualTo(1);
        }
        clock.advance(Duration.ofDays(2));
        assertThat(dispatcher.runOnce()).as("no ninth attempt").isZero();

        Delivery failed = f.webhooks().deliveries(event).get(0);
        assertThat(failed.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(failed.attempts()).isEqualTo(8);
        assertThat(failed.log())
            .extracting(attempt -> Time.instant(attempt.attemptedAtMicros()))
            .containsExactlyElementsOf(expectedTimes);
        assertThat(Duration.between(expectedTimes.get(0), expectedTimes.get(7)))
            .isEqualTo(RetrySchedule.DEFAULT.total())
            .isBetween(Duration.ofHours(24), Duration.ofHours(26));
        assertThat(failed.log())
            .allSatisfy(
                attempt -> {
                  assertThat(attempt.statusCode()).isEqualTo(500);
                  assertThat(attempt.responseExcerpt()).hasSize(WebhookSender.EXCERPT_BYTES_MAX);
                  assertThat(attempt.durationMs()).isNotNegative();
                  assertThat(attempt.error()).isNull();
                });
        assertThat(receiver.received).hasSize(8).allMatch(Receiver.Received::valid);

        receiver.status = 204;
        receiver.responseBody = "";
        List<Delivery> redelivered = f.webhooks().redeliver(event, "test-operator");
        assertThat(redelivered).extracting(Delivery::series).containsExactly(1, 2);
        assertThatThrownBy(() -> f.webhooks().redeliver(event, "test-operator"))
            .isInstanceOfSatisfying(
                PlatformException.class,
                refused -> assertThat(refused.code()).isEqualTo("delivery_in_progress"));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        Delivery second = f.webhooks().deliveries(event).get(1);
        assertThat(second.status()).isEqualTo(Delivery.Status.SUCCEEDED);
        assertThat(second.log())
            .singleElement()
            .satisfies(
                attempt -> {
                  assertThat(attempt.attempt()).isEqualTo(1);
                  assertThat(attempt.statusCode()).isEqualTo(204);
                  assertThat(attempt.responseExcerpt()).isNull();
                });
        assertThat(receiver.acknowledgedCount(event.publicId())).isEqualTo(1);
        assertThat(dispatcher.runOnce()).isZero();
        assertThat(f.platform.audit.list(event.publicId(), 10, null).items())
            .singleElement()
            .satisfies(entry -> assertThat(entry.action()).isEqualTo("webhook.redeliver"));
      } finally {
        dispatcher.close();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void twoDispatchersAtOnceNeverSendTheSameAttempt(Kind kind) throws Exception {
    try (WebhookFixture f = new WebhookFixture(kind, Clock.systemUTC(), WebhookFixture.FAST);
        Receiver receiver = new Receiver(Clock.systemUTC())) {
      receiver.delayMs = 5;
      CreatedEndpoint endpoint =
          f.webhooks().endpoints.register(MERCHANT, receiver.url(), Set.of());
      receiver.secret = endpoint.secret();
      List<WebhookEvent> events = publish(f.webhooks(), 40, "c");
      try (WebhookDispatcher first = f.webhooks().newDispatcher();
          WebhookDispatcher second = f.webhooks().newDispatcher()) {
        first.start();
        second.start();
        WebhookFixture.await("every event delivered", () -> allSettled(f.webhooks(), events));
      }
      assertThat(receiver.received).hasSize(events.size()).allMatch(Receiver.Received::valid);
      for (WebhookEvent event : events) {
        assertThat(receiver.acknowledgedCount(event.publicId())).isEqualTo(1);
        assertThat(f.webhooks().deliveries(event).get(0).log()).hasSize(1);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aLeaseHeldByADeadDispatcherExpiresAndItsLateResultIsRefused(Kind kind) throws Exception {
    ManualClock clock = new ManualClock(START);
    try (WebhookFixture f = new WebhookFixture(kind, clock, RetrySchedule.DEFAULT);
        Receiver receiver = new Receiver(clock)) {
      CreatedEndpoint endpoint =
          f.webhooks().endpoints.register(MERCHANT, receiver.url(), Set.of());
      receiver.secret = endpoint.secret();
      WebhookEvent event = publish(f.webhooks(), 1, "l").get(0);
      Deliveries deliveries = new Deliveries(f.platform.database, f.webhooks().endpoints);
      long now = Time.micros(clock);
      deliveries.fanOut(10, now, 0);
      List<Deliveries.Claim> dead = deliveries.claim(10, now, now + 5_000_000);
      assertThat(dead).hasSize(1);
      assertThat(deliveries.claim(10, now, now + 5_000_000))
          .as("leased: no second claim")
          .isEmpty();

      try (WebhookDispatcher dispatcher = f.webhooks().newDispatcher()) {
        assertThat(dispatcher.runOnce()).as("still leased").isZero();
        clock.advance(Duration.ofSeconds(5));
        assertThat(dispatcher.runOnce()).as("lease expired: taken over").isEqualTo(1);
      }
      boolean late =
          deliveries.complete(
              dead.get(0),
              new Deliveries.Outcome(1, 200, null, null),
              Time.micros(clock),
              false,
              0);
      assertThat(late).isFalse();
      Delivery delivery = f.webhooks().deliveries(event).get(0);
      assertThat(delivery.status()).isEqualTo(Delivery.Status.SUCCEEDED);
      assertThat(delivery.log()).hasSize(1);
      assertThat(receiver.acknowledgedCount(event.publicId())).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void filtersDisabledEndpointsAndTimeoutsAreRespected(Kind kind) throws Exception {
    ManualClock clock = new ManualClock(START);
    try (WebhookFixture f = new WebhookFixture(kind, clock, RetrySchedule.DEFAULT);
        Receiver wantsAll = new Receiver(clock);
        Receiver wantsRefunds = new Receiver(clock);
        Receiver slow = new Receiver(clock)) {
      Webhooks webhooks = f.webhooks();
      wantsAll.secret = webhooks.endpoints.register(MERCHANT, wantsAll.url(), Set.of()).secret();
      wantsRefunds.secret =
          webhooks
              .endpoints
              .register(MERCHANT, wantsRefunds.url(), Set.of(EventType.PAYMENT_REFUNDED))
              .secret();
      CreatedEndpoint slowEndpoint = webhooks.endpoints.register(MERCHANT, slow.url(), Set.of());
      slow.secret = slowEndpoint.secret();
      slow.delayMs = 2_500; // beyond the fixture's 1 s request timeout
      CreatedEndpoint otherMerchant =
          webhooks.endpoints.register(MERCHANT + 1, wantsAll.url() + "?other", Set.of());

      WebhookEvent expired = publish(webhooks, 1, "f").get(0);
      try (WebhookDispatcher dispatcher = webhooks.newDispatcher()) {
        assertThat(dispatcher.runOnce()).isEqualTo(2); // wantsAll and slow; not refunds-only
        assertThat(wantsAll.acknowledgedCount(expired.publicId())).isEqualTo(1);
        assertThat(wantsRefunds.received).isEmpty();
        Delivery timedOut =
            webhooks.deliveries(expired).stream()
                .filter(delivery -> delivery.endpointId() == slowEndpoint.endpoint().id())
                .findFirst()
                .orElseThrow();
        assertThat(timedOut.status()).isEqualTo(Delivery.Status.PENDING);
        assertThat(timedOut.log())
            .singleElement()
            .satisfies(
                attempt -> {
                  assertThat(attempt.statusCode()).isNull();
                  assertThat(attempt.error()).startsWith("timeout");
                  assertThat(attempt.durationMs()).isBetween(900L, 2_400L);
                });

        webhooks.endpoints.setEnabled(MERCHANT, slowEndpoint.endpoint().id(), false);
        clock.advance(Duration.ofMinutes(1));
        assertThat(dispatcher.runOnce()).isEqualTo(1);
        Delivery stopped =
            webhooks.deliveries(expired).stream()
                .filter(delivery -> delivery.endpointId() == slowEndpoint.endpoint().id())
                .findFirst()
                .orElseThrow();
        assertThat(stopped.status()).isEqualTo(Delivery.Status.FAILED);
        assertThat(stopped.log().get(1).error()).isEqualTo("endpoint_disabled");

        long refundId = Outbox.eventId("refund", 1, EventType.PAYMENT_REFUNDED);
        webhooks.publish(MERCHANT, EventType.PAYMENT_REFUNDED, "{\"refund\":\"ref_1\"}", refundId);
        assertThat(dispatcher.runOnce()).isEqualTo(2); // wantsAll, wantsRefunds; slow is disabled
        assertThat(wantsRefunds.received)
            .singleElement()
            .satisfies(
                request -> {
                  assertThat(request.valid()).isTrue();
                  assertThat(request.body()).contains("\"type\":\"payment.refunded\"");
                });
      }
      assertThat(wantsAll.received).noneMatch(request -> request.body().contains("other"));
      assertThatThrownBy(() -> webhooks.event(MERCHANT + 1, expired.publicId()))
          .isInstanceOf(PlatformException.class);
      assertThat(webhooks.endpoints.list(MERCHANT + 1))
          .extracting(WebhookEndpoint::id)
          .containsExactly(otherMerchant.endpoint().id());
    }
  }
}

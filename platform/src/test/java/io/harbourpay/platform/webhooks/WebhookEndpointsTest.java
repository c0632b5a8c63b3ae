package io.harbourpay.platform.webhooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WebhookEndpointsTest {
  private static void assertRefused(Runnable call, String code) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            PlatformException.class, refused -> assertThat(refused.code()).isEqualTo(code));
  }

  @Test
  void urlsAreHttpsExceptToThisMachineInDemoMode() {
    try (WebhookFixture f =
        new WebhookFixture(Kind.SQLITE, Clock.systemUTC(), RetrySchedule.DEFAULT)) {
      WebhookEndpoints demo = f.webhooks().endpoints;
      WebhookEndpoints production =
          new WebhookEndpoints(
              f.platform.database,
              Clock.systemUTC(),
              f.config.withInsecureLocalhost(false),
              WebhookUrls.SYSTEM_RESOLVER);
      assertThat(demo.checkUrl("http://127.0.0.1:8080/hooks"))
          .isEqualTo("http://127.0.0.1:8080/hooks");
      assertThat(demo.checkUrl("http://localhost/x")).isEqualTo("http://localhost/x");
      assertThat(production.checkUrl("https://shop.example.com/hooks"))
          .isEqualTo("https://shop.example.com/hooks");
      assertRefused(() -> demo.checkUrl("http://shop.example.com/hooks"), "url_not_https");
      assertRefused(() -> production.checkUrl("http://127.0.0.1:8080/hooks"), "url_not_https");
      assertRefused(() -> production.checkUrl("https://localhost/hooks"), "url_not_public");
      assertRefused(() -> production.checkUrl("https://user:pw@shop.example.com/"), "url_invalid");
      assertRefused(() -> production.checkUrl("not a url"), "url_invalid");
      assertRefused(
          () -> production.checkUrl("https://x.example/" + "a".repeat(3_000)), "url_invalid");
    }
  }

  @Test
  void theSecretIsShownOnceAndStoredSealed() {
    try (WebhookFixture f =
        new WebhookFixture(Kind.SQLITE, Clock.systemUTC(), RetrySchedule.DEFAULT)) {
      WebhookEndpoints endpoints = f.webhooks().endpoints;
      CreatedEndpoint created = endpoints.register(5, "http://127.0.0.1:9/h", Set.of());
      assertThat(created.secret()).startsWith("whsec_").hasSizeGreaterThan(40);
      assertThat(created.toString()).doesNotContain(created.secret());
      assertThat(created.endpoint().publicId()).startsWith("we_");
      String sealed =
          f.platform.database.read(
              connection -> {
                try (var select =
                    connection.prepareStatement(
                        "SELECT secret_sealed FROM webhook_endpoints WHERE id = ?")) {
                  select.setLong(1, created.endpoint().id());
                  try (var rows = select.executeQuery()) {
                    rows.next();
                    return rows.getString(1);
                  }
                }
              });
      assertThat(sealed).doesNotContain(created.secret().substring(6));
      assertThat(endpoints.target(created.endpoint().id()).orElseThrow().secret())
          .isEqualTo(created.secret());

      WebhookEndpoint filtered =
          endpoints.setEventTypes(5, created.endpoint().id(), Set.of(EventType.ORDER_EXPIRED));
      assertThat(filtered.wants(EventType.ORDER_EXPIRED)).isTrue();
      assertThat(filtered.wants(EventType.PAYMENT_SUCCEEDED)).isFalse();
      assertThat(endpoints.setEnabled(5, created.endpoint().id(), false).enabled()).isFalse();
      assertRefused(
          () -> endpoints.setEnabled(6, created.endpoint().id(), true), "resource_missing");
      // The disabled endpoint does not count towards the 16 enabled ones.
      CreatedEndpoint last = null;
      for (int index = 1; index <= WebhookEndpoints.ENDPOINTS_PER_MERCHANT_MAX; index++) {
        last = endpoints.register(5, "http://127.0.0.1:9/h" + index, Set.of());
      }
      assertRefused(
          () -> endpoints.register(5, "http://127.0.0.1:9/more", Set.of()), "too_many_endpoints");
      endpoints.setEnabled(5, last.endpoint().id(), false);
      assertThat(endpoints.register(5, "http://127.0.0.1:9/more", Set.of()).endpoint().enabled())
          .isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void aHostThatResolvesInsideAtDeliveryTimeIsNotSentTo(Kind kind) throws Exception {
    try (WebhookFixture f = new WebhookFixture(kind, Clock.systemUTC(), WebhookFixture.FAST)) {
      // DNS as the attacker runs it: public at registration, the metadata address afterwards.
      AtomicReference<String> answer = new AtomicReference<>("93.184.216.34");
      WebhookUrls.Resolver resolver =
          host -> {
            if (!host.equals("rebind.example")) throw new UnknownHostException(host);
            return new InetAddress[] {InetAddress.getByName(answer.get())};
          };
      Webhooks webhooks =
          new Webhooks(
              f.platform.database,
              Clock.systemUTC(),
              f.config.withInsecureLocalhost(false),
              resolver);
      CreatedEndpoint endpoint =
          webhooks.endpoints.register(7, "https://rebind.example/hooks", Set.of());
      answer.set("169.254.169.254");
      WebhookEvent event =
          webhooks.publish(7, EventType.ORDER_EXPIRED, "{\"order\":\"ord_1\"}", Ids.random());
      try (WebhookDispatcher dispatcher = webhooks.newDispatcher()) {
        assertThat(dispatcher.runOnce()).isEqualTo(1);
      }
      List<Delivery> deliveries = webhooks.deliveries(event);
      assertThat(deliveries).hasSize(1);
      assertThat(deliveries.get(0).endpointId()).isEqualTo(endpoint.endpoint().id());
      assertThat(deliveries.get(0).status()).isEqualTo(Delivery.Status.PENDING);
      DeliveryAttempt refused = deliveries.get(0).log().get(0);
      assertThat(refused.statusCode()).isNull();
      assertThat(refused.error()).startsWith("address_refused").contains("169.254.169.254");
      // Registering it now is refused outright.
      assertThatThrownBy(() -> webhooks.endpoints.register(7, "https://rebind.example/b", Set.of()))
          .isInstanceOfSatisfying(
              PlatformException.class,
              failure -> assertThat(failure.code()).isEqualTo("url_not_public"));
    }
  }
}

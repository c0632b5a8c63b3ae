package io.harbourpay.server;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.webhooks.EventType;
import io.harbourpay.platform.webhooks.Outbox;
import io.harbourpay.platform.webhooks.WebhookEvent;
import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.SqliteProfile;
import io.harbourpay.server.support.WebhookReceiver;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The running server's webhook dispatcher delivers to a local receiver, and the operator endpoints
 * show the delivery log and redeliver (audited).
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
class WebhooksSqliteTest {
  private static final long MERCHANT = 31_337L;

  @Inject HarbourApp app;

  private static RequestSpecification operator() {
    return given()
        .header("Authorization", "Bearer " + Api.OPERATOR_KEY)
        .header("X-Operator", Api.OPERATOR);
  }

  private static JsonPath awaitDeliveries(String eventId, Predicate<JsonPath> done) {
    long deadline = System.nanoTime() + Api.POLL_WAIT_MS_MAX * 1_000_000L;
    while (true) {
      JsonPath view =
          operator()
              .get("/v1/operator/webhooks/events/" + eventId + "/deliveries")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      if (done.test(view)) return view;
      if (System.nanoTime() > deadline)
        throw new AssertionError("not delivered: " + view.prettify());
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
  }

  @Test
  void theDispatcherDeliversAndTheOperatorSeesTheLogAndRedelivers() throws Exception {
    WebhookReceiver receiver = new WebhookReceiver(0);
    try {
      receiver.secret =
          app.platform().webhooks.endpoints.register(MERCHANT, receiver.url(), Set.of()).secret();
      WebhookEvent event =
          app.platform()
              .webhooks
              .publish(
                  MERCHANT,
                  EventType.ORDER_EXPIRED,
                  "{\"order\":\"ord_1\"}",
                  Outbox.eventId("server-test", Ids.random()));

      JsonPath first =
          awaitDeliveries(
              event.publicId(), view -> "succeeded".equals(view.getString("deliveries[0].status")));
      assertThat(first.getString("object")).isEqualTo("webhook_event");
      assertThat(first.getString("type")).isEqualTo("order.expired");
      assertThat(first.getString("merchant")).startsWith("mch_");
      assertThat(first.getInt("deliveries[0].attempts")).isEqualTo(1);
      assertThat(first.getInt("deliveries[0].log[0].status_code")).isEqualTo(200);
      assertThat(first.getString("deliveries[0].endpoint")).startsWith("we_");
      assertThat(receiver.validEventIds()).containsExactly(event.publicId());

      operator()
          .post("/v1/operator/webhooks/events/" + event.publicId() + "/redeliver")
          .then()
          .statusCode(200);
      JsonPath second =
          awaitDeliveries(
              event.publicId(), view -> "succeeded".equals(view.getString("deliveries[1].status")));
      assertThat(second.getList("deliveries.series", Integer.class)).containsExactly(1, 2);
      assertThat(receiver.validEventIds()).containsExactly(event.publicId(), event.publicId());
      String audit =
          operator()
              .queryParam("target", event.publicId())
              .get("/v1/operator/audit")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(JsonPath.from(audit).getList("data.action", String.class))
          .as(audit)
          .containsExactly("webhook.redeliver");

      operator()
          .get("/v1/operator/webhooks/events/evt_0000000000001/deliveries")
          .then()
          .statusCode(404);
      given()
          .get("/v1/operator/webhooks/events/" + event.publicId() + "/deliveries")
          .then()
          .statusCode(401);
    } finally {
      receiver.close();
    }
  }
}

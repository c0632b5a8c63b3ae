package io.harbourpay.server;

import static io.harbourpay.server.support.Merchants.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import io.harbourpay.platform.Ids;
import io.harbourpay.server.PaymentApiTestBase.Shop;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.harbourpay.server.support.Merchants;
import io.harbourpay.server.support.WebhookReceiver;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The merchant's own webhooks over the signed API: register an endpoint (secret once, idempotent,
 * SSRF rules), see its events with their deliveries and logs, redeliver, disable; and never another
 * merchant's endpoints or events.
 */
abstract class MerchantWebhookApiTestBase {
  static final String ENDPOINTS = "/v1/merchant/webhook-endpoints";
  static final String EVENTS = "/v1/merchant/webhook-events";

  static Response register(Shop shop, String body, String idempotencyKey) {
    if (idempotencyKey == null) return send(shop.key(), "POST", ENDPOINTS, body);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String signature = shop.key().signer().sign("POST", ENDPOINTS, "", bytes, Merchants.now());
    return Merchants.raw()
        .header(io.harbourpay.platform.merchants.MerchantSigner.HEADER, signature)
        .header("Idempotency-Key", idempotencyKey)
        .contentType("application/json")
        .body(body)
        .post(ENDPOINTS);
  }

  /** Pays an order of the shop, so that a payment.succeeded event is written; its payment id. */
  static String paidOrder(Shop shop, Customer customer, String reference) {
    String order =
        send(
                shop.key(),
                "POST",
                OrderApiTestBase.ORDERS,
                OrderApiTestBase.create(shop, 12_00, reference, null))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return OrderApiTestBase.pay(customer, order).then().statusCode(200).extract().path("id");
  }

  static JsonPath await(Shop shop, String path, Predicate<JsonPath> done) {
    long deadline = System.nanoTime() + Api.POLL_WAIT_MS_MAX * 1_000_000L;
    while (true) {
      JsonPath view =
          send(shop.key(), "GET", path, null).then().statusCode(200).extract().jsonPath();
      if (done.test(view)) return view;
      if (System.nanoTime() > deadline) throw new AssertionError("not yet: " + view.prettify());
      try {
        Thread.sleep(50);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
  }

  @Test
  void registerShowsTheSecretOnceReplaysByKeyAndRefusesPrivateUrls() {
    Shop shop = PaymentApiTestBase.shop();
    String body = "{\"url\":\"https://hooks.shop.example/harbour\"}";
    Response created = register(shop, body, "endpoint-1");
    created
        .then()
        .statusCode(201)
        .body("object", equalTo("webhook_endpoint"))
        .body("url", equalTo("https://hooks.shop.example/harbour"))
        .body("status", equalTo("enabled"))
        .body(
            "events",
            equalTo(
                List.of(
                    "payment.succeeded",
                    "payment.failed",
                    "payment.refunded",
                    "order.expired",
                    "order.canceled")));
    String id = created.path("id");
    String secret = created.path("secret");
    assertThat(id).startsWith("we_");
    assertThat(secret).startsWith("whsec_");
    assertThat(created.getHeader("Idempotent-Replayed")).isNull();

    // The same key and body: the same endpoint and secret, marked replayed; another body: 409.
    Response replayed = register(shop, body, "endpoint-1");
    replayed.then().statusCode(201).body("id", equalTo(id)).body("secret", equalTo(secret));
    assertThat(replayed.getHeader("Idempotent-Replayed")).isEqualTo("true");
    register(shop, "{\"url\":\"https://other.shop.example/h\"}", "endpoint-1")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("idempotency_key_reused"));

    // A filter, and the listing (no secrets).
    send(
            shop.key(),
            "POST",
            ENDPOINTS,
            "{\"url\":\"https://b.shop.example/h\",\"events\":[\"payment.refunded\"]}")
        .then()
        .statusCode(201)
        .body("events", equalTo(List.of("payment.refunded")));
    Response list = send(shop.key(), "GET", ENDPOINTS, null);
    list.then().statusCode(200).body("object", equalTo("list")).body("data.size()", equalTo(2));
    assertThat(list.asString()).doesNotContain("whsec_").doesNotContain("\"secret\"");

    // Every refusal is a 400 naming url and the rule; none registers anything.
    String[][] refused = {
      {"http://hooks.shop.example/h", "url_not_https"},
      {"https://10.0.0.7/h", "url_not_public"},
      {"https://169.254.169.254/latest/meta-data", "url_not_public"},
      {"https://[::ffff:127.0.0.1]/h", "url_not_public"},
      {"https://[fd00::1]/h", "url_not_public"},
      {"https://100.64.1.1/h", "url_not_public"},
      {"https://user:pw@hooks.shop.example/h", "url_invalid"},
      {"http://10.0.0.7/h", "url_not_https"},
    };
    for (String[] row : refused) {
      send(shop.key(), "POST", ENDPOINTS, "{\"url\":\"" + row[0] + "\"}")
          .then()
          .statusCode(400)
          .body("error.code", equalTo(row[1]))
          .body("error.param", equalTo("url"));
    }
    send(
            shop.key(),
            "POST",
            ENDPOINTS,
            "{\"url\":\"https://c.shop.example/h\",\"events\":[\"payment.won\"]}")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("events_invalid"))
        .body("error.param", equalTo("events"));
    send(shop.key(), "POST", ENDPOINTS, "{\"events\":[]}")
        .then()
        .statusCode(400)
        .body("error.param", equalTo("url"));
    send(shop.key(), "GET", ENDPOINTS, null).then().body("data.size()", equalTo(2));
  }

  @Test
  void eventsAreDeliveredSignedListedNewestFirstAndRedelivered() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer alice = PaymentApiTestBase.payer(100_00);
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      Response created =
          send(shop.key(), "POST", ENDPOINTS, "{\"url\":\"" + receiver.url() + "\"}");
      created.then().statusCode(201);
      receiver.secret = created.path("secret");
      String first = paidOrder(shop, alice, "hook-1");
      String second = paidOrder(shop, alice, "hook-2");

      JsonPath listed =
          await(
              shop,
              EVENTS + "?type=payment.succeeded",
              view ->
                  view.getList("data").size() == 2
                      && view.getList("data.deliveries.status")
                          .toString()
                          .equals("[[succeeded], [succeeded]]"));
      // Newest first; each with its deliveries' status and attempts, no log in a listing.
      assertThat(listed.getString("data[0].data.id")).isEqualTo(second);
      assertThat(listed.getString("data[1].data.id")).isEqualTo(first);
      assertThat(listed.getInt("data[0].deliveries[0].attempts")).isEqualTo(1);
      assertThat(listed.getMap("data[0].deliveries[0]")).doesNotContainKey("log");
      String firstEvent = listed.getString("data[1].id");
      assertThat(receiver.validEventIds())
          .containsExactlyInAnyOrder(listed.getString("data[0].id"), firstEvent);

      // Cursor paging, one a page.
      JsonPath page1 =
          send(shop.key(), "GET", EVENTS + "?limit=1", null)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page1.getBoolean("has_more")).isTrue();
      JsonPath page2 =
          send(
                  shop.key(),
                  "GET",
                  EVENTS + "?limit=1&cursor=" + page1.getString("next_cursor"),
                  null)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(page2.getString("data[0].id")).isEqualTo(firstEvent);
      send(shop.key(), "GET", EVENTS + "?type=payment.won", null)
          .then()
          .statusCode(400)
          .body("error.param", equalTo("type"));

      // One event with its log; redelivery is a second series, signed again.
      send(shop.key(), "GET", EVENTS + "/" + firstEvent, null)
          .then()
          .statusCode(200)
          .body("type", equalTo("payment.succeeded"))
          .body("data.amount", equalTo(12_00))
          .body("deliveries[0].log[0].status_code", equalTo(200));
      send(shop.key(), "POST", EVENTS + "/" + firstEvent + "/redeliver", "")
          .then()
          .statusCode(200)
          .body("deliveries.series", equalTo(List.of(1, 2)));
      await(
          shop,
          EVENTS + "/" + firstEvent,
          view -> "succeeded".equals(view.getString("deliveries[1].status")));
      assertThat(receiver.valid(firstEvent)).isEqualTo(2);
    }
  }

  @Test
  void disablingAnEndpointEndsItsPendingDeliveries() throws Exception {
    Shop shop = PaymentApiTestBase.shop();
    Customer alice = PaymentApiTestBase.payer(100_00);
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      receiver.status.set(500);
      Response created =
          send(shop.key(), "POST", ENDPOINTS, "{\"url\":\"" + receiver.url() + "\"}");
      String endpoint = created.path("id");
      paidOrder(shop, alice, "down-1");
      // The first attempt fails; the next is a minute away.
      JsonPath failedOnce =
          await(
              shop,
              EVENTS,
              view -> Integer.valueOf(1).equals(view.get("data[0].deliveries[0].attempts")));
      String event = failedOnce.getString("data[0].id");
      assertThat(failedOnce.getString("data[0].deliveries[0].status")).isEqualTo("pending");
      send(shop.key(), "POST", EVENTS + "/" + event + "/redeliver", "")
          .then()
          .statusCode(409)
          .body("error.code", equalTo("delivery_in_progress"));

      send(shop.key(), "DELETE", ENDPOINTS + "/" + endpoint, null)
          .then()
          .statusCode(200)
          .body("status", equalTo("disabled"))
          .body("$", not(hasKey("secret")));
      JsonPath ended =
          send(shop.key(), "GET", EVENTS + "/" + event, null).then().extract().jsonPath();
      assertThat(ended.getString("deliveries[0].status")).isEqualTo("failed");
      assertThat(ended.getInt("deliveries[0].attempts")).isEqualTo(2);
      assertThat(ended.getString("deliveries[0].log[1].error")).isEqualTo("endpoint_disabled");
      // Idempotent, and nothing is sent to a disabled endpoint, not even a redelivery.
      send(shop.key(), "DELETE", ENDPOINTS + "/" + endpoint, null).then().statusCode(200);
      send(shop.key(), "POST", EVENTS + "/" + event + "/redeliver", "")
          .then()
          .statusCode(409)
          .body("error.code", equalTo("no_webhook_endpoint"));
      assertThat(receiver.requests.get()).isEqualTo(1);
    }
  }

  @Test
  void aMerchantNeverSeesOrTouchesAnotherMerchantsWebhooks() throws Exception {
    Shop owner = PaymentApiTestBase.shop();
    Shop intruder = PaymentApiTestBase.shop();
    Customer alice = PaymentApiTestBase.payer(100_00);
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      Response created =
          send(owner.key(), "POST", ENDPOINTS, "{\"url\":\"" + receiver.url() + "\"}");
      String endpoint = created.path("id");
      paidOrder(owner, alice, "mine-1");
      String event =
          await(owner, EVENTS, view -> view.getList("data").size() == 1).getString("data[0].id");
      String missingEndpoint = Ids.publicId("we", Ids.random());
      String missingEvent = Ids.publicId("evt", Ids.random());
      String[][] theirsAndNobodys = {
        {"GET", EVENTS + "/" + event, EVENTS + "/" + missingEvent},
        {"POST", EVENTS + "/" + event + "/redeliver", EVENTS + "/" + missingEvent + "/redeliver"},
        {"DELETE", ENDPOINTS + "/" + endpoint, ENDPOINTS + "/" + missingEndpoint},
      };
      for (String[] row : theirsAndNobodys) {
        String body = row[0].equals("POST") ? "" : null;
        Response theirs = send(intruder.key(), row[0], row[1], body);
        Response nobodys = send(intruder.key(), row[0], row[2], body);
        assertThat(theirs.statusCode()).as(row[1]).isEqualTo(404);
        assertThat(theirs.<String>path("error.code")).isEqualTo("resource_missing");
        assertThat(theirs.asString()).isEqualTo(nobodys.asString());
      }
      send(intruder.key(), "GET", EVENTS, null)
          .then()
          .statusCode(200)
          .body("data.size()", equalTo(0));
      send(intruder.key(), "GET", ENDPOINTS, null)
          .then()
          .statusCode(200)
          .body("data.size()", equalTo(0));
      // The owner's endpoint is untouched.
      send(owner.key(), "GET", ENDPOINTS, null).then().body("data[0].status", equalTo("enabled"));
    }
  }
}

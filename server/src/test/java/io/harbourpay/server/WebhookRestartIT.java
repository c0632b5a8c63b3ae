package io.harbourpay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbourpay.platform.merchants.MerchantSigner;
import io.harbourpay.server.support.PackagedServer;
import io.harbourpay.server.support.WebhookReceiver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Webhooks end to end on the packaged server: a merchant registers an endpoint whose receiver is
 * down; payments, a refund and an order closed by the merchant write events; the attempts fail; the
 * server is stopped and started again on the same data; the receiver comes up; every event arrives
 * exactly once in its attempt series, correctly signed, and a redelivery is exactly one more.
 */
class WebhookRestartIT {
  /** Compressed from the 25-hour schedule: 8 attempts within about two minutes. */
  static final String SCHEDULE = "0s,1s,2s,4s,8s,15s,30s,60s";

  static final long DELIVERY_WAIT_MS_MAX = 180_000;
  static final String CUSTOMER_PHONE = "+85262000011";
  static final String CUSTOMER_PIN = "246813";

  private PackagedServer server;
  private WebhookReceiver receiver;
  private MerchantSigner signer;

  private String secret;

  @BeforeEach
  void newServer() throws Exception {
    server = new PackagedServer("webhooks");
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    if (receiver != null) receiver.close();
    server.close();
  }

  @Test
  void everyEventArrivesOncePerSeriesAcrossAReceiverOutageAndAServerRestart() throws Exception {
    String[] properties = {"harbour.webhooks.schedule=" + SCHEDULE};
    Process first = server.start("first.log", properties);

    // A merchant with a store, a till and an API key; its endpoint points at a receiver that is
    // not listening yet (connection refused).
    String merchant =
        text(
            server.call(
                "POST",
                "/v1/operator/merchants",
                PackagedServer.OPERATOR,
                null,
                "{\"legal_name\":\"Webhook Tea House\",\"mcc\":\"5814\",\"country\":\"HK\","
                    + "\"settlement_currency\":\"HKD\",\"discount_rate_bps\":100,"
                    + "\"bank_code\":\"004\",\"bank_account_number\":\"123456789012\"}",
                201),
            "id");
    String store =
        text(
            server.call(
                "POST",
                "/v1/operator/merchants/" + merchant + "/stores",
                PackagedServer.OPERATOR,
                null,
                "{\"name_en\":\"Tea House\",\"name_zh\":\"茶館\",\"address\":\"1 Tea Road\","
                    + "\"district\":\"Wan Chai\"}",
                201),
            "id");
    String terminal =
        text(
            server.call(
                "POST",
                "/v1/operator/merchants/" + merchant + "/stores/" + store + "/terminals",
                PackagedServer.OPERATOR,
                null,
                "{\"label\":\"Till 1\"}",
                201),
            "id");
    JsonNode key =
        server.call(
            "POST",
            "/v1/operator/merchants/" + merchant + "/keys",
            PackagedServer.OPERATOR,
            null,
            null,
            201);
    signer = new MerchantSigner(text(key, "id"), text(key, "secret"));
    int receiverPort = PackagedServer.freePort();
    JsonNode endpoint =
        signed(
            "POST",
            "/v1/merchant/webhook-endpoints",
            "{\"url\":\"http://127.0.0.1:" + receiverPort + "/hooks\"}",
            201);
    secret = text(endpoint, "secret");

    // Three paid orders, a refund of the first, and an order the merchant closes.
    String customer = fundedCustomer();
    List<String> payments = new ArrayList<>();
    for (int index = 1; index <= 3; index++) {
      String order = order(store, terminal, "it-order-" + index, 15_00 + index);
      payments.add(
          text(
              server.call(
                  "POST",
                  "/v1/orders/" + order + "/pay",
                  customer,
                  null,
                  "{\"pin\":\"" + CUSTOMER_PIN + "\"}",
                  200),
              "id"));
    }
    signed(
        "POST",
        "/v1/merchant/payments/" + payments.get(0) + "/refunds",
        "{\"amount\":500,\"merchant_refund_reference\":\"it-refund-1\"}",
        201);
    String closed = order(store, terminal, "it-order-closed", 9_00);
    signed("POST", "/v1/merchant/orders/" + closed + "/close", "", 200);

    // Five events, each attempted at least once, against a receiver that is down.
    JsonNode failing =
        awaitEvents(
            events ->
                events.size() == 5
                    && all(
                        events,
                        event -> event.get("deliveries").get(0).get("attempts").asInt() >= 1));
    for (JsonNode event : failing) {
      JsonNode delivery = event.get("deliveries").get(0);
      assertThat(delivery.get("status").asText()).as(event.toString()).isEqualTo("pending");
    }
    List<String> eventIds = new ArrayList<>();
    Map<String, String> typeByEvent = new HashMap<>();
    for (JsonNode event : failing) {
      eventIds.add(text(event, "id"));
      typeByEvent.put(text(event, "id"), text(event, "type"));
    }
    assertThat(typeByEvent.values())
        .containsExactlyInAnyOrder(
            "payment.succeeded",
            "payment.succeeded",
            "payment.succeeded",
            "payment.refunded",
            "order.expired");
    JsonNode log = signed("GET", "/v1/merchant/webhook-events/" + eventIds.get(0), null, 200);
    assertThat(log.get("deliveries").get(0).get("log").get(0).get("error").asText())
        .startsWith("connection_failed");

    // Restart the server mid-way; then the receiver comes up.
    PackagedServer.stop(first);
    server.start("second.log", properties);
    receiver = new WebhookReceiver(receiverPort);
    receiver.secret = secret;

    JsonNode delivered =
        awaitEvents(
            events ->
                events.size() == 5
                    && all(
                        events,
                        event ->
                            event
                                .get("deliveries")
                                .get(0)
                                .get("status")
                                .asText()
                                .equals("succeeded")));
    assertThat(delivered).hasSize(5);
    assertThat(receiver.invalid).as("requests with a bad signature").isEmpty();
    for (String eventId : eventIds) {
      assertThat(receiver.valid(eventId))
          .as("deliveries of " + eventId + " (" + typeByEvent.get(eventId) + ")")
          .isEqualTo(1);
    }
    assertThat(receiver.validEventIds()).containsExactlyInAnyOrderElementsOf(eventIds);

    // A redelivery is a new series: exactly one more delivery of that event.
    String again = eventIds.get(0);
    JsonNode redelivered =
        signed("POST", "/v1/merchant/webhook-events/" + again + "/redeliver", "", 200);
    assertThat(redelivered.get("deliveries")).hasSize(2);
    long deadline = System.nanoTime() + DELIVERY_WAIT_MS_MAX * 1_000_000L;
    while (receiver.valid(again) < 2) {
      assertThat(System.nanoTime()).as("redelivered in time").isLessThan(deadline);
      Thread.sleep(100);
    }
    // The receiver counts the request before the dispatcher records the answer: wait (bounded)
    // for the record, then it must say succeeded.
    JsonNode after = signed("GET", "/v1/merchant/webhook-events/" + again, null, 200);
    while ("pending".equals(after.get("deliveries").get(1).get("status").asText())) {
      assertThat(System.nanoTime()).as("redelivery recorded in time").isLessThan(deadline);
      Thread.sleep(100);
      after = signed("GET", "/v1/merchant/webhook-events/" + again, null, 200);
    }
    assertThat(after.get("deliveries").get(1).get("series").asInt()).isEqualTo(2);
    assertThat(after.get("deliveries").get(1).get("status").asText()).isEqualTo("succeeded");
    for (String eventId : eventIds) {
      assertThat(receiver.valid(eventId)).isEqualTo(eventId.equals(again) ? 2 : 1);
    }
  }

  /** A new customer with a PIN and HKD 500.00 topped up from the simulated bank. */
  private String fundedCustomer() throws Exception {
    String customer = server.login(CUSTOMER_PHONE);
    server.call("POST", "/v1/me/pin", customer, null, "{\"pin\": \"" + CUSTOMER_PIN + "\"}", 204);
    String account =
        text(
            server.call(
                "POST",
                "/v1/bank-accounts",
                customer,
                null,
                "{\"bank_code\": \"004\", \"account_number\": \"55554321\", \"holder_name\":"
                    + " \"C\", \"currency\": \"HKD\"}",
                201),
            "id");
    String topUp =
        text(
            server.call(
                "POST",
                "/v1/topups",
                customer,
                "webhook-it-topup",
                "{\"bank_account\": \"" + account + "\", \"amount\": 50000, \"currency\": \"HKD\"}",
                202),
            "id");
    server.awaitSucceeded(customer, "/v1/topups/" + topUp);
    return customer;
  }

  private String order(String store, String terminal, String reference, long amount)
      throws Exception {
    return text(
        signed(
            "POST",
            "/v1/merchant/orders",
            "{\"amount\":"
                + amount
                + ",\"currency\":\"HKD\",\"store\":\""
                + store
                + "\",\"terminal\":\""
                + terminal
                + "\",\"merchant_reference\":\""
                + reference
                + "\"}",
            201),
        "id");
  }

  private JsonNode awaitEvents(Predicate<JsonNode> done) throws Exception {
    long deadline = System.nanoTime() + DELIVERY_WAIT_MS_MAX * 1_000_000L;
    while (true) {
      JsonNode events =
          signed("GET", "/v1/merchant/webhook-events?limit=100", null, 200).get("data");
      if (done.test(events)) return events;
      assertThat(System.nanoTime()).as("events now: " + events).isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static boolean all(JsonNode events, Predicate<JsonNode> test) {
    for (JsonNode event : events) {
      if (event.get("deliveries").isEmpty() || !test.test(event)) return false;
    }
    return true;
  }

  private JsonNode signed(String method, String pathAndQuery, String body, int status)
      throws Exception {
    int mark = pathAndQuery.indexOf('?');
    String path = mark < 0 ? pathAndQuery : pathAndQuery.substring(0, mark);
    String query = mark < 0 ? "" : pathAndQuery.substring(mark + 1);
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    String signature = signer.sign(method, path, query, bytes, System.currentTimeMillis() / 1000);
    return PackagedServer.expect(
        server.send(method, pathAndQuery, Map.of(MerchantSigner.HEADER, signature), body),
        method + " " + pathAndQuery,
        status);
  }

  private static String text(JsonNode node, String field) {
    assertThat(node.has(field)).as(node + " has " + field).isTrue();
    return node.get(field).asText();
  }
}

package io.harbourpay.server;

import static io.harbourpay.server.support.Merchants.addStore;
import static io.harbourpay.server.support.Merchants.createKey;
import static io.harbourpay.server.support.Merchants.onboard;
import static io.harbourpay.server.support.Merchants.send;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.harbourpay.server.support.Merchants.Key;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pay-code payments over HTTP: the customer registers a device and shows a code, the till charges
 * it through the signed merchant API, queries, cancels and refunds; large payments are confirmed or
 * declined in the wallet. Run once per store.
 */
abstract class PaymentApiTestBase {
  static final String PAYMENTS = "/v1/merchant/payments";

  record Shop(String merchant, String store, String terminal, Key key) {}

  static Shop shop() {
    String merchant = onboard();
    String store = addStore(merchant, "Central");
    String terminal =
        Api.operator()
            .body(Map.of("label", "Till 1"))
            .post("/v1/operator/merchants/" + merchant + "/stores/" + store + "/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new Shop(merchant, store, terminal, createKey(merchant));
  }

  static Customer payer(long funds) {
    Customer customer = Api.signUpWithPin();
    Api.fund(customer, "HKD", funds);
    customer
        .call()
        .post("/v1/paycode/devices")
        .then()
        .statusCode(201)
        .body("device_id", org.hamcrest.Matchers.matchesPattern("[0-9]{8}"))
        .body("secret", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"));
    return customer;
  }

  static String code(Customer customer) {
    return customer.call().get("/v1/paycode").then().statusCode(200).extract().path("code");
  }

  static String charge(String code, long amount, Shop shop, String reference) {
    return "{\"pay_code\":\""
        + code
        + "\",\"amount\":"
        + amount
        + ",\"currency\":\"HKD\",\"store\":\""
        + shop.store()
        + "\",\"terminal\":\""
        + shop.terminal()
        + "\",\"merchant_reference\":\""
        + reference
        + "\"}";
  }

  @Test
  void aTillChargesAPayCodeQueriesAndRefundsItAndNobodyElseCan() {
    Shop shop = shop();
    Customer alice = payer(2_000_00);
    String code = code(alice);

    Response paid = send(shop.key(), "POST", PAYMENTS, charge(code, 100_05, shop, "order-1"));
    paid.then()
        .statusCode(201)
        .body("status", equalTo("succeeded"))
        .body("fee", equalTo(120))
        .body("merchant_reference", equalTo("order-1"));
    String id = paid.path("id");
    assertThat(id).startsWith("pay_");
    assertThat(Api.balance(alice, "HKD")).isEqualTo(2_000_00 - 100_05);

    // The till retries the order: the same payment. Another amount under it: a conflict.
    send(shop.key(), "POST", PAYMENTS, charge(code, 100_05, shop, "order-1"))
        .then()
        .statusCode(201)
        .body("id", equalTo(id));
    send(shop.key(), "POST", PAYMENTS, charge(code, 99_00, shop, "order-1"))
        .then()
        .statusCode(409)
        .body("error.code", equalTo("merchant_reference_reused"));
    // The code has paid: another order with it is refused.
    send(shop.key(), "POST", PAYMENTS, charge(code, 1_00, shop, "order-2"))
        .then()
        .statusCode(409)
        .body("error.code", equalTo("pay_code_used"))
        .body("error.param", equalTo("pay_code"));
    String mistyped = code.substring(0, 17) + (char) ('0' + (code.charAt(17) - '0' + 1) % 10);
    send(shop.key(), "POST", PAYMENTS, charge(mistyped, 1_00, shop, "order-3"))
        .then()
        .statusCode(400)
        .body("error.code", equalTo("pay_code_invalid"));
    send(shop.key(), "POST", PAYMENTS, charge("123456789012345678", 1_00, shop, "order-4"))
        .then()
        .statusCode(400)
        .body("error.code", equalTo("pay_code_unknown_prefix"));

    send(shop.key(), "GET", PAYMENTS + "/" + id, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"));
    send(shop.key(), "GET", PAYMENTS + "?merchant_reference=order-1", null)
        .then()
        .statusCode(200)
        .body("id", equalTo(id));

    Response refund =
        send(
            shop.key(),
            "POST",
            PAYMENTS + "/" + id + "/refunds",
            "{\"amount\":3333,\"reason\":\"one bottle broken\",\"merchant_refund_reference\":\"r1\"}");
    refund.then().statusCode(201).body("fee_returned", equalTo(39));
    assertThat(refund.<String>path("id")).startsWith("re_");
    send(
            shop.key(),
            "POST",
            PAYMENTS + "/" + id + "/refunds",
            "{\"amount\":3333,\"reason\":\"one bottle broken\",\"merchant_refund_reference\":\"r1\"}")
        .then()
        .statusCode(201)
        .body("id", equalTo(refund.path("id")));
    send(shop.key(), "POST", PAYMENTS + "/" + id + "/refunds", "{\"amount\":6673}")
        .then()
        .statusCode(400)
        .body("error.code", equalTo("amount_exceeds_refundable"));
    send(shop.key(), "POST", PAYMENTS + "/" + id + "/refunds", "{\"amount\":6672}")
        .then()
        .statusCode(201)
        .body("fee_returned", equalTo(120 - 39));
    send(shop.key(), "GET", PAYMENTS + "/" + id, null)
        .then()
        .statusCode(200)
        .body("amount_refunded", equalTo(100_05))
        .body("fee_refunded", equalTo(120))
        .body("refunds", hasSize(2));
    assertThat(Api.balance(alice, "HKD")).isEqualTo(2_000_00);

    // Another merchant: its own view of the world has no such payment.
    Shop other = shop();
    send(other.key(), "GET", PAYMENTS + "/" + id, null)
        .then()
        .statusCode(404)
        .body("error.code", equalTo("resource_missing"));
    send(other.key(), "GET", PAYMENTS + "?merchant_reference=order-1", null).then().statusCode(404);
    send(other.key(), "POST", PAYMENTS + "/" + id + "/refunds", "{\"amount\":1}")
        .then()
        .statusCode(404);
    send(other.key(), "POST", PAYMENTS + "/" + id + "/cancel", "{}").then().statusCode(404);
    // The customer sees it too, with the merchant's name.
    alice
        .call()
        .get("/v1/payments/" + id)
        .then()
        .statusCode(200)
        .body("amount_refunded", equalTo(100_05));
  }

  @Test
  void aLargePaymentIsConfirmedDeclinedOrCanceled() {
    Shop shop = shop();
    Customer alice = payer(2_900_00);

    Response held = send(shop.key(), "POST", PAYMENTS, charge(code(alice), 600_00, shop, "tv-1"));
    held.then().statusCode(202).body("status", equalTo("requires_confirmation"));
    String id = held.path("id");
    alice
        .call()
        .get("/v1/payments/pending")
        .then()
        .statusCode(200)
        .body("data", hasSize(1))
        .body("data[0].id", equalTo(id))
        .body("data[0].amount", equalTo(600_00));
    alice
        .call()
        .body(Map.of("pin", "000000"))
        .post("/v1/payments/" + id + "/confirm")
        .then()
        .statusCode(402)
        .body("error.code", equalTo("pin_incorrect"));
    alice
        .call()
        .body(Map.of("pin", Api.PIN))
        .post("/v1/payments/" + id + "/confirm")
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"));
    send(shop.key(), "GET", PAYMENTS + "/" + id, null)
        .then()
        .statusCode(200)
        .body("status", equalTo("succeeded"))
        .body("fee", equalTo(720));

    // Waiting for a till on a fresh minute: the next code is another one.
    String second = waitForAFreshCode(alice, null);
    Response declinedHeld =
        send(shop.key(), "POST", PAYMENTS, charge(second, 700_00, shop, "tv-2"));
    declinedHeld.then().statusCode(202);
    String declined = declinedHeld.path("id");
    alice
        .call()
        .post("/v1/payments/" + declined + "/decline")
        .then()
        .statusCode(200)
        .body("status", equalTo("failed"))
        .body("failure_code", equalTo("declined_by_customer"));
    send(shop.key(), "POST", PAYMENTS + "/" + declined + "/cancel", "{}")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("payment_not_cancelable"));

    String third = waitForAFreshCode(alice, second);
    Response toCancel = send(shop.key(), "POST", PAYMENTS, charge(third, 800_00, shop, "tv-3"));
    toCancel.then().statusCode(202);
    String canceled = toCancel.path("id");
    send(shop.key(), "POST", PAYMENTS + "/" + canceled + "/cancel", "{}")
        .then()
        .statusCode(200)
        .body("status", equalTo("canceled"));
    alice
        .call()
        .body(Map.of("pin", Api.PIN))
        .post("/v1/payments/" + canceled + "/confirm")
        .then()
        .statusCode(409)
        .body("error.code", equalTo("payment_not_confirmable"));
    assertThat(Api.balance(alice, "HKD")).isEqualTo(2_900_00 - 600_00);
    // Another customer cannot touch it.
    Customer bob = Api.signUpWithPin();
    bob.call()
        .body(Map.of("pin", Api.PIN))
        .post("/v1/payments/" + id + "/confirm")
        .then()
        .statusCode(404);
    bob.call().get("/v1/paycode").then().statusCode(404);
  }

  /** The code only changes with the minute; the till's next scan must wait for it. */
  private static String waitForAFreshCode(Customer customer, String previous) {
    String first = previous == null ? code(customer) : previous;
    // Used codes: the one that just paid. Rather than sleep up to a minute, register a new
    // device: the newest device shows its own code at once.
    customer.call().post("/v1/paycode/devices").then().statusCode(201);
    String fresh = code(customer);
    assertThat(fresh).isNotEqualTo(first);
    return fresh;
  }

  @Test
  void theCustomerEndpointsNeedASessionAndTheMerchantOnesASignature() {
    for (String[] endpoint :
        List.of(
            new String[] {"POST", "/v1/paycode/devices"},
            new String[] {"GET", "/v1/paycode"},
            new String[] {"GET", "/v1/payments/pending"},
            new String[] {"GET", "/v1/payments/pay_0000000000001"},
            new String[] {"POST", "/v1/payments/pay_0000000000001/confirm"},
            new String[] {"POST", "/v1/payments/pay_0000000000001/decline"})) {
      given()
          .contentType(ContentType.JSON)
          .body("{}")
          .request(endpoint[0], endpoint[1])
          .then()
          .statusCode(401)
          .body("error.type", equalTo("authentication_error"));
    }
    for (String[] endpoint :
        MerchantApiTestBase.endpoints(io.harbourpay.server.api.MerchantPaymentResource.class)) {
      String body = endpoint[0].equals("POST") ? "{}" : null;
      send((String) null, endpoint[0], endpoint[1], body)
          .then()
          .statusCode(401)
          .body("error.code", equalTo("signature_missing"));
    }
  }
}

package io.harbourpay.server;

import static io.harbourpay.server.support.Api.PIN;
import static io.harbourpay.server.support.Api.awaitSettled;
import static io.harbourpay.server.support.Api.linkBank;
import static io.harbourpay.server.support.Api.signUpWithPin;
import static io.harbourpay.server.support.Api.startTopUp;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.platform.Ids;
import io.harbourpay.server.api.AuthResource;
import io.harbourpay.server.api.DevResource;
import io.harbourpay.server.api.MeResource;
import io.harbourpay.server.api.OperatorAccountResource;
import io.harbourpay.server.api.OperatorConsoleResource;
import io.harbourpay.server.api.OperatorResource;
import io.harbourpay.server.api.OrderResource;
import io.harbourpay.server.api.PaymentResource;
import io.harbourpay.server.api.WalletResource;
import io.harbourpay.server.api.WebhookOperatorResource;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.harbourpay.server.support.Merchants;
import io.harbourpay.server.support.ResourceEndpoints;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Who may call what. Every endpoint of the resources is listed here (a test fails when one is added
 * without a row): without a token, customer endpoints answer 401; with another customer's token,
 * the first customer's ids answer exactly as ids that do not exist (404, nothing leaked); operator
 * endpoints refuse customer tokens and wrong keys. The merchant API is swept the same way in {@link
 * MerchantApiTestBase} (signatures) and the per-feature tests (another merchant's ids).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthorizationTestBase {
  /** Endpoints anyone may call (sign-up and login, and the demo's SMS inbox). */
  static final Set<String> PUBLIC =
      Set.of("POST /v1/auth/otp", "POST /v1/auth/login", "GET /dev/sms", "POST /v1/operator/login");

  record Endpoint(String method, String template, Function<Ids_, Object> body) {
    String key() {
      return method + " " + template;
    }
  }

  /** The owner's resource ids, or ids of the same kinds that exist nowhere. */
  record Ids_(
      String topUp,
      String withdrawal,
      String transfer,
      String transaction,
      String bankAccount,
      String review,
      String customer,
      String payment) {
    String path(String template) {
      return template
          .replace("/topups/{id}", "/topups/" + topUp)
          .replace("/withdrawals/{id}", "/withdrawals/" + withdrawal)
          .replace("/transfers/{id}", "/transfers/" + transfer)
          .replace("/transactions/{id}", "/transactions/" + transaction)
          .replace("/identity-reviews/{id}", "/identity-reviews/" + review)
          .replace("/customers/{id}", "/customers/" + customer)
          .replace("/payments/{id}", "/payments/" + payment)
          // Any customer may pay any store or order: these ids are nobody's, for the 401 sweep.
          .replace("/stores/{id}", "/stores/" + Ids.publicId("str", 1))
          .replace("/orders/{id}", "/orders/" + Ids.publicId("ord", 1))
          .replace("/operators/{id}", "/operators/" + Ids.publicId("opr", 1))
          .replace("/events/{id}", "/events/" + Ids.publicId("evt", 1));
    }
  }

  static final List<Endpoint> CUSTOMER =
      List.of(
          new Endpoint("GET", "/v1/me", null),
          new Endpoint("POST", "/v1/me/pin", ids -> Map.of("pin", "975310", "current_pin", PIN)),
          new Endpoint(
              "POST",
              "/v1/me/identity-reviews",
              ids ->
                  Map.of(
                      "document_type", "hkid",
                      "document_number", Api.hkid(654321),
                      "full_name", "Nobody Atall",
                      "date_of_birth", "1980-01-01",
                      "requested_tier", "advanced")),
          new Endpoint("GET", "/v1/me/identity-reviews/latest", null),
          new Endpoint("GET", "/v1/wallets", null),
          new Endpoint("POST", "/v1/wallets", ids -> Map.of("currency", "MOP")),
          new Endpoint("GET", "/v1/bank-accounts", null),
          new Endpoint(
              "POST",
              "/v1/bank-accounts",
              ids ->
                  Map.of(
                      "bank_code",
                      "004",
                      "account_number",
                      "12345678",
                      "holder_name",
                      "X",
                      "currency",
                      "HKD")),
          new Endpoint(
              "POST",
              "/v1/topups",
              ids -> Map.of("bank_account", ids.bankAccount(), "amount", 100, "currency", "HKD")),
          new Endpoint("GET", "/v1/topups/{id}", null),
          new Endpoint(
              "POST",
              "/v1/withdrawals",
              ids ->
                  Map.of(
                      "bank_account",
                      ids.bankAccount(),
                      "amount",
                      100,
                      "currency",
                      "HKD",
                      "pin",
                      PIN)),
          new Endpoint("GET", "/v1/withdrawals/{id}", null),
          new Endpoint(
              "POST",
              "/v1/transfers",
              ids ->
                  Map.of("to_phone", "+85261234567", "amount", 100, "currency", "HKD", "pin", PIN)),
          new Endpoint("GET", "/v1/transfers/{id}", null),
          new Endpoint("GET", "/v1/transactions", null),
          new Endpoint("GET", "/v1/transactions/{id}", null),
          new Endpoint("GET", "/v1/transactions/{id}/receipt", null),
          new Endpoint("POST", "/v1/paycode/devices", null),
          new Endpoint("GET", "/v1/paycode", null),
          new Endpoint("GET", "/v1/payments/pending", null),
          new Endpoint("GET", "/v1/payments/{id}", null),
          new Endpoint("POST", "/v1/payments/{id}/confirm", ids -> Map.of("pin", PIN)),
          new Endpoint("POST", "/v1/payments/{id}/decline", null),
          new Endpoint("POST", "/v1/qr/decode", ids -> Map.of("payload", "000201")),
          new Endpoint(
              "POST",
              "/v1/stores/{id}/pay",
              ids -> Map.of("amount", 100, "currency", "HKD", "pin", PIN)),
          new Endpoint("POST", "/v1/orders/{id}/pay", ids -> Map.of("pin", PIN)),
          new Endpoint("POST", "/v1/auth/logout", null));

  /** Customer endpoints whose id is not a customer's own: every customer may pay any shop. */
  static final Set<String> SHARED_IDS =
      Set.of("POST /v1/stores/{id}/pay", "POST /v1/orders/{id}/pay");

  static final List<Endpoint> OPERATOR =
      List.of(
          new Endpoint("GET", "/v1/operator/identity-reviews", null),
          new Endpoint(
              "POST", "/v1/operator/identity-reviews/{id}/approve", ids -> Map.of("note", "ok")),
          new Endpoint(
              "POST", "/v1/operator/identity-reviews/{id}/reject", ids -> Map.of("reason", "no")),
          new Endpoint("POST", "/v1/operator/customers/{id}/lock", ids -> Map.of("reason", "x")),
          new Endpoint("POST", "/v1/operator/customers/{id}/unlock", ids -> Map.of("reason", "x")),
          new Endpoint(
              "POST",
              "/v1/operator/customers/{id}/tier",
              ids -> Map.of("tier", "advanced", "reason", "x")),
          new Endpoint("GET", "/v1/operator/audit", null),
          new Endpoint("GET", "/v1/operator/ledger/check", null),
          new Endpoint("GET", "/v1/operator/webhooks/events/{id}/deliveries", null),
          // The operator console (roles per endpoint: OperatorAccountsTestBase).
          new Endpoint("GET", "/v1/operator/stats", null),
          new Endpoint("GET", "/v1/operator/limits", null),
          new Endpoint("PUT", "/v1/operator/limits", ids -> Map.of("reason", "x")),
          new Endpoint("GET", "/v1/operator/limits/history", null),
          new Endpoint("GET", "/v1/operator/customers", null),
          new Endpoint("GET", "/v1/operator/customers/{id}", null),
          new Endpoint("GET", "/v1/operator/me", null),
          new Endpoint("POST", "/v1/operator/me/password", ids -> Map.of()),
          new Endpoint("POST", "/v1/operator/logout", null),
          new Endpoint("GET", "/v1/operator/operators", null),
          new Endpoint("POST", "/v1/operator/operators", ids -> Map.of()),
          new Endpoint("POST", "/v1/operator/operators/{id}", ids -> Map.of()),
          new Endpoint("POST", "/v1/operator/webhooks/events/{id}/redeliver", null));

  Customer owner;
  Customer intruder;
  Ids_ owned;
  Ids_ missing;

  // Set up once per class, in the first @BeforeEach: RestAssured points at the test server only
  // once Quarkus has started it, which is after @BeforeAll.
  @BeforeEach
  void twoCustomersAndTheOwnersResources() {
    if (owned != null) return;
    owner = signUpWithPin();
    intruder = signUpWithPin();
    Api.verify(owner, "intermediate");
    Api.verify(intruder, "intermediate");
    String account = linkBank(owner, "HKD", "4321");
    String topUp = startTopUp(owner, account, 50_000, "HKD");
    awaitSettled(owner, "/v1/topups/" + topUp);
    String withdrawal =
        owner
            .call()
            .body(Map.of("bank_account", account, "amount", 1_000, "currency", "HKD", "pin", PIN))
            .post("/v1/withdrawals")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    String transfer =
        Api.transfer(owner, intruder.phone(), 2_000, "HKD", "mine", null)
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String transaction =
        owner
            .call()
            .queryParam("type", "p2p_out")
            .get("/v1/transactions")
            .then()
            .extract()
            .path("data[0].id");
    String review = owner.call().get("/v1/me/identity-reviews/latest").path("id");
    // A payment of the owner's: it pays a shop's dynamic QR order.
    PaymentApiTestBase.Shop shop = PaymentApiTestBase.shop();
    String order =
        Merchants.send(
                shop.key(),
                "POST",
                OrderApiTestBase.ORDERS,
                OrderApiTestBase.create(shop, 10_00, "authz-1", null))
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    String payment = OrderApiTestBase.pay(owner, order).then().statusCode(200).extract().path("id");
    owned =
        new Ids_(topUp, withdrawal, transfer, transaction, account, review, owner.id(), payment);
    missing =
        new Ids_(
            Ids.publicId("tpu", Ids.random()),
            Ids.publicId("wdl", Ids.random()),
            Ids.publicId("p2p", Ids.random()),
            Ids.publicId("txn", Ids.random()),
            Ids.publicId("ba", Ids.random()),
            Ids.publicId("kyc", Ids.random()),
            Ids.publicId("cus", Ids.random()),
            Ids.publicId("pay", Ids.random()));
  }

  @Test
  void everyEndpointOfTheResourcesHasARow() {
    Set<String> declared =
        ResourceEndpoints.declared(
            List.of(
                AuthResource.class,
                MeResource.class,
                WalletResource.class,
                OperatorResource.class,
                WebhookOperatorResource.class,
                PaymentResource.class,
                OrderResource.class,
                OperatorConsoleResource.class,
                OperatorAccountResource.class,
                DevResource.class));
    Set<String> listed = new TreeSet<>(PUBLIC);
    CUSTOMER.forEach(endpoint -> listed.add(endpoint.key()));
    OPERATOR.forEach(endpoint -> listed.add(endpoint.key()));
    assertThat(listed).isEqualTo(declared);
  }

  @Test
  void withoutATokenEveryCustomerEndpointAnswers401() {
    for (Endpoint endpoint : CUSTOMER) {
      for (String authorization : new String[] {null, "Bearer hps_not-a-real-token", "Basic xyz"}) {
        RequestSpecification request = given().contentType(ContentType.JSON);
        if (authorization != null) request.header("Authorization", authorization);
        Response response = send(request, endpoint, owned);
        assertThat(response.statusCode())
            .as(endpoint.key() + " with " + authorization)
            .isEqualTo(401);
        assertThat(response.jsonPath().getString("error.type"))
            .as(endpoint.key())
            .isEqualTo("authentication_error");
        assertThat(response.jsonPath().getString("error.code")).as(endpoint.key()).isNotBlank();
        assertThat(response.jsonPath().getString("error.message")).as(endpoint.key()).isNotBlank();
      }
    }
  }

  @Test
  void anotherCustomersIdsAnswerExactlyAsIdsThatDoNotExist() {
    List<String> checked = new ArrayList<>();
    for (Endpoint endpoint : CUSTOMER) {
      if (SHARED_IDS.contains(endpoint.key())) continue;
      boolean takesAnId =
          endpoint.template().contains("{id}")
              || (endpoint.body() != null
                  && endpoint.body().apply(owned).toString().contains("ba_"));
      if (!takesAnId) continue;
      Response theirs = send(intruder.call(), endpoint, owned);
      Response nobodys = send(intruder.call(), endpoint, missing);
      assertThat(theirs.statusCode()).as(endpoint.key()).isEqualTo(404);
      assertThat(theirs.jsonPath().getString("error.code"))
          .as(endpoint.key())
          .isEqualTo("resource_missing");
      assertThat(theirs.asString()).as(endpoint.key()).isEqualTo(nobodys.asString());
      checked.add(endpoint.key());
    }
    assertThat(checked)
        .containsExactlyInAnyOrder(
            "POST /v1/topups",
            "GET /v1/topups/{id}",
            "POST /v1/withdrawals",
            "GET /v1/withdrawals/{id}",
            "GET /v1/transfers/{id}",
            "GET /v1/transactions/{id}",
            "GET /v1/transactions/{id}/receipt",
            "GET /v1/payments/{id}",
            "POST /v1/payments/{id}/confirm",
            "POST /v1/payments/{id}/decline");
    // Lists show the intruder's own things only.
    intruder
        .call()
        .get("/v1/bank-accounts")
        .then()
        .statusCode(200)
        .body("data.size()", org.hamcrest.Matchers.is(0));
    List<String> references =
        intruder.call().get("/v1/transactions").then().extract().path("data.reference");
    assertThat(references).doesNotContain(owned.topUp(), owned.withdrawal());
    // The owner's own ids of the wrong kind are not found either.
    owner.call().get("/v1/topups/" + owned.withdrawal()).then().statusCode(404);
    owner.call().get("/v1/withdrawals/" + owned.topUp()).then().statusCode(404);
  }

  @Test
  void operatorEndpointsRefuseCustomersAndWrongKeys() {
    for (Endpoint endpoint : OPERATOR) {
      Response customer = send(owner.call().header("X-Operator", "mallory"), endpoint, missing);
      assertThat(customer.statusCode())
          .as(endpoint.key() + " with a customer token")
          .isEqualTo(401);
      assertThat(customer.jsonPath().getString("error.code")).isEqualTo("operator_key_invalid");
      Response wrongKey =
          send(
              given()
                  .contentType(ContentType.JSON)
                  .header("Authorization", "Bearer " + Api.OPERATOR_KEY + "x")
                  .header("X-Operator", "mallory"),
              endpoint,
              missing);
      assertThat(wrongKey.statusCode()).as(endpoint.key() + " with a wrong key").isEqualTo(401);
      Response none = send(given().contentType(ContentType.JSON), endpoint, missing);
      assertThat(none.statusCode()).as(endpoint.key() + " without a key").isEqualTo(401);
      Response anonymousOperator =
          send(
              given()
                  .contentType(ContentType.JSON)
                  .header("Authorization", "Bearer " + Api.OPERATOR_KEY),
              endpoint,
              missing);
      assertThat(anonymousOperator.statusCode())
          .as(endpoint.key() + " without X-Operator")
          .isEqualTo(400);
      assertThat(anonymousOperator.jsonPath().getString("error.param")).isEqualTo("X-Operator");
    }
  }

  private static Response send(RequestSpecification request, Endpoint endpoint, Ids_ ids) {
    String path = ids.path(endpoint.template());
    if (endpoint.method().equals("GET")) return request.get(path);
    if (endpoint.body() != null) request.body(endpoint.body().apply(ids));
    return endpoint.method().equals("PUT") ? request.put(path) : request.post(path);
  }
}

package io.harbourpay.server;

import static io.harbourpay.server.support.Api.PIN;
import static io.harbourpay.server.support.Api.awaitSettled;
import static io.harbourpay.server.support.Api.balance;
import static io.harbourpay.server.support.Api.fund;
import static io.harbourpay.server.support.Api.linkBank;
import static io.harbourpay.server.support.Api.operator;
import static io.harbourpay.server.support.Api.signUp;
import static io.harbourpay.server.support.Api.signUpWithPin;
import static io.harbourpay.server.support.Api.startTopUp;
import static io.harbourpay.server.support.Api.transfer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.harbourpay.platform.Ids;
import io.harbourpay.server.app.HarbourApp;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The customer's and the operator's journeys over HTTP, end to end: every call goes through the
 * real server, the real platform and the real store; only the bank is simulated. Run once per store
 * by the subclasses.
 */
abstract class FlowsTestBase {

  @Test
  void signUpByCodeAndLogoutRevokesTheToken() {
    String phone = Api.newPhone();
    String address = Api.newAddress();
    given()
        .header("X-Forwarded-For", address)
        .contentType(ContentType.JSON)
        .body(Map.of("phone", phone))
        .post("/v1/auth/otp")
        .then()
        .statusCode(202)
        .body("phone", equalTo(phone))
        .body("resend_after", notNullValue());
    given()
        .header("X-Forwarded-For", address)
        .contentType(ContentType.JSON)
        .body(
            Map.of("phone", phone, "code", "000000".equals(Api.code(phone)) ? "111111" : "000000"))
        .post("/v1/auth/login")
        .then()
        .statusCode(401);
    Response login =
        given()
            .header("X-Forwarded-For", address)
            .contentType(ContentType.JSON)
            .body(Map.of("phone", phone, "code", Api.code(phone)))
            .post("/v1/auth/login");
    login
        .then()
        .statusCode(200)
        .body("created", equalTo(true))
        .body("customer.tier", equalTo("unverified"))
        .body("customer.id", org.hamcrest.Matchers.startsWith("cus_"));
    Customer customer =
        new Customer(phone, login.path("token"), login.path("customer.id"), address);

    customer
        .call()
        .get("/v1/me")
        .then()
        .statusCode(200)
        .body("customer.phone", equalTo(phone))
        .body("pin.set", equalTo(false));
    customer.call().post("/v1/auth/logout").then().statusCode(204);
    customer
        .call()
        .get("/v1/me")
        .then()
        .statusCode(401)
        .body("error.type", equalTo("authentication_error"));
  }

  @Test
  void codesAreRateLimitedPerPhoneAndPerAddress() {
    String phone = Api.newPhone();
    String address = Api.newAddress();
    given()
        .header("X-Forwarded-For", address)
        .contentType(ContentType.JSON)
        .body(Map.of("phone", phone))
        .post("/v1/auth/otp")
        .then()
        .statusCode(202);
    given()
        .header("X-Forwarded-For", Api.newAddress())
        .contentType(ContentType.JSON)
        .body(Map.of("phone", phone))
        .post("/v1/auth/otp")
        .then()
        .statusCode(429)
        .body("error.code", equalTo("rate_limited"));

    // One address, many phones: the 21st request in the hour is refused.
    String busy = Api.newAddress();
    for (int request = 1; request <= 20; request++) {
      given()
          .header("X-Forwarded-For", busy)
          .contentType(ContentType.JSON)
          .body(Map.of("phone", Api.newPhone()))
          .post("/v1/auth/otp")
          .then()
          .statusCode(202);
    }
    given()
        .header("X-Forwarded-For", busy)
        .contentType(ContentType.JSON)
        .body(Map.of("phone", Api.newPhone()))
        .post("/v1/auth/otp")
        .then()
        .statusCode(429)
        .body("error.type", equalTo("rate_limit_error"));
  }

  @Test
  void topUpTransferHistoryAndReceipt() {
    Customer alice = signUpWithPin();
    Customer bob = signUp();

    alice
        .call()
        .body(Map.of("currency", "CNY"))
        .post("/v1/wallets")
        .then()
        .statusCode(200)
        .body("currency", equalTo("CNY"))
        .body("balance", equalTo(0))
        .body("limits.balance_cap", equalTo(300000));

    String account = linkBank(alice, "HKD", "4321");
    alice
        .call()
        .get("/v1/bank-accounts")
        .then()
        .statusCode(200)
        .body("data[0].id", equalTo(account))
        .body("data[0].account_number", org.hamcrest.Matchers.endsWith("4321"))
        .body("data[0].account_number", org.hamcrest.Matchers.startsWith("••••"));
    String topUp = startTopUp(alice, account, 250_000, "HKD");
    Map<String, Object> settled = awaitSettled(alice, "/v1/topups/" + topUp);
    assertThat(settled).containsEntry("status", "succeeded").containsEntry("bank_account", account);
    assertThat(balance(alice, "HKD")).isEqualTo(250_000);

    Response sent = transfer(alice, bob.phone(), 12_345, "HKD", "dim sum 點心", null);
    sent.then()
        .statusCode(201)
        .body("to_phone", equalTo(bob.phone()))
        .body("memo", equalTo("dim sum 點心"))
        .body("status", equalTo("succeeded"));
    String transferId = sent.path("id");
    alice
        .call()
        .get("/v1/transfers/" + transferId)
        .then()
        .statusCode(200)
        .body("amount", equalTo(12345));
    assertThat(balance(alice, "HKD")).isEqualTo(250_000 - 12_345);
    assertThat(balance(bob, "HKD")).isEqualTo(12_345);

    // Five more small transfers: seven entries, read back three at a time.
    for (int n = 1; n <= 5; n++) {
      transfer(alice, bob.phone(), 100 * n, "HKD", null, null).then().statusCode(201);
    }
    List<Map<String, Object>> all = new ArrayList<>();
    String cursor = null;
    List<Boolean> hasMore = new ArrayList<>();
    for (int page = 0; page < 10; page++) {
      var request = alice.call().queryParam("limit", 3);
      if (cursor != null) request.queryParam("cursor", cursor);
      Response listed = request.get("/v1/transactions");
      listed.then().statusCode(200);
      all.addAll(listed.jsonPath().getList("data"));
      hasMore.add(listed.path("has_more"));
      cursor = listed.path("next_cursor");
      if (cursor == null) break;
    }
    assertThat(hasMore).containsExactly(true, true, false);
    assertThat(all).hasSize(7);
    Set<Object> ids = new HashSet<>();
    all.forEach(entry -> ids.add(entry.get("id")));
    assertThat(ids).hasSize(7);
    assertThat(all.get(6)).containsEntry("type", "topup").containsEntry("amount", 250000);
    assertThat(all.get(5))
        .containsEntry("type", "p2p_out")
        .containsEntry("amount", -12345)
        .containsEntry("counterparty", bob.phone())
        .containsEntry("memo", "dim sum 點心")
        .containsEntry("balance_after", 250_000 - 12_345);
    // Newest first, and every balance_after is the one before it plus this entry's amount.
    for (int index = 0; index < all.size() - 1; index++) {
      long after = ((Number) all.get(index).get("balance_after")).longValue();
      long before = ((Number) all.get(index + 1).get("balance_after")).longValue();
      long amount = ((Number) all.get(index).get("amount")).longValue();
      assertThat(after).as("balance_after of entry " + index).isEqualTo(before + amount);
    }
    assertThat(((Number) all.get(0).get("balance_after")).longValue())
        .isEqualTo(balance(alice, "HKD"));

    alice
        .call()
        .queryParam("type", "topup")
        .get("/v1/transactions")
        .then()
        .statusCode(200)
        .body("data.size()", equalTo(1));
    alice
        .call()
        .queryParam("type", "p2p_out")
        .queryParam("currency", "HKD")
        .get("/v1/transactions")
        .then()
        .body("data.size()", equalTo(6));
    alice
        .call()
        .queryParam("currency", "CNY")
        .get("/v1/transactions")
        .then()
        .body("data.size()", equalTo(0));
    bob.call()
        .queryParam("type", "p2p_in")
        .get("/v1/transactions")
        .then()
        .body("data.size()", equalTo(6))
        .body("data[5].counterparty", equalTo(alice.phone()));

    String entry = (String) all.get(5).get("id");
    alice
        .call()
        .get("/v1/transactions/" + entry)
        .then()
        .statusCode(200)
        .body("reference", equalTo(transferId))
        .body("memo", equalTo("dim sum 點心"));
    String receipt =
        alice
            .call()
            .get("/v1/transactions/" + entry + "/receipt")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/plain"))
            .extract()
            .asString();
    assertThat(receipt)
        .contains("HarbourPay receipt")
        .contains(entry)
        .contains(transferId)
        .contains("HKD -123.45")
        .contains("dim sum 點心")
        .contains("Balance after HKD 2376.55");
  }

  @Test
  void withdrawalNeedsAnApprovedIdentityReview() {
    Customer carol = signUpWithPin();
    String account = linkBank(carol, "HKD", "5678");
    String topUp = startTopUp(carol, account, 200_000, "HKD");
    assertThat(awaitSettled(carol, "/v1/topups/" + topUp)).containsEntry("status", "succeeded");
    Map<String, Object> withdrawal =
        Map.of("bank_account", account, "amount", 50_000, "currency", "HKD", "pin", PIN);

    carol
        .call()
        .body(withdrawal)
        .post("/v1/withdrawals")
        .then()
        .statusCode(403)
        .body("error.code", equalTo("tier_too_low"))
        .body("error.type", equalTo("permission_error"));

    String review =
        carol
            .call()
            .body(
                Map.of(
                    "document_type", "hkid",
                    "document_number", Api.hkid(Api.newPhone().hashCode() & 0xfffff),
                    "full_name", "Carol Ho",
                    "date_of_birth", "1979-02-03",
                    "requested_tier", "intermediate"))
            .post("/v1/me/identity-reviews")
            .then()
            .statusCode(201)
            .body("status", equalTo("pending"))
            .body("document_number", org.hamcrest.Matchers.startsWith("****"))
            .extract()
            .path("id");
    carol
        .call()
        .get("/v1/me/identity-reviews/latest")
        .then()
        .statusCode(200)
        .body("id", equalTo(review));
    List<Map<String, Object>> queue = new ArrayList<>();
    String cursor = null;
    do {
      var request = operator().queryParam("limit", 100);
      if (cursor != null) request.queryParam("cursor", cursor);
      Response page = request.get("/v1/operator/identity-reviews");
      page.then().statusCode(200);
      queue.addAll(page.jsonPath().getList("data"));
      cursor = page.path("next_cursor");
    } while (cursor != null);
    assertThat(queue)
        .filteredOn(item -> carol.id().equals(item.get("customer")))
        .singleElement()
        .satisfies(item -> assertThat(item).containsEntry("id", review));
    operator()
        .post("/v1/operator/identity-reviews/" + review + "/approve")
        .then()
        .statusCode(200)
        .body("status", equalTo("approved"))
        .body("decided_by", equalTo(Api.OPERATOR));
    carol.call().get("/v1/me").then().body("customer.tier", equalTo("intermediate"));

    String id =
        carol
            .call()
            .body(withdrawal)
            .post("/v1/withdrawals")
            .then()
            .statusCode(202)
            .body("object", equalTo("withdrawal"))
            .extract()
            .path("id");
    assertThat(awaitSettled(carol, "/v1/withdrawals/" + id)).containsEntry("status", "succeeded");
    assertThat(balance(carol, "HKD")).isEqualTo(150_000);
    operator()
        .queryParam("target", review)
        .get("/v1/operator/audit")
        .then()
        .statusCode(200)
        .body("data[0].actor", equalTo(Api.OPERATOR));
  }

  @Test
  void theBanksRefusalsAndSilenceEndInFailedTopUps() {
    Customer dan = signUp();
    String declined = linkBank(dan, "HKD", "0000");
    String lost = linkBank(dan, "HKD", "9999");
    String answerLost = linkBank(dan, "HKD", "8888");
    String refused = startTopUp(dan, declined, 10_000, "HKD");
    String unanswered = startTopUp(dan, lost, 20_000, "HKD");
    String confirmedLate = startTopUp(dan, answerLost, 30_000, "HKD");

    assertThat(awaitSettled(dan, "/v1/topups/" + refused))
        .containsEntry("status", "failed")
        .containsEntry("failure_code", "insufficient_funds");
    assertThat(awaitSettled(dan, "/v1/topups/" + unanswered))
        .containsEntry("status", "failed")
        .containsEntry("failure_code", "bank_no_answer");
    assertThat(awaitSettled(dan, "/v1/topups/" + confirmedLate))
        .containsEntry("status", "succeeded");
    assertThat(balance(dan, "HKD")).isEqualTo(30_000);
    dan.call()
        .queryParam("type", "topup")
        .get("/v1/transactions")
        .then()
        .body("data.findAll { it.status == 'failed' }.size()", equalTo(2));
  }

  @Test
  void wrongPinIsRefusedAndFiveLockIt() {
    Customer erin = signUpWithPin();
    Customer frank = signUp();
    fund(erin, "HKD", 10_000);
    Map<String, Object> body =
        new java.util.HashMap<>(
            Map.of("to_phone", frank.phone(), "amount", 100, "currency", "HKD", "pin", "975310"));
    for (int attempt = 1; attempt <= 4; attempt++) {
      erin.call()
          .body(body)
          .post("/v1/transfers")
          .then()
          .statusCode(402)
          .body("error.code", equalTo("pin_incorrect"))
          .body("error.param", equalTo("pin"));
    }
    erin.call()
        .body(body)
        .post("/v1/transfers")
        .then()
        .statusCode(402)
        .body("error.code", equalTo("pin_locked"));
    body.put("pin", PIN);
    erin.call()
        .body(body)
        .post("/v1/transfers")
        .then()
        .statusCode(402)
        .body("error.code", equalTo("pin_locked"));
    erin.call().get("/v1/me").then().body("pin.attempts_left", equalTo(0));
    assertThat(balance(erin, "HKD")).isEqualTo(10_000);
    assertThat(balance(frank, "HKD")).isZero();
  }

  @Test
  void anOperatorLockEndsTheSessions() {
    Customer gail = signUp();
    gail.call().get("/v1/wallets").then().statusCode(200);
    operator()
        .body(Map.of("reason", "reported stolen phone"))
        .post("/v1/operator/customers/" + gail.id() + "/lock")
        .then()
        .statusCode(200)
        .body("status", equalTo("locked"));
    gail.call()
        .get("/v1/wallets")
        .then()
        .statusCode(401)
        .body("error.type", equalTo("authentication_error"));
    operator()
        .queryParam("target", gail.id())
        .get("/v1/operator/audit")
        .then()
        .statusCode(200)
        .body("data[0].action", notNullValue());
  }

  @Inject HarbourApp app;

  @Test
  void theDemoCustomersWereSeeded() {
    // The seed ran at start (demo mode) and asked for a code for each demo phone moments ago, so a
    // new code is still rate-limited: a session is opened directly instead.
    String phone = "+85291000002";
    long id = app.platform().customers.byPhone(phone).orElseThrow().id();
    Customer demo =
        new Customer(
            phone, app.platform().sessions.create(id), Ids.publicId("cus", id), Api.newAddress());
    demo.call().get("/v1/me").then().body("customer.tier", equalTo("intermediate"));
    assertThat(balance(demo, "HKD")).isEqualTo(8_000_00);
    assertThat(balance(demo, "CNY")).isEqualTo(2_000_00);
    assertThat(balance(demo, "MOP")).isEqualTo(1_000_00);
    demo.call()
        .get("/v1/transactions")
        .then()
        .body("data.size()", equalTo(3))
        .body("data.status", org.hamcrest.Matchers.everyItem(equalTo("succeeded")));
  }
}

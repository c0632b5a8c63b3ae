package io.harbourpay.server;

import static io.harbourpay.server.support.Api.PIN;
import static io.harbourpay.server.support.Api.balance;
import static io.harbourpay.server.support.Api.fund;
import static io.harbourpay.server.support.Api.linkBank;
import static io.harbourpay.server.support.Api.signUp;
import static io.harbourpay.server.support.Api.signUpWithPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.harbourpay.server.support.Api.Customer;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key: the same key and body answer the original response (marked replayed) and move
 * money once; the same key with another body is a 409.
 */
abstract class IdempotencyTestBase {

  @Test
  void aRetriedTransferIsAnsweredFromTheFirstAndMovesMoneyOnce() {
    Customer sender = signUpWithPin();
    Customer receiver = signUp();
    fund(sender, "HKD", 100_000);
    String body = transferBody(receiver, 4_200, "lunch");
    Response first = post(sender, "/v1/transfers", "key-" + sender.id(), body);
    first.then().statusCode(201).header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
    Response again = post(sender, "/v1/transfers", "key-" + sender.id(), body);
    again.then().statusCode(201).header("Idempotent-Replayed", equalTo("true"));
    assertThat(again.asString()).isEqualTo(first.asString());

    post(sender, "/v1/transfers", "key-" + sender.id(), transferBody(receiver, 4_201, "lunch"))
        .then()
        .statusCode(409)
        .body("error.code", equalTo("idempotency_key_reused"))
        .body("error.type", equalTo("conflict_error"));

    assertThat(balance(sender, "HKD")).isEqualTo(100_000 - 4_200);
    assertThat(balance(receiver, "HKD")).isEqualTo(4_200);
    sender
        .call()
        .queryParam("type", "p2p_out")
        .get("/v1/transactions")
        .then()
        .body("data.size()", equalTo(1));
  }

  @Test
  void theSameKeySentEightTimesAtOnceMovesMoneyOnce() throws Exception {
    Customer sender = signUpWithPin();
    Customer receiver = signUp();
    fund(sender, "HKD", 100_000);
    String body = transferBody(receiver, 1_500, null);
    String key = "burst-" + sender.id();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (int n = 0; n < 8; n++) {
        sent.add(pool.submit(() -> post(sender, "/v1/transfers", key, body)));
      }
      List<String> ids = new ArrayList<>();
      for (Future<Response> response : sent) {
        response.get().then().statusCode(201);
        ids.add(response.get().path("id"));
      }
      assertThat(ids).containsOnly(ids.get(0));
    } finally {
      pool.shutdownNow();
    }
    assertThat(balance(sender, "HKD")).isEqualTo(100_000 - 1_500);
    assertThat(balance(receiver, "HKD")).isEqualTo(1_500);
  }

  @Test
  void aRetriedTopUpIsOneTopUp() {
    Customer customer = signUp();
    String account = linkBank(customer, "HKD", "4321");
    String body =
        "{\"bank_account\": \"" + account + "\", \"amount\": 30000, \"currency\": \"HKD\"}";
    Response first = post(customer, "/v1/topups", "topup-1", body);
    first.then().statusCode(202);
    Response again = post(customer, "/v1/topups", "topup-1", body);
    again.then().statusCode(202).header("Idempotent-Replayed", equalTo("true"));
    assertThat((String) again.path("id")).isEqualTo(first.path("id"));
    post(customer, "/v1/topups", "topup-1", body.replace("30000", "30001"))
        .then()
        .statusCode(409)
        .body("error.code", equalTo("idempotency_key_reused"));
    io.harbourpay.server.support.Api.awaitSettled(customer, "/v1/topups/" + first.path("id"));
    assertThat(balance(customer, "HKD")).isEqualTo(30_000);
    // Keys belong to a customer: another customer's same key is a different request.
    Customer other = signUp();
    String otherAccount = linkBank(other, "HKD", "4321");
    post(
            other,
            "/v1/topups",
            "topup-1",
            "{\"bank_account\": \"" + otherAccount + "\", \"amount\": 100, \"currency\": \"HKD\"}")
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue());
  }

  static String transferBody(Customer receiver, long amount, String memo) {
    return "{\"to_phone\": \""
        + receiver.phone()
        + "\", \"amount\": "
        + amount
        + ", \"currency\": \"HKD\""
        + (memo == null ? "" : ", \"memo\": \"" + memo + "\"")
        + ", \"pin\": \""
        + PIN
        + "\"}";
  }

  static Response post(Customer customer, String path, String key, String body) {
    return customer.call().header("Idempotency-Key", key).body(body).post(path);
  }
}

package io.harbourpay.server;

import static io.harbourpay.server.support.Api.PIN;
import static io.harbourpay.server.support.Api.balance;
import static io.harbourpay.server.support.Api.fund;
import static io.harbourpay.server.support.Api.linkBank;
import static io.harbourpay.server.support.Api.signUp;
import static io.harbourpay.server.support.Api.signUpWithPin;

import io.harbourpay.server.support.Api.Customer;
import io.restassured.response.Response;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Malformed and wrong input is refused with 400 and {@code error.param} naming the field, and
 * leaves nothing behind: no transfer, no history line, no money moved.
 */
abstract class BadInputTestBase {
  /** A request body, the field the error must name (null: the body as a whole), and why. */
  record Case(String why, String body, String param) {}

  @Test
  void badTransfersAreRefusedNamingTheFieldAndWriteNothing() {
    Customer sender = signUpWithPin();
    Customer receiver = signUp();
    fund(sender, "HKD", 50_000);
    String to = receiver.phone();
    String memo141 = "m".repeat(141);
    List<Case> cases =
        List.of(
            new Case("malformed JSON", "{\"to_phone\": \"" + to + "\", \"amount\": ", null),
            new Case("not an object", "[1, 2]", null),
            new Case("empty body", "", null),
            new Case("amount as a string", body(to, "\"12\"", "\"HKD\"", null, null), "amount"),
            new Case("amount as a float", body(to, "12.5", "\"HKD\"", null, null), "amount"),
            new Case("amount in exponent form", body(to, "1e3", "\"HKD\"", null, null), "amount"),
            new Case(
                "amount past a long",
                body(to, "99999999999999999999", "\"HKD\"", null, null),
                "amount"),
            new Case("amount as a boolean", body(to, "true", "\"HKD\"", null, null), "amount"),
            new Case("negative amount", body(to, "-500", "\"HKD\"", null, null), "amount"),
            new Case("zero amount", body(to, "0", "\"HKD\"", null, null), "amount"),
            new Case("missing amount", body(to, "null", "\"HKD\"", null, null), "amount"),
            new Case("unknown currency", body(to, "500", "\"XYZ\"", null, null), "currency"),
            new Case("currency as a number", body(to, "500", "344", null, null), "currency"),
            new Case("memo past 140 characters", body(to, "500", "\"HKD\"", memo141, null), "memo"),
            new Case("memo as an object", bodyRaw(to, "500", "\"HKD\"", "{\"a\":1}"), "memo"),
            new Case(
                "unknown field", body(to, "500", "\"HKD\"", null, "\"colour\": \"red\""), "colour"),
            new Case(
                "phone as a number",
                "{\"to_phone\": 85261234567, \"amount\": 500, \"currency\":"
                    + " \"HKD\", \"pin\": \""
                    + PIN
                    + "\"}",
                "to_phone"),
            new Case(
                "missing phone",
                "{\"amount\": 500, \"currency\": \"HKD\", \"pin\": \"" + PIN + "\"}",
                "to_phone"),
            new Case(
                "pin as a number",
                "{\"to_phone\": \""
                    + to
                    + "\", \"amount\": 500, \"currency\":"
                    + " \"HKD\", \"pin\": 246813}",
                "pin"));
    SoftAssertions softly = new SoftAssertions();
    for (Case bad : cases) {
      Response response = sender.call().body(bad.body()).post("/v1/transfers");
      softly
          .assertThat(response.statusCode())
          .as(bad.why() + ": " + response.asString())
          .isEqualTo(400);
      softly
          .assertThat(response.jsonPath().getString("error.type"))
          .as(bad.why())
          .isEqualTo("invalid_request_error");
      softly
          .assertThat(response.jsonPath().getString("error.param"))
          .as(bad.why() + ": " + response.asString())
          .isEqualTo(bad.param());
      softly.assertThat(response.jsonPath().getString("error.message")).as(bad.why()).isNotBlank();
    }
    softly.assertAll();

    // Nothing half-written: the sender's history holds the top-up alone, no money moved.
    sender
        .call()
        .get("/v1/transactions")
        .then()
        .statusCode(200)
        .body("data.size()", org.hamcrest.Matchers.equalTo(1))
        .body("data[0].type", org.hamcrest.Matchers.equalTo("topup"));
    receiver
        .call()
        .get("/v1/transactions")
        .then()
        .body("data.size()", org.hamcrest.Matchers.equalTo(0));
    org.assertj.core.api.Assertions.assertThat(balance(sender, "HKD")).isEqualTo(50_000);
    org.assertj.core.api.Assertions.assertThat(balance(receiver, "HKD")).isZero();
  }

  @Test
  void badTopUpsAndQueriesAreRefusedNamingTheField() {
    Customer customer = signUp();
    String account = linkBank(customer, "HKD", "4321");
    SoftAssertions softly = new SoftAssertions();
    List<Case> topUps =
        List.of(
            new Case(
                "amount as a string",
                "{\"bank_account\": \""
                    + account
                    + "\", \"amount\": \"100\", \"currency\": \"HKD\"}",
                "amount"),
            new Case(
                "negative amount",
                "{\"bank_account\": \"" + account + "\", \"amount\": -1, \"currency\": \"HKD\"}",
                "amount"),
            new Case(
                "currency of another account",
                "{\"bank_account\": \"" + account + "\", \"amount\": 100, \"currency\": \"MOP\"}",
                "currency"),
            new Case(
                "unknown field",
                "{\"bank_account\": \""
                    + account
                    + "\", \"amount\": 100, \"currency\": \"HKD\", \"fee\": 0}",
                "fee"),
            new Case(
                "malformed account id",
                "{\"bank_account\": \"ba_nope\", \"amount\": 100, \"currency\": \"HKD\"}",
                "bank_account"));
    for (Case bad : topUps) {
      Response response = customer.call().body(bad.body()).post("/v1/topups");
      int expected = bad.why().startsWith("malformed account") ? 404 : 400;
      softly
          .assertThat(response.statusCode())
          .as(bad.why() + ": " + response.asString())
          .isEqualTo(expected);
      softly
          .assertThat(response.jsonPath().getString("error.param"))
          .as(bad.why() + ": " + response.asString())
          .isEqualTo(bad.param());
    }
    for (String[] query :
        new String[][] {
          {"limit", "abc"},
          {"limit", "0"},
          {"limit", "1000"},
          {"type", "cashback"},
          {"currency", "USD"},
          {"from", "yesterday"},
          {"cursor", "not-a-cursor"}
        }) {
      Response response = customer.call().queryParam(query[0], query[1]).get("/v1/transactions");
      softly
          .assertThat(response.statusCode())
          .as(query[0] + "=" + query[1] + ": " + response.asString())
          .isEqualTo(400);
      softly
          .assertThat(response.jsonPath().getString("error.param"))
          .as(query[0])
          .isEqualTo(query[0]);
    }
    softly.assertAll();
    customer
        .call()
        .get("/v1/transactions")
        .then()
        .body("data.size()", org.hamcrest.Matchers.equalTo(0));
  }

  private static String body(String to, String amount, String currency, String memo, String extra) {
    return "{\"to_phone\": \""
        + to
        + "\", \"amount\": "
        + amount
        + ", \"currency\": "
        + currency
        + (memo == null ? "" : ", \"memo\": \"" + memo + "\"")
        + ", \"pin\": \""
        + PIN
        + "\""
        + (extra == null ? "" : ", " + extra)
        + "}";
  }

  private static String bodyRaw(String to, String amount, String currency, String memoJson) {
    return "{\"to_phone\": \""
        + to
        + "\", \"amount\": "
        + amount
        + ", \"currency\": "
        + currency
        + ", \"memo\": "
        + memoJson
        + ", \"pin\": \""
        + PIN
        + "\"}";
  }
}

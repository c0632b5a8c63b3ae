package io.harbourpay.server;

import static io.harbourpay.server.support.Api.balance;
import static io.harbourpay.server.support.Api.fund;
import static io.harbourpay.server.support.Api.operator;
import static io.harbourpay.server.support.Api.signUpWithPin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Api.Customer;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Many transfers at once against one customer's daily limit: the limit is a ledger balance debited
 * in the same linked chain as the money, so no interleaving can pass it.
 */
abstract class ConcurrencyTestBase {
  static final long DAILY_LIMIT_INTERMEDIATE = 10_000_00;
  static final long AMOUNT = 700_00;
  static final int REQUESTS = 24;
  static final int THREADS = 12;

  @Test
  void parallelTransfersNeverPassTheDailyLimit() throws Exception {
    Customer sender = signUpWithPin();
    Customer receiver = signUpWithPin();
    Api.verify(sender, "intermediate");
    Api.verify(receiver, "intermediate");
    fund(sender, "HKD", 15_000_00);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> sent = new ArrayList<>();
    try {
      for (int n = 0; n < REQUESTS; n++) {
        String key = "daily-" + n;
        sent.add(
            pool.submit(
                () -> {
                  start.await();
                  return Api.transfer(sender, receiver.phone(), AMOUNT, "HKD", null, key);
                }));
      }
      start.countDown();
      long accepted = 0;
      for (Future<Response> future : sent) {
        Response response = future.get();
        if (response.statusCode() == 201) {
          accepted++;
        } else {
          assertThat(response.statusCode()).as(response.asString()).isEqualTo(402);
          assertThat(response.jsonPath().getString("error.code")).isEqualTo("daily_limit_exceeded");
        }
      }
      long acceptedTotal = accepted * AMOUNT;
      assertThat(acceptedTotal).isLessThanOrEqualTo(DAILY_LIMIT_INTERMEDIATE);
      // The balance allows 21 and the limit 14; nothing but the limit refuses, so all 14 fit.
      assertThat(accepted).isEqualTo(DAILY_LIMIT_INTERMEDIATE / AMOUNT);
      assertThat(balance(sender, "HKD")).isEqualTo(15_000_00 - acceptedTotal);
      assertThat(balance(receiver, "HKD")).isEqualTo(acceptedTotal);
      List<Map<String, Object>> wallets =
          sender.call().get("/v1/wallets").then().extract().path("data");
      assertThat(((Number) ((Map<?, ?>) wallets.get(0).get("limits")).get("daily_remaining")))
          .isEqualTo((int) (DAILY_LIMIT_INTERMEDIATE - acceptedTotal));
    } finally {
      pool.shutdownNow();
    }
    operator()
        .get("/v1/operator/ledger/check")
        .then()
        .statusCode(200)
        .body("balanced", equalTo(true))
        .body("accounts_disagreeing.size()", equalTo(0));
  }
}

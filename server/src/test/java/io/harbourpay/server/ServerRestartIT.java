package io.harbourpay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.harbourpay.server.support.PackagedServer;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server (target/quarkus-app/quarkus-run.jar, prod mode) as a child process: a P2P
 * transfer with an Idempotency-Key, a stop, a start on the same data folder, and the replay and the
 * balances are as before; the demo seed does not run twice; health, OpenAPI, Swagger UI and metrics
 * are served in the prod run.
 */
class ServerRestartIT {
  static final String PIN = "246813";
  static final com.fasterxml.jackson.databind.ObjectMapper JSON = PackagedServer.JSON;

  private PackagedServer server;

  @BeforeEach
  void newServer() throws Exception {
    server = new PackagedServer("restart");
  }

  @AfterEach
  void stopAll() throws InterruptedException {
    server.close();
  }

  @Test
  void replayAndBalancesSurviveARestart() throws Exception {
    Process first = server.start("first.log");
    assertThat(Files.readString(server.data().resolve("first.log")))
        .contains("Demo data: 3 customers seeded");

    String alice = server.login("+85262000001");
    String bob = server.login("+85262000002");
    server.call("POST", "/v1/me/pin", alice, null, "{\"pin\": \"" + PIN + "\"}", 204);
    JsonNode account =
        server.call(
            "POST",
            "/v1/bank-accounts",
            alice,
            null,
            "{\"bank_code\": \"004\", \"account_number\": \"55554321\", \"holder_name\": \"A\","
                + " \"currency\": \"HKD\"}",
            201);
    JsonNode topUp =
        server.call(
            "POST",
            "/v1/topups",
            alice,
            "restart-topup",
            "{\"bank_account\": \""
                + account.get("id").asText()
                + "\", \"amount\": 100000,"
                + " \"currency\": \"HKD\"}",
            202);
    server.awaitSucceeded(alice, "/v1/topups/" + topUp.get("id").asText());
    String transfer =
        "{\"to_phone\": \"+85262000002\", \"amount\": 12345, \"currency\": \"HKD\", \"memo\":"
            + " \"before restart\", \"pin\": \""
            + PIN
            + "\"}";
    HttpResponse<String> sent =
        server.send("POST", "/v1/transfers", alice, "restart-p2p", transfer);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    long aliceBefore = balance(alice);
    long bobBefore = balance(bob);
    assertThat(aliceBefore).isEqualTo(100_000 - 12_345);
    assertThat(bobBefore).isEqualTo(12_345);
    JsonNode books =
        server.call("GET", "/v1/operator/ledger/check", PackagedServer.OPERATOR, null, null, 200);
    assertThat(books.get("balanced").asBoolean()).isTrue();

    PackagedServer.stop(first);
    assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

    server.start("second.log");
    assertThat(Files.readString(server.data().resolve("second.log")))
        .contains("the store already has customers; nothing seeded")
        .doesNotContain("customers seeded");

    // Sessions, the replay and the money are all in the database.
    HttpResponse<String> replay =
        server.send("POST", "/v1/transfers", alice, "restart-p2p", transfer);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(JSON.readTree(replay.body())).isEqualTo(JSON.readTree(sent.body()));
    HttpResponse<String> conflict =
        server.send(
            "POST", "/v1/transfers", alice, "restart-p2p", transfer.replace("12345", "12346"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(balance(alice)).isEqualTo(aliceBefore);
    assertThat(balance(bob)).isEqualTo(bobBefore);
    // The same totals per currency, to the cent (JSON compared as trees: key order may differ).
    assertThat(
            server.call(
                "GET", "/v1/operator/ledger/check", PackagedServer.OPERATOR, null, null, 200))
        .isEqualTo(books);

    // The prod run serves its documentation and telemetry.
    assertThat(server.send("GET", "/q/health", null, null, null).body()).contains("\"UP\"");
    assertThat(server.send("GET", "/q/openapi", null, null, null).body()).contains("/v1/transfers");
    assertThat(server.send("GET", "/q/swagger-ui/", null, null, null).statusCode()).isEqualTo(200);
    assertThat(server.send("GET", "/q/metrics", null, null, null).body())
        .contains("harbour_ledger_queue_depth")
        .contains("harbour_payments_total");
  }

  private long balance(String token) throws Exception {
    for (JsonNode wallet : server.call("GET", "/v1/wallets", token, null, null, 200).get("data")) {
      if (wallet.get("currency").asText().equals("HKD")) return wallet.get("balance").asLong();
    }
    return 0;
  }
}

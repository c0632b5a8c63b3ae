package io.harbourpay.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged server (target/quarkus-app/quarkus-run.jar, prod mode) as a child process: a P2P
 * transfer with an Idempotency-Key, a stop, a start on the same data folder, and the replay and the
 * balances are as before; the demo seed does not run twice; health, OpenAPI, Swagger UI and metrics
 * are served in the prod run.
 */
class ServerRestartIT {
  static final long START_WAIT_MS_MAX = 60_000;
  static final long STOP_WAIT_MS_MAX = 30_000;
  static final String PIN = "246813";
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();
  private String base;

  @AfterEach
  void stopAll() throws InterruptedException {
    for (Process process : started) stop(process);
  }

  @Test
  void replayAndBalancesSurviveARestart() throws Exception {
    Path data =
        Path.of(System.getenv().getOrDefault("HARBOUR_TEST_DIR", "target/test-data"))
            .resolve("restart-" + UUID.randomUUID());
    Files.createDirectories(data);
    int port = freePort();
    base = "http://127.0.0.1:" + port;

    Path firstLog = data.resolve("first.log");
    Process first = start(data, port, firstLog);
    assertThat(Files.readString(firstLog)).contains("Demo data: 3 customers seeded");

    String alice = login("+85262000001");
    String bob = login("+85262000002");
    call("POST", "/v1/me/pin", alice, null, "{\"pin\": \"" + PIN + "\"}", 204);
    JsonNode account =
        call(
            "POST",
            "/v1/bank-accounts",
            alice,
            null,
            "{\"bank_code\": \"004\", \"account_number\": \"55554321\", \"holder_name\": \"A\","
                + " \"currency\": \"HKD\"}",
            201);
    JsonNode topUp =
        call(
            "POST",
            "/v1/topups",
            alice,
            "restart-topup",
            "{\"bank_account\": \""
                + account.get("id").asText()
                + "\", \"amount\": 100000,"
                + " \"currency\": \"HKD\"}",
            202);
    awaitSucceeded(alice, "/v1/topups/" + topUp.get("id").asText());
    String transfer =
        "{\"to_phone\": \"+85262000002\", \"amount\": 12345, \"currency\": \"HKD\", \"memo\":"
            + " \"before restart\", \"pin\": \""
            + PIN
            + "\"}";
    HttpResponse<String> sent = send("POST", "/v1/transfers", alice, "restart-p2p", transfer);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
    long aliceBefore = balance(alice);
    long bobBefore = balance(bob);
    assertThat(aliceBefore).isEqualTo(100_000 - 12_345);
    assertThat(bobBefore).isEqualTo(12_345);
    JsonNode books = call("GET", "/v1/operator/ledger/check", "operator", null, null, 200);
    assertThat(books.get("balanced").asBoolean()).isTrue();

    stop(first);
    assertThat(first.exitValue()).as("exit status after SIGTERM").isIn(0, 143);

    Path secondLog = data.resolve("second.log");
    start(data, port, secondLog);
    assertThat(Files.readString(secondLog))
        .contains("the store already has customers; nothing seeded")
        .doesNotContain("customers seeded");

    // Sessions, the replay and the money are all in the database.
    HttpResponse<String> replay = send("POST", "/v1/transfers", alice, "restart-p2p", transfer);
    assertThat(replay.statusCode()).isEqualTo(201);
    assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
    assertThat(JSON.readTree(replay.body())).isEqualTo(JSON.readTree(sent.body()));
    HttpResponse<String> conflict =
        send("POST", "/v1/transfers", alice, "restart-p2p", transfer.replace("12345", "12346"));
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(balance(alice)).isEqualTo(aliceBefore);
    assertThat(balance(bob)).isEqualTo(bobBefore);
    // The same totals per currency, to the cent (JSON compared as trees: key order may differ).
    assertThat(call("GET", "/v1/operator/ledger/check", "operator", null, null, 200))
        .isEqualTo(books);

    // The prod run serves its documentation and telemetry.
    assertThat(send("GET", "/q/health", null, null, null).body()).contains("\"UP\"");
    assertThat(send("GET", "/q/openapi", null, null, null).body()).contains("/v1/transfers");
    assertThat(send("GET", "/q/swagger-ui/", null, null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/q/metrics", null, null, null).body())
        .contains("harbour_ledger_queue_depth")
        .contains("harbour_payments_total");
  }

  private Process start(Path data, int port, Path log) throws Exception {
    String jar = System.getProperty("harbour.server.jar", "target/quarkus-app/quarkus-run.jar");
    assertThat(Path.of(jar)).as("the packaged server; run `./mvnw verify`").exists();
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dharbour.port=" + port,
                "-Dharbour.data-dir=" + data,
                "-Dharbour.bank.answer-delay-ms=20",
                "-Dharbour.bank.answer-timeout-ms=300",
                "-Dharbour.pin.hash-iterations=1000",
                "-jar",
                jar)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(process);
    long deadline = System.nanoTime() + START_WAIT_MS_MAX * 1_000_000;
    while (true) {
      assertThat(process.isAlive()).as("server running; log:\n" + Files.readString(log)).isTrue();
      try {
        if (send("GET", "/q/health/ready", null, null, null).statusCode() == 200) return process;
      } catch (IOException notYet) {
        // Not listening yet.
      }
      assertThat(System.nanoTime()).as("started within the wait").isLessThan(deadline);
      Thread.sleep(200);
    }
  }

  private static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(STOP_WAIT_MS_MAX, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  private String login(String phone) throws Exception {
    call("POST", "/v1/auth/otp", null, null, "{\"phone\": \"" + phone + "\"}", 202);
    JsonNode inbox =
        call(
            "GET",
            "/dev/sms?phone=" + URLEncoder.encode(phone, StandardCharsets.UTF_8),
            null,
            null,
            null,
            200);
    Matcher code =
        Pattern.compile("\\b(\\d{6})\\b").matcher(inbox.get(inbox.size() - 1).get("text").asText());
    assertThat(code.find()).isTrue();
    return call(
            "POST",
            "/v1/auth/login",
            null,
            null,
            "{\"phone\": \"" + phone + "\", \"code\": \"" + code.group(1) + "\"}",
            200)
        .get("token")
        .asText();
  }

  private long balance(String token) throws Exception {
    for (JsonNode wallet : call("GET", "/v1/wallets", token, null, null, 200).get("data")) {
      if (wallet.get("currency").asText().equals("HKD")) return wallet.get("balance").asLong();
    }
    return 0;
  }

  private void awaitSucceeded(String token, String path) throws Exception {
    for (int poll = 0; poll < 250; poll++) {
      String status = call("GET", path, token, null, null, 200).get("status").asText();
      if (!status.equals("processing")) {
        assertThat(status).isEqualTo("succeeded");
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError(path + " still processing");
  }

  private JsonNode call(
      String method, String path, String token, String key, String body, int status)
      throws Exception {
    HttpResponse<String> response = send(method, path, token, key, body);
    assertThat(response.statusCode())
        .as(method + " " + path + ": " + response.body())
        .isEqualTo(status);
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  private HttpResponse<String> send(
      String method, String path, String token, String key, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) request.header("Content-Type", "application/json");
    if ("operator".equals(token)) {
      request
          .header("Authorization", "Bearer demo-operator-key")
          .header("X-Operator", "restart-it");
    } else if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (key != null) request.header("Idempotency-Key", key);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.harbourpay.server.support;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged server (target/quarkus-app/quarkus-run.jar, prod mode) as a child process on a free
 * port and its own data folder, for the integration tests (failsafe): start, stop with SIGTERM,
 * start again on the same data, and plain HTTP calls to it.
 */
public final class PackagedServer implements AutoCloseable {
  static final long START_WAIT_MS_MAX = 60_000;
  static final long STOP_WAIT_MS_MAX = 30_000;
  public static final ObjectMapper JSON = new ObjectMapper();

  /** Calls with this token send the demo operator key instead. */
  public static final String OPERATOR = "operator";

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final List<Process> started = new ArrayList<>();
  private final Path data;
  private final int port;
  private final String base;

  public PackagedServer(String name) throws IOException {
    data =
        Path.of(System.getenv().getOrDefault("HARBOUR_TEST_DIR", "target/test-data"))
            .resolve(name + "-" + UUID.randomUUID());
    Files.createDirectories(data);
    port = freePort();
    base = "http://127.0.0.1:" + port;
  }

  public Path data() {
    return data;
  }

  /** Starts the server on the data folder, logging to {@code logName}; waits until it is ready. */
  public Process start(String logName, String... systemProperties) throws Exception {
    Path log = data.resolve(logName);
    String jar = System.getProperty("harbour.server.jar", "target/quarkus-app/quarkus-run.jar");
    assertThat(Path.of(jar)).as("the packaged server; run `./mvnw verify`").exists();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dharbour.port=" + port);
    command.add("-Dharbour.data-dir=" + data);
    command.add("-Dharbour.bank.answer-delay-ms=20");
    command.add("-Dharbour.bank.answer-timeout-ms=300");
    command.add("-Dharbour.pin.hash-iterations=1000");
    for (String property : systemProperties) command.add("-D" + property);
    command.add("-jar");
    command.add(jar);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
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

  /** SIGTERM, then a bounded wait (a kill after it). */
  public static void stop(Process process) throws InterruptedException {
    if (!process.isAlive()) return;
    process.destroy();
    if (!process.waitFor(STOP_WAIT_MS_MAX, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }

  @Override
  public void close() throws InterruptedException {
    for (Process process : started) stop(process);
  }

  /** Logs a customer in through the demo SMS inbox; returns the session token. */
  public String login(String phone) throws Exception {
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

  /** Polls an asynchronous bank operation ({@code /v1/topups/…}) until it has succeeded. */
  public void awaitSucceeded(String token, String path) throws Exception {
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

  /** A call that must answer {@code status}; its JSON body, or null when empty. */
  public JsonNode call(
      String method, String path, String token, String key, String body, int status)
      throws Exception {
    return expect(send(method, path, token, key, body), method + " " + path, status);
  }

  public static JsonNode expect(HttpResponse<String> response, String what, int status)
      throws IOException {
    assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
    return response.body().isEmpty() ? null : JSON.readTree(response.body());
  }

  public HttpResponse<String> send(
      String method, String path, String token, String key, String body)
      throws IOException, InterruptedException {
    Map<String, String> headers = new java.util.HashMap<>();
    if (OPERATOR.equals(token)) {
      headers.put("Authorization", "Bearer demo-operator-key");
      headers.put("X-Operator", "packaged-server-it");
    } else if (token != null) {
      headers.put("Authorization", "Bearer " + token);
    }
    if (key != null) headers.put("Idempotency-Key", key);
    return send(method, path, headers, body);
  }

  /** A request with exactly these headers (a signed merchant request, say). */
  public HttpResponse<String> send(
      String method, String path, Map<String, String> headers, String body)
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
    headers.forEach(request::header);
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}

package io.harbourpay.platform.webhooks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's webhook endpoint on 127.0.0.1 (or another loopback address): answers with {@link
 * #status} (503 while "down"), verifies every signature as a merchant would, and counts what it
 * acknowledged per event id.
 */
final class Receiver implements AutoCloseable {
  record Received(String eventId, String signature, String body, int answered, boolean valid) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(4);
  private final Clock clock;
  volatile String secret;
  volatile int status = 200;
  volatile String responseBody = "ok";
  volatile long delayMs;

  /** Answer {@code Connection: close}, so that every request arrives on a new connection. */
  volatile boolean closeConnections;

  final List<Received> received = new CopyOnWriteArrayList<>();
  final Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();

  Receiver(Clock clock) throws IOException {
    this(clock, InetAddress.getLoopbackAddress());
  }

  /** Listening on {@code address} only, so a client that connects elsewhere reaches nothing. */
  Receiver(Clock clock, InetAddress address) throws IOException {
    this.clock = clock;
    server = HttpServer.create(new InetSocketAddress(address, 0), 50);
    server.createContext("/hooks", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + port() + "/hooks";
  }

  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
    String eventId = exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER);
    if (delayMs > 0) {
      try {
        Thread.sleep(delayMs);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    int answer = status;
    boolean valid =
        secret != null
            && WebhookSignature.verify(
                    secret, signature, body, clock.instant(), WebhookSignature.TOLERANCE_DEFAULT)
                .valid();
    received.add(new Received(eventId, signature, body, answer, valid));
    if (answer >= 200 && answer < 300) {
      acknowledged.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
    }
    byte[] bytes = responseBody.getBytes(StandardCharsets.UTF_8);
    if (closeConnections) exchange.getResponseHeaders().set("Connection", "close");
    try {
      exchange.sendResponseHeaders(answer, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } finally {
      exchange.close();
    }
  }

  int acknowledgedCount(String eventId) {
    AtomicInteger count = acknowledged.get(eventId);
    return count == null ? 0 : count.get();
  }

  long requestsFor(String eventId) {
    return received.stream().filter(request -> eventId.equals(request.eventId())).count();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}

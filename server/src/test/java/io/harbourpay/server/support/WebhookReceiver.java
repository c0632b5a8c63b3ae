package io.harbourpay.server.support;

import com.sun.net.httpserver.HttpServer;
import io.harbourpay.platform.webhooks.WebhookSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's webhook receiver on this machine ({@code http://127.0.0.1:<port>/hooks}): checks
 * each request's signature with the endpoint's secret, counts the valid deliveries by event id, and
 * answers {@link #status} (200 unless a test changes it).
 */
public final class WebhookReceiver implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, AtomicInteger> validByEvent = new ConcurrentHashMap<>();
  private final List<String> validInOrder = new CopyOnWriteArrayList<>();
  public final List<String> invalid = new CopyOnWriteArrayList<>();
  public final AtomicInteger requests = new AtomicInteger();
  public final AtomicInteger status = new AtomicInteger(200);
  public volatile String secret;

  /** Listens on {@code port} (0: any free port). */
  public WebhookReceiver(int port) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 10);
    server.createContext(
        "/hooks",
        exchange -> {
          requests.incrementAndGet();
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          String header = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
          String eventId = exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID_HEADER);
          boolean valid =
              secret != null
                  && WebhookSignature.verify(
                          secret, header, body, Instant.now(), WebhookSignature.TOLERANCE_DEFAULT)
                      .valid()
                  && body.contains("\"" + eventId + "\"");
          if (valid) {
            validByEvent.computeIfAbsent(eventId, id -> new AtomicInteger()).incrementAndGet();
            validInOrder.add(eventId);
          } else {
            invalid.add(eventId + " " + header);
          }
          exchange.sendResponseHeaders(status.get(), -1);
          exchange.close();
        });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** How many correctly signed deliveries of this event arrived. */
  public int valid(String eventId) {
    AtomicInteger count = validByEvent.get(eventId);
    return count == null ? 0 : count.get();
  }

  /** The event ids of the correctly signed deliveries, in arrival order. */
  public List<String> validEventIds() {
    return List.copyOf(validInOrder);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

package io.harbourpay.platform.webhooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Makes the HTTP attempts of webhooks. A connection looks its host up exactly once, through {@link
 * WebhookUrls#resolveForSending} (the SSRF rules), and connects only to the addresses that lookup
 * approved: DNS cannot answer a public address to the check and an internal one to the connect
 * (rebinding), as there is no second lookup. Kept-alive connections are pooled by scheme, host and
 * port, so one is reused only for the host it was opened to, whose address was checked when it
 * opened. No redirects, retries, cookies, authentication or compression: one POST, one answer.
 */
final class WebhookSender implements AutoCloseable {
  /** The response body kept in the delivery log: enough to see an error page's title. */
  static final int EXCERPT_BYTES_MAX = 1_024;

  static final int ERROR_CHARS_MAX = 200;

  static final String USER_AGENT = "HarbourPay-Webhooks/1";
  static final String CONTENT_TYPE = "application/json; charset=utf-8";

  /**
   * A kept-alive connection is not reused after this long, so an endpoint that moved to another
   * address is looked up (and checked) again within a minute.
   */
  static final long CONNECTION_LIFE_MS_MAX = 60_000;

  /** A kept-alive connection idle this long is closed. */
  static final long CONNECTION_IDLE_MS_MAX = 30_000;

  /** Before reuse, a connection idle this long is checked for a close by the other side. */
  static final long VALIDATE_AFTER_IDLE_MS = 1_000;

  private final CloseableHttpClient http;
  private final ScheduledThreadPoolExecutor deadlines;
  private final long attemptMsMax;

  /** At most {@code workersMax} connections: each worker holds one at a time. */
  WebhookSender(WebhookConfig config, WebhookUrls urls) {
    ConnectionConfig connections =
        ConnectionConfig.custom()
            .setConnectTimeout(timeout(config.connectTimeout()))
            .setSocketTimeout(timeout(config.requestTimeout()))
            .setTimeToLive(TimeValue.ofMilliseconds(CONNECTION_LIFE_MS_MAX))
            .setValidateAfterInactivity(TimeValue.ofMilliseconds(VALIDATE_AFTER_IDLE_MS))
            .build();
    RequestConfig requests =
        RequestConfig.custom()
            // Leasing from the pool never waits for long: it holds a connection per worker.
            .setConnectionRequestTimeout(timeout(config.connectTimeout()))
            .setResponseTimeout(timeout(config.requestTimeout()))
            .setRedirectsEnabled(false)
            .setAuthenticationEnabled(false)
            .setProtocolUpgradeEnabled(false)
            .build();
    this.http =
        HttpClients.custom()
            .setConnectionManager(
                PoolingHttpClientConnectionManagerBuilder.create()
                    .setDnsResolver(new CheckedDnsResolver(urls))
                    // As the JDK's own client: the default SSLContext, its trust store and
                    // hostname verification against the URL's host (not the address).
                    .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                    .setDefaultConnectionConfig(connections)
                    .setMaxConnTotal(config.workersMax())
                    .setMaxConnPerRoute(config.workersMax())
                    .build())
            .setDefaultRequestConfig(requests)
            .disableRedirectHandling()
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableAuthCaching()
            .disableContentCompression()
            .evictExpiredConnections()
            .evictIdleConnections(TimeValue.ofMilliseconds(CONNECTION_IDLE_MS_MAX))
            .build();
    // One timer for every worker's attempt: at most workersMax deadlines are ever pending.
    this.deadlines =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "webhook-deadline");
              thread.setDaemon(true);
              return thread;
            });
    this.deadlines.setRemoveOnCancelPolicy(true);
    this.attemptMsMax = config.connectTimeout().toMillis() + config.requestTimeout().toMillis();
  }

  /**
   * One signed POST of the event to the endpoint; what happened is in the outcome, never thrown.
   */
  Deliveries.Outcome send(
      WebhookEvent event, WebhookEndpoints.Target target, long timestampSeconds) {
    long startedNanos = System.nanoTime();
    HttpPost request;
    try {
      request = new HttpPost(URI.create(target.url()));
    } catch (IllegalArgumentException badUrl) {
      return failure(startedNanos, "url_invalid");
    }
    request.setHeader("Content-Type", CONTENT_TYPE);
    request.setHeader("User-Agent", USER_AGENT);
    request.setHeader(
        WebhookSignature.HEADER,
        WebhookSignature.header(target.secret(), timestampSeconds, event.body()));
    request.setHeader(WebhookSignature.EVENT_ID_HEADER, event.publicId());
    // No content type on the entity: the header above is the one sent, byte for byte as documented.
    request.setEntity(new ByteArrayEntity(event.body().getBytes(StandardCharsets.UTF_8), null));

    // The timeouts bound each connect and each read; this bounds the whole attempt, body included.
    AtomicBoolean expired = new AtomicBoolean();
    ScheduledFuture<?> deadline =
        deadlines.schedule(
            () -> {
              expired.set(true);
              request.cancel();
            },
            attemptMsMax,
            TimeUnit.MILLISECONDS);
    ClassicHttpResponse response = null;
    try {
      response = http.executeOpen(null, request, null);
      Excerpt excerpt = Excerpt.read(response.getEntity());
      if (expired.get()) return failure(startedNanos, "timeout");
      // Reading the rest would be work without a bound: drop the connection instead.
      if (!excerpt.whole()) request.cancel();
      return new Deliveries.Outcome(
          elapsedMs(startedNanos), response.getCode(), null, excerpt.text());
    } catch (IOException failed) {
      return failure(startedNanos, error(failed, expired.get()));
    } finally {
      deadline.cancel(false);
      closeQuietly(response);
    }
  }

  private static String error(IOException failed, boolean expired) {
    if (expired) return "timeout";
    for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
      if (cause instanceof WebhookUrls.RefusedHost) return cause.getMessage();
    }
    if (Thread.currentThread().isInterrupted()) return "interrupted";
    // Connect and read timeouts are InterruptedIOExceptions (ConnectTimeout-, SocketTimeout-).
    String kind = failed instanceof InterruptedIOException ? "timeout" : "connection_failed";
    return kind + ": " + failed.getClass().getSimpleName() + " " + failed.getMessage();
  }

  /**
   * A response whose body was read to its end has already given its connection back to the pool;
   * one cut short was cancelled, so closing it cannot drain the rest, and may fail harmlessly.
   */
  private static void closeQuietly(ClassicHttpResponse response) {
    if (response == null) return;
    try {
      response.close();
    } catch (IOException alreadyBroken) {
      // The outcome is decided; a connection that fails to close is discarded all the same.
    }
  }

  private static Deliveries.Outcome failure(long startedNanos, String error) {
    String bounded = error.length() > ERROR_CHARS_MAX ? error.substring(0, ERROR_CHARS_MAX) : error;
    return new Deliveries.Outcome(elapsedMs(startedNanos), null, bounded, null);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private static Timeout timeout(Duration duration) {
    return Timeout.ofMilliseconds(duration.toMillis());
  }

  /**
   * Closes the pooled connections. Attempts still in flight (a stop that stopped waiting for them)
   * fail at once: their sockets close under them.
   */
  @Override
  public void close() {
    deadlines.shutdownNow();
    http.close(CloseMode.IMMEDIATE);
  }

  /** The first {@link #EXCERPT_BYTES_MAX} bytes of a body, and whether that was all of it. */
  private static final class Excerpt {
    private final byte[] bytes;
    private final boolean whole;

    private Excerpt(byte[] bytes, boolean whole) {
      this.bytes = bytes;
      this.whole = whole;
    }

    static Excerpt read(HttpEntity entity) {
      if (entity == null) return new Excerpt(new byte[0], true);
      byte[] kept = new byte[EXCERPT_BYTES_MAX];
      int length = 0;
      try {
        InputStream body = entity.getContent();
        while (length < kept.length) {
          int read = body.read(kept, length, kept.length - length);
          if (read < 0) return new Excerpt(Arrays.copyOf(kept, length), true);
          length += read;
        }
        return new Excerpt(kept, body.read() < 0);
      } catch (IOException cutOff) {
        // The status code is what counts; a body cut off midway leaves a shorter excerpt.
        return new Excerpt(Arrays.copyOf(kept, length), false);
      }
    }

    boolean whole() {
      return whole;
    }

    String text() {
      return bytes.length == 0 ? null : new String(bytes, StandardCharsets.UTF_8);
    }
  }

  /** A connection's one lookup of its host: {@link WebhookUrls}' resolver, under its rules. */
  private static final class CheckedDnsResolver implements DnsResolver {
    private final WebhookUrls urls;

    CheckedDnsResolver(WebhookUrls urls) {
      this.urls = urls;
    }

    @Override
    public InetAddress[] resolve(String host) throws WebhookUrls.RefusedHost {
      return urls.resolveForSending(host);
    }

    /** Asked only by Kerberos-style authentication, which is off: no lookup outside the rules. */
    @Override
    public String resolveCanonicalHostname(String host) {
      return host;
    }
  }
}

package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Time;
import java.io.ByteArrayOutputStream;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends webhooks. A poller thread fans new events out into deliveries, leases due deliveries from
 * the database and hands them to a bounded pool of workers; each worker makes one HTTP attempt and
 * records it. All state is in the database, so any number of dispatchers (on one node or many) can
 * run on one store, and a restarted one carries on where the last stopped: a lease held by a
 * dispatcher that died expires and the attempt is made again (at-least-once, see docs/webhooks.md).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

  /** The response body kept in the delivery log: enough to see an error page's title. */
  static final int EXCERPT_BYTES_MAX = 1_024;

  static final int ERROR_CHARS_MAX = 200;

  /** A stop waits this long for attempts in flight; their leases cover the rest. */
  static final long STOP_WAIT_MS = 5_000;

  private final Deliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final WebhookConfig config;
  private final Clock clock;
  private final HttpClient http;
  private final ThreadPoolExecutor workers;
  private final Semaphore slots;
  private final Object wake = new Object();
  private volatile boolean running;
  private Thread poller;

  WebhookDispatcher(
      Deliveries deliveries, WebhookEndpoints endpoints, WebhookConfig config, Clock clock) {
    this.deliveries = deliveries;
    this.endpoints = endpoints;
    this.config = config;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.workers =
        new ThreadPoolExecutor(
            config.workersMax(),
            config.workersMax(),
            30,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(Math.max(1, config.queueMax())),
            runnable -> {
              Thread thread = new Thread(runnable, "webhook-worker");
              thread.setDaemon(true);
              return thread;
            });
    this.slots = new Semaphore(config.workersMax() + config.queueMax());
  }

  /** Starts the poller thread; {@link #close} stops it. */
  public synchronized void start() {
    if (running) return;
    running = true;
    poller = new Thread(this::pollLoop, "webhook-poller");
    poller.setDaemon(true);
    poller.start();
  }

  /** Asks the poller to look now (an event was just written) instead of after its interval. */
  public void wakeUp() {
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /**
   * One pass, done on the calling thread's behalf and waited for: fan out new events, lease due
   * deliveries, attempt each. Tests drive the dispatcher with this and a manual clock. Returns the
   * number of attempts made.
   */
  public int runOnce() {
    if (running) {
      throw new IllegalStateException("runOnce is for a dispatcher that was not started");
    }
    deliveries.fanOut(config.batchMax(), Time.micros(clock), firstDelayMicros());
    List<Future<?>> started = claimAndSubmit();
    for (Future<?> attempt : started) {
      try {
        attempt.get();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        break;
      } catch (ExecutionException failure) {
        LOG.log(Level.WARNING, "webhook attempt failed to record", failure.getCause());
      }
    }
    return started.size();
  }

  private void pollLoop() {
    while (running) {
      try {
        int fannedOut =
            deliveries.fanOut(config.batchMax(), Time.micros(clock), firstDelayMicros());
        int claimed = claimAndSubmit().size();
        if (fannedOut == 0 && claimed == 0) pause();
      } catch (RuntimeException failure) {
        // Database down, most likely: nothing is lost (state is in the database); try later.
        LOG.log(Level.WARNING, "webhook poll failed; retrying after the poll interval", failure);
        pause();
      }
    }
  }

  private void pause() {
    synchronized (wake) {
      if (!running) return;
      try {
        wake.wait(Math.max(1, config.pollInterval().toMillis()));
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  /** Leases as many due deliveries as there are free worker slots (at most a batch). */
  private List<Future<?>> claimAndSubmit() {
    int free = Math.min(config.batchMax(), slots.availablePermits());
    long now = Time.micros(clock);
    List<Deliveries.Claim> claims =
        deliveries.claim(free, now, now + config.lease().toNanos() / 1_000);
    List<Future<?>> started = new ArrayList<>(claims.size());
    for (Deliveries.Claim claim : claims) {
      if (!slots.tryAcquire()) {
        // Only this thread takes slots, and it counted them: cannot happen. The lease expires.
        throw new AssertionError("webhook worker slots miscounted");
      }
      started.add(
          workers.submit(
              () -> {
                try {
                  attempt(claim);
                } catch (RuntimeException failure) {
                  // Most likely the database went away mid-attempt; the lease expires and the
                  // attempt is made again (at-least-once).
                  LOG.log(Level.WARNING, "webhook attempt could not be recorded", failure);
                  throw failure;
                } finally {
                  slots.release();
                }
              }));
    }
    return started;
  }

  /** One HTTP attempt of one delivery, recorded in the log. */
  void attempt(Deliveries.Claim claim) {
    long attemptedAt = Time.micros(clock);
    int attempt = claim.attempts() + 1;
    Optional<WebhookEvent> event = deliveries.event(claim.eventId());
    Optional<WebhookEndpoints.Target> target = endpoints.target(claim.endpointId());
    Deliveries.Outcome outcome;
    boolean last = attempt >= config.schedule().attemptsMax();
    if (event.isEmpty() || target.isEmpty() || !target.get().enabled()) {
      // A disabled endpoint gets nothing more; its merchant redelivers after enabling it.
      outcome = new Deliveries.Outcome(0, null, "endpoint_disabled", null);
      last = true;
    } else {
      outcome = send(event.get(), target.get());
    }
    long retryAt =
        last
            ? 0
            : Time.micros(clock) + config.schedule().delayBefore(attempt + 1).toNanos() / 1_000;
    if (!deliveries.complete(claim, outcome, attemptedAt, last, retryAt)) {
      LOG.log(
          Level.WARNING,
          "webhook delivery {0}: lease lost before attempt {1} was recorded; another dispatcher"
              + " will retry it",
          claim.deliveryId(),
          attempt);
    }
  }

  private Deliveries.Outcome send(WebhookEvent event, WebhookEndpoints.Target target) {
    long timestamp = clock.instant().getEpochSecond();
    long startedNanos = System.nanoTime();
    // The host may resolve elsewhere than at registration (DNS rebinding): check what it resolves
    // to now, and send nothing to a private, loopback or metadata address.
    Optional<String> refused = endpoints.urls().refusalBeforeSending(target.url());
    if (refused.isPresent()) return failure(startedNanos, refused.get());
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create(target.url()))
              .timeout(config.requestTimeout())
              .header("Content-Type", "application/json; charset=utf-8")
              .header("User-Agent", "HarbourPay-Webhooks/1")
              .header(
                  WebhookSignature.HEADER,
                  WebhookSignature.header(target.secret(), timestamp, event.body()))
              .header(WebhookSignature.EVENT_ID_HEADER, event.publicId())
              .POST(HttpRequest.BodyPublishers.ofString(event.body(), StandardCharsets.UTF_8))
              .build();
      CompletableFuture<HttpResponse<byte[]>> pending =
          http.sendAsync(
              request,
              info -> HttpResponse.BodySubscribers.fromSubscriber(new Excerpt(), Excerpt::bytes));
      // The request timeout covers the wait for the status line; this also bounds the body.
      HttpResponse<byte[]> response;
      try {
        response =
            pending.get(
                config.requestTimeout().toMillis() + config.connectTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
      } catch (TimeoutException slow) {
        pending.cancel(true);
        return failure(startedNanos, "timeout");
      }
      return new Deliveries.Outcome(
          elapsedMs(startedNanos),
          response.statusCode(),
          null,
          response.body().length == 0 ? null : new String(response.body(), StandardCharsets.UTF_8));
    } catch (ExecutionException failed) {
      Throwable cause = failed.getCause() == null ? failed : failed.getCause();
      String kind = cause instanceof HttpTimeoutException ? "timeout" : "connection_failed";
      return failure(
          startedNanos, kind + ": " + cause.getClass().getSimpleName() + " " + cause.getMessage());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return failure(startedNanos, "interrupted");
    } catch (IllegalArgumentException badUrl) {
      return failure(startedNanos, "url_invalid");
    }
  }

  private static Deliveries.Outcome failure(long startedNanos, String error) {
    String bounded = error.length() > ERROR_CHARS_MAX ? error.substring(0, ERROR_CHARS_MAX) : error;
    return new Deliveries.Outcome(elapsedMs(startedNanos), null, bounded, null);
  }

  private static long elapsedMs(long startedNanos) {
    return (System.nanoTime() - startedNanos) / 1_000_000;
  }

  private long firstDelayMicros() {
    return config.schedule().delayBefore(1).toNanos() / 1_000;
  }

  /** Stops polling and waits a bounded time for attempts in flight. */
  @Override
  public void close() {
    Thread stopping;
    synchronized (this) {
      running = false;
      stopping = poller;
      poller = null;
    }
    wakeUp();
    try {
      if (stopping != null) stopping.join(STOP_WAIT_MS);
      workers.shutdown();
      if (!workers.awaitTermination(STOP_WAIT_MS, TimeUnit.MILLISECONDS)) workers.shutdownNow();
    } catch (InterruptedException interrupted) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Keeps the first {@link #EXCERPT_BYTES_MAX} bytes of a body and drops the rest as it comes. */
  private static final class Excerpt implements Flow.Subscriber<List<ByteBuffer>> {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
      for (ByteBuffer buffer : buffers) {
        int room = EXCERPT_BYTES_MAX - kept.size();
        int take = Math.min(room, buffer.remaining());
        if (take > 0) {
          byte[] bytes = new byte[take];
          buffer.get(bytes);
          kept.write(bytes, 0, take);
        }
      }
    }

    @Override
    public void onError(Throwable failure) {
      // The status code is what counts; a body cut off midway leaves a shorter excerpt.
    }

    @Override
    public void onComplete() {
      // Nothing to finish: bytes() reads what was kept.
    }

    byte[] bytes() {
      return kept.toByteArray();
    }
  }
}

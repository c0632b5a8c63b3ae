package io.harbourpay.platform.webhooks;

import io.harbourpay.platform.Time;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Sends webhooks. A poller thread fans new events out into deliveries, leases due deliveries from
 * the database and hands them to a bounded pool of workers; each worker makes one HTTP attempt and
 * records it. All state is in the database, so any number of dispatchers (on one node or many) can
 * run on one store, and a restarted one carries on where the last stopped: a lease held by a
 * dispatcher that died expires and the attempt is made again (at-least-once, see docs/webhooks.md).
 */
public final class WebhookDispatcher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WebhookDispatcher.class.getName());

  /** A stop waits this long for attempts in flight; their leases cover the rest. */
  static final long STOP_WAIT_MS = 5_000;

  private final Deliveries deliveries;
  private final WebhookEndpoints endpoints;
  private final WebhookConfig config;
  private final Clock clock;
  private final WebhookSender sender;
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
    this.sender = new WebhookSender(config, endpoints.urls());
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
      outcome = sender.send(event.get(), target.get(), clock.instant().getEpochSecond());
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

  private long firstDelayMicros() {
    return config.schedule().delayBefore(1).toNanos() / 1_000;
  }

  /**
   * Stops polling, waits a bounded time for attempts in flight, then closes the connections (which
   * ends any attempt still blocked on its socket).
   */
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
    } finally {
      sender.close();
    }
  }
}

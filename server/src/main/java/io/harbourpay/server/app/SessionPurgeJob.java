package io.harbourpay.server.app;

import io.harbourpay.platform.crypto.SessionPurge;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs the purge of expired sessions (customers', operators', merchant consoles') every {@code
 * intervalS} seconds on one daemon thread; a run is bounded by the purge's batch settings, and a
 * failed run is logged and tried again at the next interval.
 */
final class SessionPurgeJob implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SessionPurgeJob.class);

  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread named = new Thread(task, "session-purge");
            named.setDaemon(true);
            return named;
          });

  SessionPurgeJob(SessionPurge purge, long intervalS) {
    if (intervalS < 1) throw new IllegalArgumentException("the purge interval is at least 1 s");
    thread.scheduleWithFixedDelay(() -> runOnce(purge), intervalS, intervalS, TimeUnit.SECONDS);
  }

  private static void runOnce(SessionPurge purge) {
    try {
      Map<String, Integer> deleted = purge.run();
      if (deleted.values().stream().anyMatch(count -> count > 0)) {
        LOG.infof("Expired sessions purged: %s", deleted);
      }
    } catch (RuntimeException failure) {
      LOG.warn("Session purge failed; trying again at the next interval", failure);
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}

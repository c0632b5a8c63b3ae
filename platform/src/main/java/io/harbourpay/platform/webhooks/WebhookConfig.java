package io.harbourpay.platform.webhooks;

import java.time.Duration;

/**
 * How webhooks run. Every queue and batch has a bound; the lease outlives one attempt's longest
 * possible HTTP call, so a healthy dispatcher never loses a lease mid-attempt.
 *
 * @param sealingKey 32 bytes; encrypts the endpoints' signing secrets at rest
 * @param allowInsecureLocalhost demo and tests: accept {@code http://127.0.0.1|localhost} URLs
 */
public record WebhookConfig(
    RetrySchedule schedule,
    int workersMax,
    int queueMax,
    int batchMax,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration lease,
    Duration pollInterval,
    boolean allowInsecureLocalhost,
    byte[] sealingKey) {
  public static final int WORKERS_MAX_DEFAULT = 8;
  public static final int QUEUE_MAX_DEFAULT = 64;
  public static final int BATCH_MAX_DEFAULT = 32;
  public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
  public static final Duration REQUEST_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
  public static final Duration LEASE_DEFAULT = Duration.ofSeconds(60);
  public static final Duration POLL_INTERVAL_DEFAULT = Duration.ofMillis(500);

  public WebhookConfig {
    if (workersMax < 1 || workersMax > 256) throw new IllegalArgumentException("workersMax 1..256");
    if (queueMax < 0 || queueMax > 10_000) throw new IllegalArgumentException("queueMax 0..10000");
    if (batchMax < 1 || batchMax > 1_000) throw new IllegalArgumentException("batchMax 1..1000");
    if (lease.compareTo(connectTimeout.plus(requestTimeout)) <= 0) {
      throw new IllegalArgumentException(
          "the lease must outlive an attempt: lease > connectTimeout + requestTimeout");
    }
    if (sealingKey == null || sealingKey.length != 32) {
      throw new IllegalArgumentException("the webhook sealing key is 32 bytes");
    }
  }

  /** Production defaults: the 25-hour schedule, https endpoints only. */
  public static WebhookConfig defaults(byte[] sealingKey) {
    return new WebhookConfig(
        RetrySchedule.DEFAULT,
        WORKERS_MAX_DEFAULT,
        QUEUE_MAX_DEFAULT,
        BATCH_MAX_DEFAULT,
        CONNECT_TIMEOUT_DEFAULT,
        REQUEST_TIMEOUT_DEFAULT,
        LEASE_DEFAULT,
        POLL_INTERVAL_DEFAULT,
        false,
        sealingKey);
  }

  public WebhookConfig withSchedule(RetrySchedule newSchedule) {
    return new WebhookConfig(
        newSchedule,
        workersMax,
        queueMax,
        batchMax,
        connectTimeout,
        requestTimeout,
        lease,
        pollInterval,
        allowInsecureLocalhost,
        sealingKey);
  }

  public WebhookConfig withInsecureLocalhost(boolean allow) {
    return new WebhookConfig(
        schedule,
        workersMax,
        queueMax,
        batchMax,
        connectTimeout,
        requestTimeout,
        lease,
        pollInterval,
        allow,
        sealingKey);
  }

  public WebhookConfig withTimings(
      Duration newConnectTimeout,
      Duration newRequestTimeout,
      Duration newLease,
      Duration newPollInterval) {
    return new WebhookConfig(
        schedule,
        workersMax,
        queueMax,
        batchMax,
        newConnectTimeout,
        newRequestTimeout,
        newLease,
        newPollInterval,
        allowInsecureLocalhost,
        sealingKey);
  }

  public WebhookConfig withBounds(int newWorkersMax, int newQueueMax, int newBatchMax) {
    return new WebhookConfig(
        schedule,
        newWorkersMax,
        newQueueMax,
        newBatchMax,
        connectTimeout,
        requestTimeout,
        lease,
        pollInterval,
        allowInsecureLocalhost,
        sealingKey);
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "WebhookConfig[schedule="
        + schedule
        + ", workersMax="
        + workersMax
        + ", queueMax="
        + queueMax
        + ", batchMax="
        + batchMax
        + ", lease="
        + lease
        + ", allowInsecureLocalhost="
        + allowInsecureLocalhost
        + "]";
  }
}

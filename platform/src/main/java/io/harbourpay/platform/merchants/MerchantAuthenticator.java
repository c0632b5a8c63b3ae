package io.harbourpay.platform.merchants;

import io.harbourpay.platform.PlatformException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Signed merchant requests, end to end: the key cache, the database nonce store and the verifier,
 * plus the housekeeping that keeps them fresh and bounded (cache refresh every {@link
 * MerchantKeyCache#REFRESH_INTERVAL}, nonce purge every {@link #NONCE_PURGE_INTERVAL}) on one
 * daemon thread.
 */
public final class MerchantAuthenticator implements AutoCloseable {
  public static final Duration NONCE_PURGE_INTERVAL = Duration.ofSeconds(60);
  private static final System.Logger LOG = System.getLogger(MerchantAuthenticator.class.getName());

  private final MerchantKeyCache cache;
  private final JdbcNonceStore nonces;
  private final SignatureVerifier verifier;
  private final Clock clock;
  private ScheduledExecutorService housekeeping;

  public MerchantAuthenticator(MerchantKeyCache cache, JdbcNonceStore nonces, Clock clock) {
    this.cache = cache;
    this.nonces = nonces;
    this.clock = clock;
    this.verifier = new SignatureVerifier(cache, nonces, clock);
  }

  /** Loads the keys and starts the housekeeping thread. */
  public synchronized void start() {
    cache.refresh();
    if (housekeeping != null) return;
    housekeeping =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "merchant-keys-housekeeping");
              thread.setDaemon(true);
              return thread;
            });
    long refreshMs = MerchantKeyCache.REFRESH_INTERVAL.toMillis();
    housekeeping.scheduleWithFixedDelay(
        () -> quietly("refresh the key cache", cache::refresh),
        refreshMs,
        refreshMs,
        TimeUnit.MILLISECONDS);
    long purgeMs = NONCE_PURGE_INTERVAL.toMillis();
    housekeeping.scheduleWithFixedDelay(
        () -> quietly("purge old nonces", () -> nonces.purge(clock.instant())),
        purgeMs,
        purgeMs,
        TimeUnit.MILLISECONDS);
  }

  /**
   * The caller of a request with a valid signature, or a PlatformException with the precise code:
   * AUTHENTICATION (401) for a missing, malformed, stale, replayed or tampered signature or a key
   * that is unknown, revoked or expired; PERMISSION (403) for a suspended merchant.
   */
  public MerchantCaller authenticate(SignedRequest request) {
    SignatureVerifier.Verification verification = verifier.verify(request);
    SignatureOutcome outcome = verification.outcome();
    if (outcome != SignatureOutcome.OK) {
      throw new PlatformException(
          outcome.errorType(), outcome.code(), outcome.message(), MerchantSigner.HEADER);
    }
    return new MerchantCaller(verification.merchantId(), verification.keyId());
  }

  public MerchantKeyCache cache() {
    return cache;
  }

  private static void quietly(String what, Runnable task) {
    try {
      task.run();
    } catch (RuntimeException failure) {
      // The next round tries again; the cache keeps its last snapshot meanwhile.
      LOG.log(System.Logger.Level.WARNING, "could not " + what, failure);
    }
  }

  @Override
  public synchronized void close() {
    if (housekeeping != null) housekeeping.shutdownNow();
    housekeeping = null;
  }
}

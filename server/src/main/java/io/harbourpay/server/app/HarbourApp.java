package io.harbourpay.server.app;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.bank.SimulatedBank;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.wallets.LimitsConfig;
import io.harbourpay.platform.webhooks.RetrySchedule;
import io.harbourpay.platform.webhooks.WebhookConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The running platform: opened at start on SQLite in the data folder (or on PostgreSQL when a
 * database URL is configured), with demo data on first start, and closed at shutdown.
 */
@ApplicationScoped
public class HarbourApp {
  private static final Logger LOG = Logger.getLogger(HarbourApp.class);

  @ConfigProperty(name = "harbour.data-dir")
  String dataDir;

  @ConfigProperty(name = "harbour.db.url")
  Optional<String> dbUrl;

  @ConfigProperty(name = "harbour.db.user")
  Optional<String> dbUser;

  @ConfigProperty(name = "harbour.db.password")
  Optional<String> dbPassword;

  @ConfigProperty(name = "harbour.db.schema")
  Optional<String> dbSchema;

  @ConfigProperty(name = "harbour.demo")
  boolean demo;

  @ConfigProperty(name = "harbour.bank.answer-delay-ms")
  long bankAnswerDelayMs;

  @ConfigProperty(name = "harbour.bank.answer-timeout-ms", defaultValue = "30000")
  long bankAnswerTimeoutMs;

  @ConfigProperty(name = "harbour.pin.hash-iterations", defaultValue = "100000")
  int pinHashIterations;

  @ConfigProperty(name = "harbour.webhooks.dispatcher", defaultValue = "true")
  boolean webhookDispatcher;

  @ConfigProperty(name = "harbour.webhooks.schedule", defaultValue = "0s,1m,5m,15m,1h,2h,6h,15h")
  String webhookSchedule;

  @ConfigProperty(name = "harbour.webhooks.workers", defaultValue = "8")
  int webhookWorkers;

  @ConfigProperty(name = "harbour.webhooks.queue", defaultValue = "64")
  int webhookQueue;

  @ConfigProperty(name = "harbour.webhooks.batch", defaultValue = "32")
  int webhookBatch;

  @ConfigProperty(name = "harbour.webhooks.poll-interval-ms", defaultValue = "500")
  long webhookPollIntervalMs;

  @ConfigProperty(name = "harbour.webhooks.allow-insecure-localhost", defaultValue = "false")
  boolean webhookInsecureLocalhost;

  /** Whether expired sessions are purged on a schedule (docs/operations.md). */
  @ConfigProperty(name = "harbour.sessions.purge.enabled", defaultValue = "true")
  boolean sessionPurge;

  @ConfigProperty(name = "harbour.sessions.purge.interval-s", defaultValue = "600")
  long sessionPurgeIntervalS;

  @ConfigProperty(name = "harbour.sessions.purge.batch", defaultValue = "500")
  int sessionPurgeBatch;

  @ConfigProperty(name = "harbour.sessions.purge.batches-max", defaultValue = "20")
  int sessionPurgeBatchesMax;

  /** Base64 of 32 random bytes sealing merchants' API secrets; env HARBOUR_MASTER_KEY. */
  @ConfigProperty(name = "harbour.master-key")
  Optional<String> masterKey;

  private Platform platform;
  private SessionPurgeJob sessionPurgeJob;
  private SimulatedBank bank;
  private DemoSmsGateway sms;

  /** The operator key of the demo, published in the README: never valid outside demo mode. */
  static final String DEMO_OPERATOR_KEY = "demo-operator-key";

  @ConfigProperty(name = "harbour.operator.api-key")
  String operatorKey;

  @ConfigProperty(name = "harbour.operator.break-glass", defaultValue = "false")
  boolean operatorKeyEnabled;

  @ConfigProperty(name = "harbour.operator.bootstrap-username")
  Optional<String> bootstrapUsername;

  @ConfigProperty(name = "harbour.operator.bootstrap-password")
  Optional<String> bootstrapPassword;

  void onStart(@Observes StartupEvent event) {
    if (!demo && operatorKeyEnabled && DEMO_OPERATOR_KEY.equals(operatorKey)) {
      // Everyone knows the demo key: a production server must not start with it.
      throw new IllegalStateException(
          "harbour.demo=false needs a real operator key: set harbour.operator.api-key"
              + " (HARBOUR_OPERATOR_API_KEY) to a long random secret");
    }
    StoreConfig store = storeConfig();
    sms = new DemoSmsGateway(Clock.systemUTC());
    bank = new SimulatedBank(bankAnswerDelayMs);
    byte[] master = masterKey();
    platform =
        Platform.start(
            new Platform.Options(
                store,
                Clock.systemUTC(),
                sms,
                bank,
                LimitsConfig.defaults(),
                otpSecret(),
                bankAnswerTimeoutMs,
                pinHashIterations,
                master,
                webhookConfig(master)));
    LOG.infof("HarbourPay store: %s", describe(store));
    bootstrapOperator();
    if (demo) {
      try {
        DemoSeed seed = new DemoSeed(platform, sms);
        seed.seedIfEmpty();
        seed.seedMerchantsIfEmpty();
        seed.seedOperatorsIfNone();
        seed.seedPaymentsIfNone();
      } catch (RuntimeException failure) {
        // The server is still useful without the demo data; say how to get a clean seed.
        LOG.error(
            "Demo data could not be seeded; stop the server and delete the data folder ("
                + dataDir
                + ") to seed again on the next start",
            failure);
      }
    }
    if (webhookDispatcher) {
      platform.webhooks.startDispatcher();
      LOG.infof("Webhook dispatcher started: %s", platform.webhooks.config());
    }
    if (sessionPurge) {
      sessionPurgeJob =
          new SessionPurgeJob(
              platform.sessionPurge(sessionPurgeBatch, sessionPurgeBatchesMax),
              sessionPurgeIntervalS);
    } else {
      LOG.info("Session purge off (harbour.sessions.purge.enabled=false)");
    }
  }

  /**
   * The first admin of a store without operator accounts, from configuration (docs/operations.md):
   * nothing is created without it, and nothing once any account exists.
   */
  private void bootstrapOperator() {
    if (bootstrapUsername.isPresent() && bootstrapPassword.isPresent()) {
      platform
          .operators
          .bootstrapAdmin(bootstrapUsername.get(), bootstrapUsername.get(), bootstrapPassword.get())
          .ifPresent(admin -> LOG.infof("Created the first operator admin %s", admin.username()));
    } else if (!demo && platform.operators.count() == 0) {
      LOG.warn(
          "No operator accounts: set harbour.operator.bootstrap-username and"
              + " HARBOUR_OPERATOR_BOOTSTRAP_PASSWORD once to create the first admin");
    }
  }

  /**
   * Webhook settings: the retry schedule and bounds from configuration; signing secrets are sealed
   * with a key derived from the master key, so one key (HARBOUR_MASTER_KEY) guards every secret at
   * rest.
   */
  WebhookConfig webhookConfig(byte[] master) {
    WebhookConfig defaults = WebhookConfig.defaults(Ids.deriveKey("webhook-sealing-key", master));
    return defaults
        .withSchedule(RetrySchedule.parse(webhookSchedule))
        .withBounds(webhookWorkers, webhookQueue, webhookBatch)
        .withTimings(
            defaults.connectTimeout(),
            defaults.requestTimeout(),
            defaults.lease(),
            Duration.ofMillis(webhookPollIntervalMs))
        .withInsecureLocalhost(webhookInsecureLocalhost);
  }

  void onStop(@Observes ShutdownEvent event) {
    if (sessionPurgeJob != null) sessionPurgeJob.close();
    if (platform != null) platform.close();
    if (bank != null) bank.close();
  }

  public Platform platform() {
    return platform;
  }

  /** The demo SMS inbox; only reachable through the dev endpoint when demo mode is on. */
  public DemoSmsGateway sms() {
    return sms;
  }

  public boolean demo() {
    return demo;
  }

  /** Where the data is, for people: "SQLite data/harbourpay.db" or the PostgreSQL URL. */
  public String storeDescription() {
    return describe(storeConfig());
  }

  StoreConfig storeConfig() {
    String url = dbUrl.filter(value -> !value.isBlank()).orElse(null);
    if (url == null) {
      return StoreConfig.sqlite(Path.of(dataDir).resolve("harbourpay.db"));
    }
    return StoreConfig.postgres(
        jdbcUrl(url),
        dbUser.filter(value -> !value.isBlank()).orElse(userOf(url)),
        dbPassword.filter(value -> !value.isBlank()).orElse(null),
        dbSchema.filter(value -> !value.isBlank()).orElse(null));
  }

  /** Accepts {@code postgresql://user@host:port/db} as libpq does, or a JDBC URL. */
  static String jdbcUrl(String url) {
    if (url.startsWith("jdbc:")) return url;
    if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
      URI uri = URI.create(url);
      int port = uri.getPort() < 0 ? 5432 : uri.getPort();
      String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
      return "jdbc:postgresql://" + uri.getHost() + ":" + port + uri.getRawPath() + query;
    }
    throw new IllegalArgumentException(
        "harbour.db.url must be postgresql://… or jdbc:postgresql:…, not " + url);
  }

  private static String userOf(String url) {
    if (url.startsWith("jdbc:")) return null;
    String userInfo = URI.create(url).getUserInfo();
    return userInfo == null ? null : userInfo.split(":", 2)[0];
  }

  private static String describe(StoreConfig store) {
    return store.dialect()
        + " "
        + store.jdbcUrl()
        + (store.schema() == null ? "" : " schema " + store.schema());
  }

  /**
   * The master key sealing merchants' API secrets: {@code harbour.master-key} (or the environment's
   * HARBOUR_MASTER_KEY), base64 of 32 random bytes, the same on every node. Without one, a key is
   * generated once and kept in the data folder, which is fine for one machine and the demo; a
   * production cluster must configure it (and keep it out of the database backups).
   */
  private byte[] masterKey() {
    String configured = masterKey.filter(value -> !value.isBlank()).orElse(null);
    if (configured != null) return SecretBox.decodeMasterKey(configured);
    Path file = Path.of(dataDir).resolve("master-key");
    try {
      if (Files.exists(file)) return SecretBox.decodeMasterKey(Files.readString(file));
      if (!demo) {
        LOG.warnf(
            "harbour.master-key is not set: generating one in %s. Configure HARBOUR_MASTER_KEY"
                + " (openssl rand -base64 32) on every node of a cluster.",
            file);
      }
      Files.createDirectories(file.getParent());
      byte[] key = SecretBox.newMasterKey();
      Files.writeString(file, java.util.Base64.getEncoder().encodeToString(key));
      return key;
    } catch (java.io.IOException failure) {
      throw new IllegalStateException("cannot keep the master key in " + file, failure);
    }
  }

  /**
   * The OTP hashing secret: from the environment in production, otherwise generated once and kept
   * in the data folder so codes survive a restart.
   */
  private byte[] otpSecret() {
    String fromEnv = System.getenv("HARBOUR_OTP_SECRET");
    if (fromEnv != null && fromEnv.length() >= 32) return fromEnv.getBytes(StandardCharsets.UTF_8);
    Path file = Path.of(dataDir).resolve("otp-secret");
    try {
      if (Files.exists(file)) return Files.readAllBytes(file);
      Files.createDirectories(file.getParent());
      byte[] secret = new byte[32];
      new SecureRandom().nextBytes(secret);
      String hex = java.util.HexFormat.of().formatHex(secret);
      Files.writeString(file, hex);
      return hex.getBytes(StandardCharsets.US_ASCII);
    } catch (java.io.IOException failure) {
      throw new IllegalStateException("cannot keep the OTP secret in " + file, failure);
    }
  }
}

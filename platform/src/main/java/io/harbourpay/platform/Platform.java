package io.harbourpay.platform;

import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.platform.bank.BankConnector;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.crypto.SessionPurge;
import io.harbourpay.platform.customers.CustomerService;
import io.harbourpay.platform.customers.KycService;
import io.harbourpay.platform.customers.OtpService;
import io.harbourpay.platform.customers.PinService;
import io.harbourpay.platform.customers.SessionService;
import io.harbourpay.platform.customers.SmsGateway;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.idempotency.IdempotencyStore;
import io.harbourpay.platform.merchants.JdbcNonceStore;
import io.harbourpay.platform.merchants.MerchantAuthenticator;
import io.harbourpay.platform.merchants.MerchantKeyCache;
import io.harbourpay.platform.merchants.MerchantKeys;
import io.harbourpay.platform.merchants.MerchantService;
import io.harbourpay.platform.payments.PayCodeDevices;
import io.harbourpay.platform.payments.PaymentConfig;
import io.harbourpay.platform.payments.PaymentService;
import io.harbourpay.platform.wallets.BankTransferService;
import io.harbourpay.platform.wallets.HistoryService;
import io.harbourpay.platform.wallets.LimitsConfig;
import io.harbourpay.platform.wallets.P2pService;
import io.harbourpay.platform.wallets.WalletAccounts;
import io.harbourpay.platform.wallets.WalletService;
import io.harbourpay.platform.webhooks.WebhookConfig;
import io.harbourpay.platform.webhooks.Webhooks;
import java.time.Clock;
import java.util.List;

/**
 * The wallet business, put together: the ledger, the platform's tables, and every service over
 * them. The server holds one; tests build their own on a fresh store.
 */
public final class Platform implements AutoCloseable {
  /**
   * What a platform runs on; everything at the edge of the world is passed in. {@code masterKey} is
   * {@link SecretBox#MASTER_KEY_BYTES} random bytes that seal merchants' API secrets: from
   * configuration, the same on every node.
   */
  public record Options(
      StoreConfig store,
      Clock clock,
      SmsGateway sms,
      BankConnector bank,
      LimitsConfig limits,
      byte[] otpSecret,
      long bankAnswerTimeoutMs,
      int pinHashIterations,
      byte[] masterKey,
      WebhookConfig webhooks) {
    /** PBKDF2 iterations for new PINs: production strength. */
    public static final int PIN_HASH_ITERATIONS_DEFAULT = 100_000;

    /**
     * Without a master key or webhook settings: both derived from the OTP secret, production
     * defaults otherwise (tests and embedded use; the server passes its own keys).
     */
    public Options(
        StoreConfig store,
        Clock clock,
        SmsGateway sms,
        BankConnector bank,
        LimitsConfig limits,
        byte[] otpSecret,
        long bankAnswerTimeoutMs,
        int pinHashIterations) {
      this(
          store,
          clock,
          sms,
          bank,
          limits,
          otpSecret,
          bankAnswerTimeoutMs,
          pinHashIterations,
          Ids.deriveKey("master-key", otpSecret),
          WebhookConfig.defaults(Ids.deriveKey("webhook-sealing-key", otpSecret)));
    }
  }

  public final Ledger ledger;
  public final Database database;
  public final OtpService otp;
  public final SessionService sessions;
  public final CustomerService customers;
  public final PinService pins;
  public final KycService kyc;
  public final io.harbourpay.platform.customers.AuditLog audit;
  public final io.harbourpay.platform.customers.CustomerSearch customerSearch;
  public final io.harbourpay.platform.operators.OperatorService operators;
  public final io.harbourpay.platform.operators.OperatorStats operatorStats;
  public final io.harbourpay.platform.wallets.LimitsBook limits;
  public final WalletAccounts walletAccounts;
  public final WalletService wallets;
  public final P2pService p2p;
  public final BankTransferService bankTransfers;
  public final HistoryService history;
  public final IdempotencyStore idempotency;
  public final Webhooks webhooks;
  public final MerchantService merchants;
  public final MerchantKeys merchantKeys;
  public final MerchantAuthenticator merchantAuth;
  public final io.harbourpay.platform.merchants.ConsoleUsers consoleUsers;
  public final PayCodeDevices payCodeDevices;
  public final PaymentService payments;
  public final io.harbourpay.platform.payments.OrderService orders;
  public final io.harbourpay.platform.payments.StaticQrService staticQr;
  private final java.util.concurrent.ScheduledExecutorService paymentExpiry;
  private final JdbcLedgerStore ledgerStore;

  private Platform(Options options) {
    Clock clock = options.clock();
    ledgerStore = JdbcLedgerStore.open(options.store());
    ledger = Ledger.open(ledgerStore, LedgerConfig.defaults().withClock(clock));
    database = Database.open(options.store());
    otp = new OtpService(database, options.sms(), clock, options.otpSecret());
    sessions = new SessionService(database, clock);
    customers = new CustomerService(database, clock, otp, sessions);
    pins = new PinService(database, clock, options.pinHashIterations());
    kyc = new KycService(database, clock);
    audit = new io.harbourpay.platform.customers.AuditLog(database);
    customerSearch = new io.harbourpay.platform.customers.CustomerSearch(database);
    operators =
        new io.harbourpay.platform.operators.OperatorService(
            database, clock, options.pinHashIterations());
    operatorStats = new io.harbourpay.platform.operators.OperatorStats(database, clock);
    limits = new io.harbourpay.platform.wallets.LimitsBook(database, clock, options.limits());
    walletAccounts = new WalletAccounts(ledger, database, limits, clock);
    wallets = new WalletService(ledger, walletAccounts);
    p2p = new P2pService(ledger, database, walletAccounts, customers, pins, clock);
    bankTransfers =
        new BankTransferService(
            ledger,
            database,
            walletAccounts,
            pins,
            options.bank(),
            clock,
            options.bankAnswerTimeoutMs());
    history = new HistoryService(database);
    idempotency = new IdempotencyStore(database, clock);
    webhooks = new Webhooks(database, clock, options.webhooks());
    SecretBox secrets = new SecretBox(options.masterKey());
    MerchantKeyCache keyCache = new MerchantKeyCache(database, secrets, clock);
    merchants = new MerchantService(database, clock, keyCache);
    merchantKeys = new MerchantKeys(database, clock, secrets, keyCache);
    merchantAuth = new MerchantAuthenticator(keyCache, new JdbcNonceStore(database), clock);
    consoleUsers =
        new io.harbourpay.platform.merchants.ConsoleUsers(
            database, clock, options.pinHashIterations());
    payCodeDevices = new PayCodeDevices(database, secrets, clock);
    payments =
        new PaymentService(
            ledger,
            database,
            walletAccounts,
            customers,
            pins,
            merchants,
            payCodeDevices,
            clock,
            PaymentConfig.defaults());
    orders =
        new io.harbourpay.platform.payments.OrderService(
            ledger, database, walletAccounts, pins, merchants, payments, clock);
    staticQr =
        new io.harbourpay.platform.payments.StaticQrService(
            ledger, database, walletAccounts, pins, merchants, payments, clock);
    paymentExpiry =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "payment-expiry");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** How often payments past their confirmation window are failed and their holds released. */
  public static final long PAYMENT_EXPIRY_SWEEP_MS = 2_000;

  /** Opens the stores (migrating them), starts the ledger, and resumes unfinished bank work. */
  public static Platform start(Options options) {
    Platform platform = new Platform(options);
    platform.walletAccounts.prepareOperator();
    platform.bankTransfers.resumeProcessing();
    platform.merchantAuth.start();
    platform.payments.prepare();
    platform.paymentExpiry.scheduleWithFixedDelay(
        () -> {
          try {
            platform.payments.expireDue();
            platform.orders.expireDue();
          } catch (RuntimeException failure) {
            System.getLogger(Platform.class.getName())
                .log(System.Logger.Level.WARNING, "payment expiry sweep failed", failure);
          }
        },
        PAYMENT_EXPIRY_SWEEP_MS,
        PAYMENT_EXPIRY_SWEEP_MS,
        java.util.concurrent.TimeUnit.MILLISECONDS);
    return platform;
  }

  /**
   * The purge of expired customer, operator and console sessions, in batches of {@code batchSize}
   * rows, at most {@code batchesPerRunMax} batches per kind and run; the server runs it on a
   * schedule.
   */
  public SessionPurge sessionPurge(int batchSize, int batchesPerRunMax) {
    return new SessionPurge(
        List.of(
            new SessionPurge.Kind("customer", sessions::purgeExpired),
            new SessionPurge.Kind("operator", operators::purgeExpired),
            new SessionPurge.Kind("console", consoleUsers::purgeExpired)),
        batchSize,
        batchesPerRunMax);
  }

  public JdbcLedgerStore ledgerStore() {
    return ledgerStore;
  }

  @Override
  public void close() {
    paymentExpiry.shutdownNow();
    webhooks.close();
    merchantAuth.close();
    bankTransfers.close();
    ledger.close();
    database.close();
  }
}

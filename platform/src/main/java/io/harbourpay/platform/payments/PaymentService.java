package io.harbourpay.platform.payments;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.CustomerDirectory;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.PinVerifier;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantService;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.platform.wallets.Entries;
import io.harbourpay.platform.wallets.LedgerCalls;
import io.harbourpay.platform.wallets.LedgerCodes;
import io.harbourpay.platform.wallets.Limits;
import io.harbourpay.platform.wallets.WalletAccounts;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.platform.webhooks.EventType;
import io.harbourpay.platform.webhooks.Outbox;
import io.harbourpay.qr.paycode.PayCodeFormat;
import io.harbourpay.qr.paycode.PayCodeVerification;
import io.harbourpay.qr.paycode.PayCodeVerifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Customer-presented pay-code payments: charge, confirm or decline (above the confirmation
 * threshold), cancel, expire, refund. Every money movement is one ledger command with its records
 * (docs/payments.md); every ledger id is derived from the payment or refund id, and the payment id
 * from (merchant, merchant reference), so a till that retries pays once.
 */
public final class PaymentService {
  /** Account codes (stored; never renumber; distinct from the wallet's {@link LedgerCodes}). */
  public static final int ACCOUNT_MERCHANT_SETTLEMENT = 200;

  public static final int ACCOUNT_FEE_INCOME = 210;

  /** Transfer codes. */
  public static final int TRANSFER_PAYMENT = 30;

  public static final int TRANSFER_PAYMENT_FEE = 31;
  public static final int TRANSFER_REFUND = 32;
  public static final int TRANSFER_REFUND_FEE = 33;

  public static final int REFERENCE_LENGTH_MAX = 64;
  public static final int REASON_LENGTH_MAX = 200;
  public static final int REFUND_REFERENCE_LENGTH_MAX = 255;

  /** Refunds of one payment racing for the same sequence number retry this often. */
  static final int REFUND_ATTEMPTS_MAX = 5;

  /** Open payments one expiry sweep handles. */
  static final int EXPIRE_BATCH_MAX = 200;

  static final int USED_CODES_REMEMBERED_MAX = 200_000;

  private static final Pattern REFERENCE =
      Pattern.compile("[\\x21-\\x7e]{1," + REFERENCE_LENGTH_MAX + "}");

  /** Legs of a charge (and of its holds), in order. */
  private static final int LEG_MONEY = 0;

  private static final int LEG_DAILY = 1;
  private static final int LEG_YEARLY = 2;
  private static final int LEG_CAP_RELEASE = 3;
  private static final int HOLD_LEGS = 4;

  static final String COLUMNS =
      "id, merchant_id, merchant_reference, customer_id, store_id, terminal_id, currency, amount,"
          + " fee, amount_refunded, fee_refunded, refunds_count, status, failure_code, device_id,"
          + " time_step, expires_at, created_at, updated_at";

  private static final String INSERT_PAYMENT =
      "INSERT INTO payments ("
          + COLUMNS
          + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String SET_STATUS =
      "UPDATE payments SET status = ?, failure_code = ?, updated_at = ?"
          + " WHERE id = ? AND status = 'requires_confirmation'";

  private final Ledger ledger;
  private final Database database;
  private final WalletAccounts accounts;
  private final CustomerDirectory customers;
  private final PinVerifier pins;
  private final MerchantService merchants;
  private final PayCodeDevices devices;
  private final PayCodeVerifier verifier;
  final Outbox outbox;
  private final Clock clock;
  private volatile PaymentConfig config;
  private final Set<Long> preparedMerchants = ConcurrentHashMap.newKeySet();

  /** (device, step) of codes charged on this node: refused before the ledger sees them. */
  private final Map<String, Long> usedCodes = new ConcurrentHashMap<>();

  private final Object[] refundLocks = new Object[64];
  private final PayCodeGuesses guesses;

  public PaymentService(
      Ledger ledger,
      Database database,
      WalletAccounts accounts,
      CustomerDirectory customers,
      PinVerifier pins,
      MerchantService merchants,
      PayCodeDevices devices,
      Clock clock,
      PaymentConfig config) {
    this.ledger = ledger;
    this.database = database;
    this.accounts = accounts;
    this.customers = customers;
    this.pins = pins;
    this.merchants = merchants;
    this.devices = devices;
    this.verifier = new PayCodeVerifier(devices, clock);
    this.guesses = new PayCodeGuesses(clock);
    this.outbox = new Outbox(clock);
    this.clock = clock;
    this.config = config;
    for (int index = 0; index < refundLocks.length; index++) refundLocks[index] = new Object();
  }

  public PaymentConfig config() {
    return config;
  }

  /** Changes the rules for payments created from now on. */
  public void configure(PaymentConfig newConfig) {
    this.config = newConfig;
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts

  public static long settlementAccount(long merchantId, WalletCurrency currency) {
    return Ids.derive("merchant-settlement", merchantId, currency);
  }

  public static long feeIncomeAccount(WalletCurrency currency) {
    return WalletAccounts.operator(ACCOUNT_FEE_INCOME, currency);
  }

  /** The operator's fee-income accounts in every currency; called once at start. */
  public void prepare() {
    List<Account> fees = new ArrayList<>();
    for (WalletCurrency currency : WalletCurrency.values()) {
      fees.add(
          Account.create(
              feeIncomeAccount(currency),
              currency.name(),
              ACCOUNT_FEE_INCOME,
              AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
              0));
    }
    LedgerCalls.requireAccounts(LedgerCalls.await(ledger.createAccounts(fees)));
  }

  void prepareMerchant(long merchantId, WalletCurrency currency) {
    long id = settlementAccount(merchantId, currency);
    if (preparedMerchants.contains(id)) return;
    LedgerCalls.requireAccounts(
        LedgerCalls.await(
            ledger.createAccounts(
                List.of(
                    Account.create(
                        id,
                        currency.name(),
                        ACCOUNT_MERCHANT_SETTLEMENT,
                        AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS,
                        merchantId)))));
    if (preparedMerchants.size() > 100_000) preparedMerchants.clear();
    preparedMerchants.add(id);
  }

  // ---------------------------------------------------------------------------------------------
  // Charge

  /** What a till sends to charge a scanned pay code. */
  public record Charge(
      String payCode,
      long amountMinor,
      String currency,
      String store,
      String terminal,
      String merchantReference) {}

  /**
   * A till's own reference for a sale (a charge or a dynamic order): 1 to 64 printable ASCII
   * characters without spaces, or INVALID naming {@code merchant_reference}. Returns it.
   */
  static String requireMerchantReference(String reference) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      throw PlatformException.invalid(
          "merchant_reference",
          "merchant_reference_invalid",
          "merchant_reference is 1 to 64 printable ASCII characters without spaces");
    }
    return reference;
  }

  /** The payment id a till's order reference maps to: the same reference, the same payment. */
  public static long paymentId(long merchantId, String merchantReference) {
    return Ids.derive("payment", merchantId, merchantReference);
  }

  /**
   * Charges a scanned pay code. At or below the confirmation threshold the money moves at once
   * ({@code succeeded}); above it the money is held and the payment {@code requires_confirmation}.
   * The same merchant reference again returns the same payment (a different amount or currency
   * under it is a conflict).
   */
  public Payment charge(long merchantId, Charge request) {
    String reference = requireMerchantReference(request.merchantReference());
    PlatformException.requirePositiveAmount(request.amountMinor());
    WalletCurrency currency = WalletCurrency.parse(request.currency(), "currency");
    Merchant merchant = merchants.get(merchantId);
    if (!merchant.settlementCurrency().equals(currency.name())) {
      throw PlatformException.invalid(
          "currency",
          "currency_not_settlement",
          "This merchant takes payments in "
              + merchant.settlementCurrency()
              + " only; paying in another currency is not available yet");
    }
    long storeId = parseId(Store.ID_PREFIX, request.store(), "store");
    long terminalId = parseId(Terminal.ID_PREFIX, request.terminal(), "terminal");
    Store store = merchants.store(merchantId, storeId);
    Terminal terminal = merchants.terminal(merchantId, terminalId);
    if (terminal.storeId() != store.id()) {
      throw PlatformException.invalid(
          "terminal", "terminal_not_in_store", "This terminal belongs to another store");
    }
    if (terminal.status() != Terminal.Status.ACTIVE) {
      throw new PlatformException(
          ErrorType.PERMISSION, "terminal_disabled", "This terminal is disabled", "terminal");
    }

    long id = paymentId(merchantId, reference);
    Optional<Payment> existing = find(id);
    if (existing.isPresent()) {
      return sameOrConflict(existing.get(), request.amountMinor(), currency);
    }

    guesses.check(terminalId);
    PayCodeVerification verification = verifier.verify(request.payCode());
    if (verification instanceof PayCodeVerification.Invalid invalid) {
      if (PayCodeGuesses.isGuess(invalid.reason())) guesses.record(terminalId);
      throw payCodeRefused(invalid.reason());
    }
    PayCodeVerification.Valid valid = (PayCodeVerification.Valid) verification;
    String usedKey = valid.deviceId() + ":" + valid.timeStep();
    if (usedCodes.containsKey(usedKey)) {
      throw payCodeUsed();
    }
    PayCodeDevice device =
        devices.device(valid.deviceId()).orElseThrow(() -> payCodeRefused(unknownDevice()));
    CustomerRef customer =
        customers.byId(device.customerId()).orElseThrow(() -> payCodeRefused(unknownDevice()));
    if (customer.locked()) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "customer_locked",
          "This customer's wallet is locked; ask for another way to pay",
          "pay_code");
    }
    Limits limits = accounts.limitsOf(customer, currency);
    if (request.amountMinor() > limits.perPaymentMinor()) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "per_payment_limit_exceeded",
          "The amount is above the customer's per-payment limit of "
              + limits.perPaymentMinor()
              + " minor units",
          "amount");
    }
    // The allowance legs use the day that was prepared, even if midnight passes in between.
    LocalDate day = accounts.prepareSender(customer, currency);
    prepareMerchant(merchantId, currency);

    PaymentConfig rules = config;
    boolean confirm = rules.needsConfirmation(currency, request.amountMinor());
    Instant now = clock.instant();
    long nowMicros = Time.micros(now);
    long fee = Fees.fee(request.amountMinor(), merchant.discountRateBps());
    Instant expiresAt = confirm ? now.plus(rules.confirmationWindow()) : null;
    Payment payment =
        new Payment(
            id,
            merchantId,
            reference,
            customer.id(),
            storeId,
            terminalId,
            currency,
            request.amountMinor(),
            fee,
            0,
            0,
            0,
            confirm ? Payment.REQUIRES_CONFIRMATION : Payment.SUCCEEDED,
            null,
            valid.deviceId(),
            valid.timeStep(),
            expiresAt,
            now,
            now,
            List.of());

    List<Transfer> legs = new ArrayList<>(holdLegs(payment, confirm, rules, day));
    if (!confirm && fee > 0) legs.add(feeLeg(payment));
    List<AttachedRecord> records = new ArrayList<>();
    records.add(insertRecord(payment, nowMicros));
    records.add(
        AttachedRecord.of(
            "INSERT INTO paycode_uses (device_id, time_step, payment_id, used_at)"
                + " VALUES (?, ?, ?, ?)",
            valid.deviceId(),
            valid.timeStep(),
            id,
            nowMicros));
    records.add(
        Entries.insert(
            Ids.derive(id, "entry"),
            customer.id(),
            currency,
            "payment",
            -request.amountMinor(),
            confirm ? Entries.PENDING : Entries.SUCCEEDED,
            counterparty(merchant),
            null,
            payment.publicId(),
            confirm ? null : Ids.derive(id, "money"),
            nowMicros));
    if (!confirm) {
      records.add(
          outbox.event(
              merchantId,
              EventType.PAYMENT_SUCCEEDED,
              PaymentJson.payment(payment),
              Outbox.eventId(id, EventType.PAYMENT_SUCCEEDED)));
    }
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(new Command(legs, records))));
    if (outcome.applied() || outcome.alreadyDone()) {
      rememberUsed(usedKey, valid.timeStep());
      Payment done = find(id).orElseThrow(() -> new IllegalStateException("payment row missing"));
      return sameOrConflict(done, request.amountMinor(), currency);
    }
    if (outcome.failure() == CreateTransferResult.RECORD_REJECTED) {
      // The (device, step) primary key: another payment charged this code first. Or the
      // (merchant, reference) key was taken by a concurrent request with another amount.
      Optional<Payment> raced = find(id);
      if (raced.isPresent()) return sameOrConflict(raced.get(), request.amountMinor(), currency);
      rememberUsed(usedKey, valid.timeStep());
      throw payCodeUsed();
    }
    if (outcome.isConflict()) {
      throw referenceReused();
    }
    throw refused(outcome);
  }

  /** The customer's wallet refused a charge's legs: which limit, as the API answers it. */
  static RuntimeException refused(LedgerCalls.Outcome outcome) {
    boolean exceeded = outcome.failure() == CreateTransferResult.EXCEEDS_CREDITS;
    return switch (exceeded ? outcome.failedIndex() : -1) {
      case LEG_MONEY ->
          new PlatformException(
              ErrorType.DECLINED,
              "insufficient_funds",
              "The customer's wallet balance is too low for this payment",
              "amount");
      case LEG_DAILY ->
          new PlatformException(
              ErrorType.DECLINED,
              "daily_limit_exceeded",
              "This payment would pass the customer's daily limit",
              "amount");
      case LEG_YEARLY ->
          new PlatformException(
              ErrorType.DECLINED,
              "yearly_limit_exceeded",
              "This payment would pass the customer's yearly limit",
              "amount");
      default -> new IllegalStateException("ledger refused a payment: " + outcome);
    };
  }

  List<Transfer> holdLegs(Payment payment, boolean pending, PaymentConfig rules, LocalDate day) {
    long id = payment.id();
    long customerId = payment.customerId();
    WalletCurrency currency = payment.currency();
    String cur = currency.name();
    long amount = payment.amountMinor();
    long sink = WalletAccounts.operator(LedgerCodes.LIMIT_SINK, currency);
    long[][] legs = {
      {
        Ids.derive(id, "money"),
        WalletAccounts.wallet(customerId, currency),
        settlementAccount(payment.merchantId(), currency),
        TRANSFER_PAYMENT
      },
      {
        Ids.derive(id, "daily"),
        WalletAccounts.daily(customerId, currency, day),
        sink,
        LedgerCodes.LIMIT_USE
      },
      {
        Ids.derive(id, "yearly"),
        WalletAccounts.yearly(customerId, currency, day.getYear()),
        sink,
        LedgerCodes.LIMIT_USE
      },
      {
        Ids.derive(id, "cap-release"),
        sink,
        WalletAccounts.cap(customerId, currency),
        LedgerCodes.CAP_RELEASE
      }
    };
    int timeout = (int) rules.confirmationWindow().toSeconds();
    List<Transfer> transfers = new ArrayList<>(HOLD_LEGS);
    for (long[] leg : legs) {
      transfers.add(
          pending
              ? Transfer.pending(leg[0], leg[1], leg[2], amount, cur, (int) leg[3], timeout)
              : Transfer.of(leg[0], leg[1], leg[2], amount, cur, (int) leg[3]));
    }
    return transfers;
  }

  /** A charge captured at once (the PIN was the confirmation) and the command that makes it. */
  record ImmediateCharge(Payment payment, Command command) {}

  /**
   * The command every immediate charge is (dynamic order, static sticker): gross and allowance
   * legs, the fee leg, the payment row, {@code extraRecords} (what the caller adds — the order's
   * outcome, say), the customer's history line and the payment.succeeded event.
   */
  ImmediateCharge immediateCharge(
      CustomerRef customer,
      Merchant merchant,
      long paymentId,
      String merchantReference,
      long storeId,
      long terminalId,
      WalletCurrency currency,
      long amountMinor,
      List<AttachedRecord> extraRecords) {
    // The allowance legs use the day that was prepared, even if midnight passes in between.
    LocalDate day = accounts.prepareSender(customer, currency);
    prepareMerchant(merchant.id(), currency);
    Instant nowInstant = clock.instant();
    long now = Time.micros(nowInstant);
    long fee = Fees.fee(amountMinor, merchant.discountRateBps());
    Payment payment =
        new Payment(
            paymentId,
            merchant.id(),
            merchantReference,
            customer.id(),
            storeId,
            terminalId,
            currency,
            amountMinor,
            fee,
            0,
            0,
            0,
            Payment.SUCCEEDED,
            null,
            0,
            0,
            null,
            nowInstant,
            nowInstant,
            List.of());
    List<Transfer> legs = new ArrayList<>(holdLegs(payment, false, config, day));
    if (fee > 0) legs.add(feeLeg(payment));
    List<AttachedRecord> records = new ArrayList<>();
    records.add(insertRecord(payment, now));
    records.addAll(extraRecords);
    records.add(
        Entries.insert(
            Ids.derive(paymentId, "entry"),
            customer.id(),
            currency,
            "payment",
            -amountMinor,
            Entries.SUCCEEDED,
            counterparty(merchant),
            null,
            payment.publicId(),
            Ids.derive(paymentId, "money"),
            now));
    records.add(
        outbox.event(
            merchant.id(),
            EventType.PAYMENT_SUCCEEDED,
            PaymentJson.payment(payment),
            Outbox.eventId(paymentId, EventType.PAYMENT_SUCCEEDED)));
    return new ImmediateCharge(payment, new Command(legs, records));
  }

  static Transfer feeLeg(Payment payment) {
    return Transfer.of(
        Ids.derive(payment.id(), "fee"),
        settlementAccount(payment.merchantId(), payment.currency()),
        feeIncomeAccount(payment.currency()),
        payment.feeMinor(),
        payment.currency().name(),
        TRANSFER_PAYMENT_FEE);
  }

  private static final String[] HOLD_NAMES = {"money", "daily", "yearly", "cap-release"};

  private static long holdId(long paymentId, int leg) {
    return Ids.derive(paymentId, HOLD_NAMES[leg]);
  }

  static AttachedRecord insertRecord(Payment payment, long nowMicros) {
    return AttachedRecord.of(
        INSERT_PAYMENT,
        payment.id(),
        payment.merchantId(),
        payment.merchantReference(),
        payment.customerId(),
        payment.storeId(),
        payment.terminalId(),
        payment.currency().name(),
        payment.amountMinor(),
        payment.feeMinor(),
        0L,
        0L,
        0,
        payment.status(),
        null,
        payment.deviceId(),
        payment.timeStep(),
        payment.expiresAt() == null ? null : Time.micros(payment.expiresAt()),
        nowMicros,
        nowMicros);
  }

  static String counterparty(Merchant merchant) {
    String name = merchant.legalName();
    return name.length() <= 100 ? name : name.substring(0, 100);
  }

  private void rememberUsed(String key, long timeStep) {
    if (usedCodes.size() >= USED_CODES_REMEMBERED_MAX) {
      long oldest =
          PayCodeFormat.timeStepOf(clock.instant()) - PayCodeFormat.STEPS_ACCEPTED_PAST - 1;
      usedCodes.values().removeIf(step -> step < oldest);
      if (usedCodes.size() >= USED_CODES_REMEMBERED_MAX) usedCodes.clear();
    }
    usedCodes.put(key, timeStep);
  }

  private static Payment sameOrConflict(
      Payment existing, long amountMinor, WalletCurrency currency) {
    if (existing.amountMinor() != amountMinor || existing.currency() != currency) {
      throw referenceReused();
    }
    return existing;
  }

  private static PlatformException referenceReused() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "merchant_reference_reused",
        "This merchant_reference belongs to a payment with another amount or currency",
        "merchant_reference");
  }

  private static PlatformException payCodeUsed() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "pay_code_used",
        "This pay code has already paid; ask the customer to show a fresh one",
        "pay_code");
  }

  private static PayCodeVerification.Reason unknownDevice() {
    return PayCodeVerification.Reason.UNKNOWN_DEVICE;
  }

  /** Each refusal of the verifier with its own code (docs/payments.md, "Errors"). */
  static PlatformException payCodeRefused(PayCodeVerification.Reason reason) {
    String code =
        switch (reason) {
          case UNKNOWN_PREFIX -> "pay_code_unknown_prefix";
          case MALFORMED -> "pay_code_malformed";
          case UNKNOWN_DEVICE -> "pay_code_unknown_device";
          case BAD_CHECK -> "pay_code_invalid";
          case EXPIRED -> "pay_code_expired";
          case NOT_YET_VALID -> "pay_code_not_yet_valid";
          case LEASE_EXPIRED -> "pay_code_lease_expired";
        };
    String message =
        switch (reason) {
          case UNKNOWN_PREFIX -> "This is not a HarbourPay pay code (it does not start with 88)";
          case MALFORMED -> "A HarbourPay pay code is 18 digits";
          case UNKNOWN_DEVICE -> "This pay code comes from no registered HarbourPay device";
          case BAD_CHECK -> "This pay code's check digits are wrong; scan it again";
          case EXPIRED -> "This pay code has expired; ask the customer to refresh it";
          case NOT_YET_VALID -> "This pay code is not valid yet; check the till's clock";
          case LEASE_EXPIRED ->
              "The customer's device has been offline too long; it must go online";
        };
    return PlatformException.invalid("pay_code", code, message);
  }

  private static long parseId(String prefix, String publicId, String param) {
    if (publicId == null) {
      throw PlatformException.invalid(param, "parameter_missing", param + " is required");
    }
    long id = Ids.parsePublicId(prefix, publicId);
    if (id < 0) throw PlatformException.notFound(param);
    return id;
  }

  // ---------------------------------------------------------------------------------------------
  // Confirmation

  /** The customer confirms a held payment with the PIN: the holds are posted and the fee taken. */
  public Payment confirm(CustomerRef customer, String publicId, String pin) {
    Payment payment = forCustomer(customer.id(), publicId);
    if (payment.status().equals(Payment.SUCCEEDED)) return payment;
    requireConfirmable(payment);
    if (!clock.instant().isBefore(payment.expiresAt())) {
      expire(payment);
      throw expired();
    }
    pins.verify(customer.id(), pin);
    long id = payment.id();
    List<Transfer> legs = new ArrayList<>();
    for (int leg = 0; leg < HOLD_LEGS; leg++) {
      legs.add(Transfer.post(Ids.derive(id, "post", leg), holdId(id, leg), 0));
    }
    if (payment.feeMinor() > 0) legs.add(feeLeg(payment));
    long now = Time.micros(clock);
    Payment succeeded = withStatus(payment, Payment.SUCCEEDED, null);
    List<AttachedRecord> records =
        List.of(
            AttachedRecord.of(SET_STATUS, Payment.SUCCEEDED, null, now, id),
            Entries.settle(
                payment.publicId(),
                payment.customerId(),
                Entries.SUCCEEDED,
                Ids.derive(id, "post", LEG_MONEY),
                now),
            outbox.event(
                payment.merchantId(),
                EventType.PAYMENT_SUCCEEDED,
                PaymentJson.payment(succeeded),
                Outbox.eventId(id, EventType.PAYMENT_SUCCEEDED)));
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(new Command(legs, records))));
    if (!outcome.applied() && !outcome.alreadyDone()) {
      if (outcome.failure() == CreateTransferResult.PENDING_TRANSFER_EXPIRED) {
        expire(payment);
        throw expired();
      }
      if (outcome.failure() != CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED) {
        throw new IllegalStateException("ledger refused a confirmation: " + outcome);
      }
    }
    Payment now2 = forCustomer(customer.id(), publicId);
    if (!now2.status().equals(Payment.SUCCEEDED)) requireConfirmable(now2);
    return now2;
  }

  /** The customer refuses a held payment: the holds are released. */
  public Payment decline(CustomerRef customer, String publicId) {
    Payment payment = forCustomer(customer.id(), publicId);
    if (payment.status().equals(Payment.FAILED)
        && "declined_by_customer".equals(payment.failureCode())) {
      return payment;
    }
    requireConfirmable(payment);
    Payment after = release(payment, Payment.FAILED, "declined_by_customer", true);
    if (!"declined_by_customer".equals(after.failureCode())) requireConfirmable(after);
    return after;
  }

  /** The merchant cancels a payment that has not succeeded: the holds are released. */
  public Payment cancel(long merchantId, String publicId) {
    Payment payment = forMerchant(merchantId, publicId);
    if (payment.status().equals(Payment.CANCELED)) return payment;
    if (!payment.status().equals(Payment.REQUIRES_CONFIRMATION)) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "payment_not_cancelable",
          "Only a payment waiting for confirmation can be canceled; this one is "
              + payment.status()
              + (payment.status().equals(Payment.SUCCEEDED) ? " (refund it instead)" : ""));
    }
    Payment after = release(payment, Payment.CANCELED, "canceled_by_merchant", false);
    if (!after.status().equals(Payment.CANCELED)) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "payment_not_cancelable",
          "The payment became " + after.status() + " before it could be canceled");
    }
    return after;
  }

  /**
   * Fails every payment whose confirmation window has passed; returns how many. The server runs it
   * every few seconds; a read or a confirmation of an overdue payment runs it for that payment.
   */
  public int expireDue() {
    long now = Time.micros(clock);
    List<Long> due =
        DueIds.select(
            database,
            "SELECT id FROM payments WHERE status = 'requires_confirmation'"
                + " AND expires_at <= ? ORDER BY expires_at LIMIT "
                + EXPIRE_BATCH_MAX,
            now);
    int expired = 0;
    for (long id : due) {
      Optional<Payment> payment = find(id);
      if (payment.isPresent() && payment.get().status().equals(Payment.REQUIRES_CONFIRMATION)) {
        if (expire(payment.get()).status().equals(Payment.FAILED)) expired++;
      }
    }
    return expired;
  }

  private Payment expire(Payment payment) {
    return release(payment, Payment.FAILED, "confirmation_expired", true);
  }

  /**
   * Voids the holds and moves the payment to {@code status} in one command. If the ledger already
   * expired the holds itself, only the rows change (nothing is left to move), in one ordinary
   * transaction guarded by the status, so the event is written once.
   */
  private Payment release(Payment payment, String status, String failureCode, boolean event) {
    long id = payment.id();
    List<Transfer> legs = new ArrayList<>();
    for (int leg = 0; leg < HOLD_LEGS; leg++) {
      legs.add(Transfer.voidPending(Ids.derive(id, "void", leg), holdId(id, leg)));
    }
    long now = Time.micros(clock);
    Payment after = withStatus(payment, status, failureCode);
    List<AttachedRecord> records = new ArrayList<>();
    records.add(AttachedRecord.of(SET_STATUS, status, failureCode, now, id));
    records.add(
        Entries.settle(payment.publicId(), payment.customerId(), Entries.FAILED, null, now));
    if (event) {
      records.add(
          outbox.event(
              payment.merchantId(),
              EventType.PAYMENT_FAILED,
              PaymentJson.payment(after),
              Outbox.eventId(id, EventType.PAYMENT_FAILED)));
    }
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(new Command(legs, records))));
    if (!outcome.applied() && !outcome.alreadyDone()) {
      CreateTransferResult failure = outcome.failure();
      if (failure == CreateTransferResult.PENDING_TRANSFER_EXPIRED) {
        database.transaction(
            connection -> {
              int changed = run(connection, records.get(0));
              if (changed == 1) {
                for (AttachedRecord record : records.subList(1, records.size())) {
                  if (record.sql().startsWith("INSERT INTO webhook_events")) {
                    outbox.publish(
                        connection,
                        payment.merchantId(),
                        EventType.PAYMENT_FAILED,
                        PaymentJson.payment(after),
                        Outbox.eventId(id, EventType.PAYMENT_FAILED));
                  } else {
                    run(connection, record);
                  }
                }
              }
              return changed;
            });
      } else if (failure != CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED
          && failure != CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED) {
        throw new IllegalStateException("ledger refused to release holds: " + outcome);
      }
    }
    return find(id).orElseThrow();
  }

  private static int run(Connection connection, AttachedRecord record) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(record.sql())) {
      for (int index = 0; index < record.parameters().size(); index++) {
        statement.setObject(index + 1, record.parameters().get(index));
      }
      return statement.executeUpdate();
    }
  }

  private static void requireConfirmable(Payment payment) {
    if ("confirmation_expired".equals(payment.failureCode())) {
      throw expired();
    }
    if (!payment.status().equals(Payment.REQUIRES_CONFIRMATION)) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "payment_not_confirmable",
          "This payment is "
              + payment.status()
              + (payment.failureCode() == null ? "" : " (" + payment.failureCode() + ")")
              + "; only a payment waiting for confirmation can be confirmed or declined");
    }
  }

  private static PlatformException expired() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "payment_expired",
        "The time to confirm this payment has passed; it failed and nothing was taken");
  }

  private static Payment withStatus(Payment p, String status, String failureCode) {
    return new Payment(
        p.id(),
        p.merchantId(),
        p.merchantReference(),
        p.customerId(),
        p.storeId(),
        p.terminalId(),
        p.currency(),
        p.amountMinor(),
        p.feeMinor(),
        p.amountRefundedMinor(),
        p.feeRefundedMinor(),
        p.refundsCount(),
        status,
        failureCode,
        p.deviceId(),
        p.timeStep(),
        p.expiresAt(),
        p.createdAt(),
        p.updatedAt(),
        p.refunds());
  }

  // ---------------------------------------------------------------------------------------------
  // Refunds

  /**
   * Refunds {@code amountMinor} of a succeeded payment, returning the fee share (see {@link Fees}).
   * With a {@code refundReference} (the merchant's refund reference or its Idempotency-Key) the
   * refund id is derived from it: the same reference refunds once.
   */
  public Refund refund(
      long merchantId,
      String paymentPublicId,
      long amountMinor,
      String reason,
      String refundReference) {
    PlatformException.requirePositiveAmount(amountMinor);
    if (reason != null && reason.codePointCount(0, reason.length()) > REASON_LENGTH_MAX) {
      throw PlatformException.invalid(
          "reason", "reason_too_long", "reason is at most " + REASON_LENGTH_MAX + " characters");
    }
    if (refundReference != null
        && (refundReference.isEmpty() || refundReference.length() > REFUND_REFERENCE_LENGTH_MAX)) {
      throw PlatformException.invalid(
          "merchant_refund_reference",
          "merchant_refund_reference_invalid",
          "merchant_refund_reference is 1 to 255 characters");
    }
    Payment payment = forMerchant(merchantId, paymentPublicId);
    long refundId =
        refundReference == null
            ? Ids.random()
            : Ids.derive("refund", payment.id(), refundReference);
    synchronized (refundLocks[(int) Math.floorMod(payment.id(), (long) refundLocks.length)]) {
      for (int attempt = 0; attempt < REFUND_ATTEMPTS_MAX; attempt++) {
        Optional<Refund> done = findRefund(refundId);
        if (done.isPresent()) {
          if (done.get().paymentId() != payment.id() || done.get().amountMinor() != amountMinor) {
            throw new PlatformException(
                ErrorType.CONFLICT,
                "refund_reference_reused",
                "This refund reference was used for a refund of another amount",
                "merchant_refund_reference");
          }
          return done.get();
        }
        Payment current = forMerchant(merchantId, paymentPublicId);
        Optional<Refund> made = tryRefund(current, refundId, amountMinor, reason, refundReference);
        if (made.isPresent()) return made.get();
      }
    }
    throw PlatformException.unavailable("refunds of this payment are racing; try again");
  }

  private Optional<Refund> tryRefund(
      Payment payment, long refundId, long amountMinor, String reason, String reference) {
    if (!payment.status().equals(Payment.SUCCEEDED)) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "payment_not_refundable",
          "Only a succeeded payment can be refunded; this one is " + payment.status());
    }
    if (amountMinor > payment.refundableMinor()) {
      throw PlatformException.invalid(
          "amount",
          "amount_exceeds_refundable",
          "At most "
              + payment.refundableMinor()
              + " minor units of this payment are left to refund");
    }
    WalletCurrency currency = payment.currency();
    String cur = currency.name();
    long feeShare =
        Fees.feeShare(
            payment.amountMinor(), payment.feeMinor(), payment.amountRefundedMinor(), amountMinor);
    long settlement = settlementAccount(payment.merchantId(), currency);
    List<Transfer> legs = new ArrayList<>();
    if (feeShare > 0) {
      legs.add(
          Transfer.of(
              Ids.derive(refundId, "fee"),
              feeIncomeAccount(currency),
              settlement,
              feeShare,
              cur,
              TRANSFER_REFUND_FEE));
    }
    int moneyLeg = legs.size();
    long moneyId = Ids.derive(refundId, "money");
    legs.add(
        Transfer.of(
            moneyId,
            settlement,
            WalletAccounts.wallet(payment.customerId(), currency),
            amountMinor,
            cur,
            TRANSFER_REFUND));
    legs.add(
        Transfer.of(
            Ids.derive(refundId, "cap-use"),
            WalletAccounts.cap(payment.customerId(), currency),
            WalletAccounts.operator(LedgerCodes.LIMIT_SINK, currency),
            amountMinor,
            cur,
            LedgerCodes.CAP_USE));
    Instant nowInstant = clock.instant();
    long now = Time.micros(nowInstant);
    int sequence = payment.refundsCount() + 1;
    Refund refund =
        new Refund(
            refundId, payment.id(), sequence, amountMinor, feeShare, reason, reference, nowInstant);
    Merchant merchant = merchants.get(payment.merchantId());
    List<AttachedRecord> records =
        List.of(
            AttachedRecord.of(
                "INSERT INTO refunds (id, payment_id, merchant_id, seq, amount, fee_returned,"
                    + " reason, reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                refundId,
                payment.id(),
                payment.merchantId(),
                sequence,
                amountMinor,
                feeShare,
                reason,
                reference,
                now),
            AttachedRecord.of(
                "UPDATE payments SET amount_refunded = amount_refunded + ?, fee_refunded ="
                    + " fee_refunded + ?, refunds_count = refunds_count + 1, updated_at = ?"
                    + " WHERE id = ?",
                amountMinor,
                feeShare,
                now,
                payment.id()),
            Entries.insert(
                Ids.derive(refundId, "entry"),
                payment.customerId(),
                currency,
                "refund",
                amountMinor,
                Entries.SUCCEEDED,
                counterparty(merchant),
                reason == null ? null : truncate(reason, 140),
                refund.publicId(),
                moneyId,
                now),
            outbox.event(
                payment.merchantId(),
                EventType.PAYMENT_REFUNDED,
                PaymentJson.refund(refund, payment),
                Outbox.eventId(refundId, EventType.PAYMENT_REFUNDED)));
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(new Command(legs, records))));
    if (outcome.applied() || outcome.alreadyDone()) {
      return findRefund(refundId);
    }
    if (outcome.failure() == CreateTransferResult.RECORD_REJECTED) {
      return Optional.empty(); // another refund took this sequence number: read again, retry
    }
    if (outcome.isConflict()) {
      throw new PlatformException(
          ErrorType.CONFLICT,
          "refund_reference_reused",
          "This refund reference was used for another refund",
          "merchant_refund_reference");
    }
    if (outcome.failure() == CreateTransferResult.EXCEEDS_CREDITS
        && outcome.failedIndex() == moneyLeg) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "merchant_balance_insufficient",
          "The merchant's settlement balance is too low for this refund",
          "amount");
    }
    if (outcome.failure() == CreateTransferResult.EXCEEDS_CREDITS
        && outcome.failedIndex() == moneyLeg + 1) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "customer_balance_cap_exceeded",
          "The customer's wallet cannot hold this refund under its balance cap",
          "amount");
    }
    throw new IllegalStateException("ledger refused a refund: " + outcome);
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  /** The merchant's payment by public id; another merchant's is "not found". */
  public Payment forMerchant(long merchantId, String publicId) {
    long id = Ids.parsePublicId(Payment.ID_PREFIX, publicId);
    return fresh(find(id).filter(payment -> payment.merchantId() == merchantId));
  }

  /** The merchant's payment by its own order reference. */
  public Payment byReference(long merchantId, String merchantReference) {
    if (merchantReference == null || merchantReference.isEmpty()) {
      throw PlatformException.invalid(
          "merchant_reference", "parameter_missing", "merchant_reference is required");
    }
    return fresh(
        find(paymentId(merchantId, merchantReference))
            .filter(payment -> payment.merchantId() == merchantId)
            .filter(payment -> payment.merchantReference().equals(merchantReference)));
  }

  /** The merchant's payments, newest first, filtered and paged (the console's list). */
  public io.harbourpay.platform.customers.Page<Payment> search(
      long merchantId, PaymentSearch.Query query) {
    return PaymentSearch.run(database, merchantId, query);
  }

  /** The customer's payment by public id; another customer's is "not found". */
  public Payment forCustomer(long customerId, String publicId) {
    long id = Ids.parsePublicId(Payment.ID_PREFIX, publicId);
    return fresh(find(id).filter(payment -> payment.customerId() == customerId));
  }

  /** Payments waiting for this customer's confirmation, oldest first. */
  public List<Payment> awaitingConfirmation(long customerId) {
    long now = Time.micros(clock);
    List<Long> ids =
        database.read(
            connection -> {
              List<Long> found = new ArrayList<>();
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT id FROM payments WHERE customer_id = ?"
                          + " AND status = 'requires_confirmation' AND expires_at > ?"
                          + " ORDER BY created_at, id LIMIT 20")) {
                select.setLong(1, customerId);
                select.setLong(2, now);
                try (ResultSet rows = select.executeQuery()) {
                  while (rows.next()) found.add(rows.getLong(1));
                }
              }
              return found;
            });
    return ids.stream().map(this::find).flatMap(Optional::stream).toList();
  }

  /** An overdue payment is expired as it is read, so nobody sees a stale "waiting". */
  private Payment fresh(Optional<Payment> found) {
    Payment payment = found.orElseThrow(() -> PlatformException.notFound("payment"));
    if (payment.status().equals(Payment.REQUIRES_CONFIRMATION)
        && !clock.instant().isBefore(payment.expiresAt())) {
      return expire(payment);
    }
    return payment;
  }

  public Optional<Payment> find(long id) {
    if (id <= 0) return Optional.empty();
    return database.read(
        connection -> {
          Payment payment;
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM payments WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) return Optional.empty();
              payment = read(row);
            }
          }
          if (payment.refundsCount() == 0) return Optional.of(payment);
          List<Refund> refunds = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + REFUND_COLUMNS + " FROM refunds WHERE payment_id = ? ORDER BY seq")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) refunds.add(readRefund(rows));
            }
          }
          return Optional.of(payment.withRefunds(refunds));
        });
  }

  private static final String REFUND_COLUMNS =
      "id, payment_id, seq, amount, fee_returned, reason, reference, created_at";

  Optional<Refund> findRefund(long refundId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + REFUND_COLUMNS + " FROM refunds WHERE id = ?")) {
            select.setLong(1, refundId);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(readRefund(row)) : Optional.empty();
            }
          }
        });
  }

  private static Refund readRefund(ResultSet row) throws SQLException {
    return new Refund(
        row.getLong(1),
        row.getLong(2),
        row.getInt(3),
        row.getLong(4),
        row.getLong(5),
        row.getString(6),
        row.getString(7),
        Time.instant(row.getLong(8)));
  }

  static Payment read(ResultSet row) throws SQLException {
    long expires = row.getLong(17);
    boolean noExpiry = row.wasNull();
    return new Payment(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        row.getLong(4),
        row.getLong(5),
        row.getLong(6),
        WalletCurrency.valueOf(row.getString(7)),
        row.getLong(8),
        row.getLong(9),
        row.getLong(10),
        row.getLong(11),
        row.getInt(12),
        row.getString(13),
        row.getString(14),
        row.getLong(15),
        row.getLong(16),
        noExpiry ? null : Time.instant(expires),
        Time.instant(row.getLong(18)),
        Time.instant(row.getLong(19)),
        List.of());
  }
}

package io.harbourpay.platform.payments;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.PinVerifier;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantService;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.platform.wallets.LedgerCalls;
import io.harbourpay.platform.wallets.Limits;
import io.harbourpay.platform.wallets.WalletAccounts;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.platform.webhooks.EventType;
import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.mpm.HarbourPayAccount;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import io.harbourpay.qr.mpm.MpmEncoder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Merchant-presented dynamic QR orders: the till creates an order and shows its EMVCo payload; the
 * customer's wallet decodes it and pays with the PIN. Paying is one ledger command like a pay-code
 * charge (docs/payments.md, "Dynamic QR orders"); exactly one payment and at most one end per
 * order, by the {@code order_outcomes} primary key and the payment id derived from the order.
 */
public final class OrderService {
  public static final int EXPIRES_IN_DEFAULT_SECONDS = 300;
  public static final int EXPIRES_IN_MAX_SECONDS = 3600;
  static final int EXPIRE_BATCH_MAX = 200;
  static final String MERCHANT_CITY = "Hong Kong";
  static final String COUNTRY = "HK";

  private static final String COLUMNS =
      "id, merchant_id, merchant_reference, store_id, terminal_id, currency, amount, payload,"
          + " status, payment_id, expires_at, created_at, updated_at";

  private final Ledger ledger;
  private final Database database;
  private final WalletAccounts accounts;
  private final PinVerifier pins;
  private final MerchantService merchants;
  private final PaymentService payments;
  private final Clock clock;

  public OrderService(
      Ledger ledger,
      Database database,
      WalletAccounts accounts,
      PinVerifier pins,
      MerchantService merchants,
      PaymentService payments,
      Clock clock) {
    this.ledger = ledger;
    this.database = database;
    this.accounts = accounts;
    this.pins = pins;
    this.merchants = merchants;
    this.payments = payments;
    this.clock = clock;
  }

  /** What a till sends to create an order; {@code expiresInSeconds} null means the default. */
  public record Create(
      long amountMinor,
      String currency,
      String store,
      String terminal,
      String merchantReference,
      Integer expiresInSeconds) {}

  /** The order id of a merchant reference: the same reference, the same order. */
  public static long orderId(long merchantId, String merchantReference) {
    return Ids.derive("order", merchantId, merchantReference);
  }

  /** Creates an order, or returns the one with this merchant reference (same amount, currency). */
  public Order create(long merchantId, Create request) {
    String reference = PaymentService.requireMerchantReference(request.merchantReference());
    PlatformException.requirePositiveAmount(request.amountMinor());
    int expiresIn =
        request.expiresInSeconds() == null
            ? EXPIRES_IN_DEFAULT_SECONDS
            : request.expiresInSeconds();
    if (expiresIn < 1 || expiresIn > EXPIRES_IN_MAX_SECONDS) {
      throw PlatformException.invalid(
          "expires_in_seconds",
          "expires_in_seconds_invalid",
          "expires_in_seconds is 1 to " + EXPIRES_IN_MAX_SECONDS);
    }
    WalletCurrency currency = WalletCurrency.parse(request.currency(), "currency");
    Merchant merchant = merchants.get(merchantId);
    if (!merchant.settlementCurrency().equals(currency.name())) {
      throw PlatformException.invalid(
          "currency",
          "currency_not_settlement",
          "This merchant takes payments in " + merchant.settlementCurrency() + " only");
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
    long id = orderId(merchantId, reference);
    Optional<Order> existing = find(id);
    if (existing.isPresent()) return sameOrConflict(existing.get(), request, currency);
    if (payments.find(PaymentService.paymentId(merchantId, reference)).isPresent()) {
      throw reused();
    }
    Instant now = clock.instant();
    Instant expiresAt = now.plusSeconds(expiresIn);
    String payload =
        payload(
            merchant,
            storeId,
            terminalId,
            Ids.publicId(Order.ID_PREFIX, id),
            currency,
            request.amountMinor());
    long micros = Time.micros(now);
    database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO orders ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', NULL, ?, ?, ?)"
                      + " ON CONFLICT DO NOTHING")) {
            insert.setLong(1, id);
            insert.setLong(2, merchantId);
            insert.setString(3, reference);
            insert.setLong(4, storeId);
            insert.setLong(5, terminalId);
            insert.setString(6, currency.name());
            insert.setLong(7, request.amountMinor());
            insert.setString(8, payload);
            insert.setLong(9, Time.micros(expiresAt));
            insert.setLong(10, micros);
            insert.setLong(11, micros);
            return insert.executeUpdate();
          }
        });
    return sameOrConflict(find(id).orElseThrow(), request, currency);
  }

  /** The EMVCo MPM dynamic payload of an order (docs/payments.md). */
  static String payload(
      Merchant merchant,
      long storeId,
      long terminalId,
      String orderPublicId,
      WalletCurrency currency,
      long amountMinor) {
    HarbourPayAccount account =
        new HarbourPayAccount(
            digits(merchant.id(), HarbourPayAccount.MERCHANT_ID_LENGTH_MAX),
            digits(storeId, HarbourPayAccount.STORE_ID_LENGTH_MAX),
            digits(terminalId, HarbourPayAccount.TERMINAL_ID_LENGTH_MAX),
            orderPublicId);
    return MpmEncoder.encode(
        MerchantPresentedPayload.builder()
            .payloadFormatIndicator(MerchantPresentedPayload.FORMAT_VERSION_1)
            .dynamicCode()
            .merchantAccount(account.toTemplate())
            .merchantCategoryCode(merchant.mcc())
            .transactionCurrency(numericCurrency(currency))
            .transactionAmountMinor(amountMinor, 2)
            .countryCode(COUNTRY)
            .merchantName(emvName(merchant.legalName(), 25))
            .merchantCity(MERCHANT_CITY)
            .build());
  }

  /**
   * The id's public digits (13), keeping the last {@code max}: the template's store and terminal
   * fields hold 12, so they are hints for the customer's screen; the order reference decides.
   */
  static String digits(long id, int max) {
    String all = Ids.publicId("x", id).substring(2);
    return all.length() <= max ? all : all.substring(all.length() - max);
  }

  static String emvName(String name, int max) {
    StringBuilder out = new StringBuilder();
    for (char c : name.toCharArray()) {
      if (out.length() == max) break;
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return out.toString().strip();
  }

  static String numericCurrency(WalletCurrency currency) {
    return switch (currency.name()) {
      case "HKD" -> "344";
      case "CNY" -> "156";
      case "MOP" -> "446";
      default -> throw new IllegalArgumentException("no ISO 4217 number for " + currency);
    };
  }

  /** What the customer's wallet shows after decoding a dynamic payload. */
  public record DecodedOrder(
      Order order, String merchantName, Store store, WalletCurrency currency, long amountMinor) {}

  /** Decodes a scanned payload and finds its open order; refuses payloads that are not ours. */
  public DecodedOrder decode(String payload) {
    if (payload == null || payload.isEmpty()) {
      throw PlatformException.invalid("payload", "parameter_missing", "payload is required");
    }
    MerchantPresentedPayload decoded;
    try {
      decoded = MpmDecoder.decode(payload, DecodeMode.STRICT).payload();
    } catch (QrFormatException | IllegalArgumentException malformed) {
      throw PlatformException.invalid(
          "payload", "qr_payload_invalid", "This is not a valid EMVCo merchant-presented code");
    }
    HarbourPayAccount account =
        decoded
            .merchantAccount(HarbourPayAccount.GUID)
            .flatMap(HarbourPayAccount::from)
            .filter(found -> found.orderReference() != null)
            .orElseThrow(
                () ->
                    PlatformException.invalid(
                        "payload",
                        "qr_payload_not_harbourpay_order",
                        "This code carries no HarbourPay order"));
    long id = Ids.parsePublicId(Order.ID_PREFIX, account.orderReference());
    Order order = fresh(find(id));
    if (!payload.equals(order.payload())) throw PlatformException.notFound("order");
    Merchant merchant = merchants.get(order.merchantId());
    Store store = merchants.store(order.merchantId(), order.storeId());
    return new DecodedOrder(
        order, merchant.legalName(), store, order.currency(), order.amountMinor());
  }

  /**
   * The customer pays an open order with the PIN: gross, allowances and fee legs in one command
   * with the payment row, the order's outcome and the payment.succeeded event.
   */
  public Payment pay(CustomerRef customer, String orderPublicId, String pin) {
    long orderId = Ids.parsePublicId(Order.ID_PREFIX, orderPublicId);
    Order order = fresh(find(orderId));
    long paymentId = PaymentService.paymentId(order.merchantId(), order.merchantReference());
    if (!order.status().equals(Order.OPEN)) return outcomeFor(order, customer);
    pins.verify(customer.id(), pin);
    if (customer.locked()) {
      throw new PlatformException(
          ErrorType.DECLINED, "customer_locked", "This wallet is locked", null);
    }
    WalletCurrency currency = order.currency();
    Limits limits = accounts.limitsOf(customer, currency);
    if (order.amountMinor() > limits.perPaymentMinor()) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "per_payment_limit_exceeded",
          "The amount is above your per-payment limit of " + limits.perPaymentMinor(),
          "amount");
    }
    Merchant merchant = merchants.get(order.merchantId());
    long now = Time.micros(clock);
    PaymentService.ImmediateCharge charge =
        payments.immediateCharge(
            customer,
            merchant,
            paymentId,
            order.merchantReference(),
            order.storeId(),
            order.terminalId(),
            currency,
            order.amountMinor(),
            List.of(
                AttachedRecord.of(
                    "UPDATE payments SET order_id = ? WHERE id = ?", orderId, paymentId),
                AttachedRecord.of(
                    "INSERT INTO order_outcomes (order_id, outcome, payment_id, decided_at)"
                        + " VALUES (?, 'paid', ?, ?)",
                    orderId,
                    paymentId,
                    now),
                AttachedRecord.of(
                    "UPDATE orders SET status = 'paid', payment_id = ?, updated_at = ?"
                        + " WHERE id = ? AND status = 'open'",
                    paymentId,
                    now,
                    orderId)));
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(charge.command())));
    if (outcome.applied()
        || outcome.alreadyDone()
        || outcome.isConflict()
        || outcome.failure() == CreateTransferResult.RECORD_REJECTED) {
      // Applied, or somebody (this customer retrying, another customer, the expiry) got there
      // first: the order's outcome says which.
      Order after = find(orderId).orElseThrow();
      if (after.status().equals(Order.OPEN)) {
        throw new IllegalStateException("order payment left no outcome: " + outcome);
      }
      return outcomeFor(after, customer);
    }
    throw PaymentService.refused(outcome);
  }

  /** A decided order: this customer's payment, or why it cannot be paid. */
  private Payment outcomeFor(Order order, CustomerRef customer) {
    switch (order.status()) {
      case Order.PAID -> {
        Payment paid = payments.find(order.paymentId()).orElseThrow();
        if (paid.customerId() == customer.id()) return paid;
        throw alreadyPaid();
      }
      case Order.EXPIRED -> throw expired();
      default -> throw canceled();
    }
  }

  private static PlatformException canceled() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "order_canceled",
        "The merchant canceled this order; it cannot be paid");
  }

  private static PlatformException alreadyPaid() {
    return new PlatformException(
        ErrorType.CONFLICT, "order_already_paid", "This order has already been paid");
  }

  /**
   * The merchant cancels an open order: it can no longer be paid. Idempotent (a canceled order is
   * answered as it is); a paid or expired order is a 409. Races a customer's payment through the
   * {@code order_outcomes} key: exactly one of them wins.
   */
  public Order cancel(long merchantId, String publicId) {
    return endByMerchant(merchantId, publicId, Order.CANCELED);
  }

  /**
   * The merchant closes an open order now, as if its time had run out: expired, with the
   * order.expired event the sweep would write. Idempotent (an expired order is answered as it is);
   * a paid or canceled order is a 409. Races a payment exactly like the expiry does.
   */
  public Order close(long merchantId, String publicId) {
    return endByMerchant(merchantId, publicId, Order.EXPIRED);
  }

  /** Ends an open order as {@code outcome}; the same end again answers it, another is a 409. */
  private Order endByMerchant(long merchantId, String publicId, String outcome) {
    Order order = forMerchant(merchantId, publicId);
    if (order.status().equals(Order.OPEN)) order = end(order, outcome);
    if (order.status().equals(outcome)) return order;
    throw switch (order.status()) {
      case Order.PAID -> alreadyPaid();
      case Order.EXPIRED -> expired();
      case Order.CANCELED -> canceled();
      default -> new IllegalStateException("order status " + order.status());
    };
  }

  private static PlatformException expired() {
    return new PlatformException(
        ErrorType.CONFLICT, "order_expired", "This order has expired; ask for a new code");
  }

  /** The merchant's order; another merchant's is "not found". */
  public Order forMerchant(long merchantId, String publicId) {
    long id = Ids.parsePublicId(Order.ID_PREFIX, publicId);
    return fresh(find(id).filter(order -> order.merchantId() == merchantId));
  }

  /** Expires every open order past its time; returns how many. Run by the payment sweep. */
  public int expireDue() {
    long now = Time.micros(clock);
    List<Long> due =
        DueIds.select(
            database,
            "SELECT id FROM orders WHERE status = 'open' AND expires_at <= ?"
                + " ORDER BY expires_at LIMIT "
                + EXPIRE_BATCH_MAX,
            now);
    int expired = 0;
    for (long id : due) {
      Optional<Order> order = find(id);
      if (order.isPresent() && order.get().status().equals(Order.OPEN)) {
        if (end(order.get(), Order.EXPIRED).status().equals(Order.EXPIRED)) expired++;
      }
    }
    return expired;
  }

  /**
   * Ends an open order as {@code expired} or {@code canceled}, with its order.expired or
   * order.canceled event, in one transaction. The outcome's primary key loses to a payment that
   * committed first, and a later payment loses to it; the answer is the order as the winner left
   * it.
   */
  private Order end(Order order, String outcome) {
    long now = Time.micros(clock);
    Order after =
        new Order(
            order.id(),
            order.merchantId(),
            order.merchantReference(),
            order.storeId(),
            order.terminalId(),
            order.currency(),
            order.amountMinor(),
            order.payload(),
            outcome,
            0,
            order.expiresAt(),
            order.createdAt(),
            Time.instant(now));
    database.transaction(
        connection -> {
          int won;
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO order_outcomes (order_id, outcome, payment_id, decided_at)"
                      + " VALUES (?, ?, NULL, ?) ON CONFLICT DO NOTHING")) {
            insert.setLong(1, order.id());
            insert.setString(2, outcome);
            insert.setLong(3, now);
            won = insert.executeUpdate();
          }
          if (won == 1) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE orders SET status = ?, updated_at = ? WHERE id = ? AND status = 'open'")) {
              update.setString(1, outcome);
              update.setLong(2, now);
              update.setLong(3, order.id());
              update.executeUpdate();
            }
            // The merchant's other systems (a web shop's backend, another till) learn of a
            // cancel the way they learn of an expiry, as Stripe's payment_intent.canceled.
            EventType type =
                outcome.equals(Order.EXPIRED) ? EventType.ORDER_EXPIRED : EventType.ORDER_CANCELED;
            payments.outbox.publish(
                connection,
                order.merchantId(),
                type,
                json(after),
                io.harbourpay.platform.webhooks.Outbox.eventId(order.id(), type));
          }
          return won;
        });
    return find(order.id()).orElseThrow();
  }

  static String json(Order order) {
    return "{\"object\":\"order\",\"id\":"
        + PaymentJson.string(order.publicId())
        + ",\"status\":"
        + PaymentJson.string(order.status())
        + ",\"amount\":"
        + order.amountMinor()
        + ",\"currency\":"
        + PaymentJson.string(order.currency().name())
        + ",\"merchant_reference\":"
        + PaymentJson.string(order.merchantReference())
        + ",\"store\":"
        + PaymentJson.string(order.storePublicId())
        + ",\"terminal\":"
        + PaymentJson.string(order.terminalPublicId())
        + ",\"payment\":"
        + PaymentJson.string(order.paymentPublicId())
        + "}";
  }

  /** An open order past its time is expired as it is read. */
  private Order fresh(Optional<Order> found) {
    Order order = found.orElseThrow(() -> PlatformException.notFound("order"));
    if (order.status().equals(Order.OPEN) && !clock.instant().isBefore(order.expiresAt())) {
      return end(order, Order.EXPIRED);
    }
    return order;
  }

  public Optional<Order> find(long id) {
    if (id <= 0) return Optional.empty();
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT " + COLUMNS + " FROM orders WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
          }
        });
  }

  private static Order read(ResultSet row) throws SQLException {
    return new Order(
        row.getLong(1),
        row.getLong(2),
        row.getString(3),
        row.getLong(4),
        row.getLong(5),
        WalletCurrency.valueOf(row.getString(6)),
        row.getLong(7),
        row.getString(8),
        row.getString(9),
        row.getLong(10),
        Time.instant(row.getLong(11)),
        Time.instant(row.getLong(12)),
        Time.instant(row.getLong(13)));
  }

  private static Order sameOrConflict(Order order, Create request, WalletCurrency currency) {
    if (order.amountMinor() != request.amountMinor() || order.currency() != currency) {
      throw reused();
    }
    return order;
  }

  private static PlatformException reused() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "merchant_reference_reused",
        "This merchant_reference belongs to another order or payment",
        "merchant_reference");
  }

  private static long parseId(String prefix, String publicId, String param) {
    if (publicId == null) {
      throw PlatformException.invalid(param, "parameter_missing", param + " is required");
    }
    long id = Ids.parsePublicId(prefix, publicId);
    if (id < 0) throw PlatformException.notFound(param);
    return id;
  }
}

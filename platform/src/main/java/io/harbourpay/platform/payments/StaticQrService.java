package io.harbourpay.platform.payments;

import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.PinVerifier;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.merchants.FpsProxy;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantService;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.wallets.LedgerCalls;
import io.harbourpay.platform.wallets.Limits;
import io.harbourpay.platform.wallets.WalletAccounts;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.mpm.AdditionalData;
import io.harbourpay.qr.mpm.FpsAccount;
import io.harbourpay.qr.mpm.HarbourPayAccount;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import io.harbourpay.qr.mpm.MpmEncoder;
import io.harbourpay.qr.mpm.PointOfInitiation;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Merchant-presented static store QR (docs/payments.md, "Static store QR"): each store has one
 * sticker, an EMVCo MPM static code (point of initiation 11, no amount) carrying HarbourPay's
 * template 32 (merchant, store) beside the merchant's FPS template 26 when it has an FPS
 * identifier. The customer's wallet scans it, the customer enters the amount and pays with the PIN:
 * one ledger command with the same legs as a dynamic order (gross, allowances, fee), the payment
 * row and the payment.succeeded event.
 */
public final class StaticQrService {
  /** Prefix of the merchant reference a static payment gets (it has no till reference). */
  public static final String REFERENCE_PREFIX = "static_";

  private static final Pattern BANK_CODE = Pattern.compile("[0-9]{3}");

  private final Ledger ledger;
  private final Database database;
  private final WalletAccounts accounts;
  private final PinVerifier pins;
  private final MerchantService merchants;
  private final PaymentService payments;
  private final Clock clock;

  public StaticQrService(
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

  /** The static EMVCo payload of the merchant's store (another merchant's store: not found). */
  public String storePayload(long merchantId, long storeId) {
    Merchant merchant = merchants.get(merchantId);
    Store store = merchants.store(merchantId, storeId);
    return payload(merchant, store);
  }

  static String payload(Merchant merchant, Store store) {
    HarbourPayAccount account =
        new HarbourPayAccount(
            OrderService.digits(merchant.id(), HarbourPayAccount.MERCHANT_ID_LENGTH_MAX),
            OrderService.digits(store.id(), HarbourPayAccount.STORE_ID_LENGTH_MAX),
            null,
            null);
    MerchantPresentedPayload.Builder builder =
        MerchantPresentedPayload.builder()
            .payloadFormatIndicator(MerchantPresentedPayload.FORMAT_VERSION_1)
            .staticCode();
    fps(merchant).ifPresent(fps -> builder.merchantAccount(fps.toTemplate()));
    return MpmEncoder.encode(
        builder
            .merchantAccount(account.toTemplate())
            .merchantCategoryCode(merchant.mcc())
            .transactionCurrency(
                OrderService.numericCurrency(WalletCurrency.valueOf(merchant.settlementCurrency())))
            .countryCode(OrderService.COUNTRY)
            .merchantName(OrderService.emvName(merchant.legalName(), 25))
            .merchantCity(OrderService.MERCHANT_CITY)
            .additionalData(AdditionalData.builder().storeLabel(store.publicId()).build())
            .build());
  }

  /**
   * The FPS payee: the merchant's own FPS identifier in the field its form takes (02 FPS ID, 03
   * mobile, 04 email) beside the settlement bank's clearing code; empty when the merchant has none,
   * and then the sticker carries no template 26 at all (never a made-up identifier).
   */
  static Optional<FpsAccount> fps(Merchant merchant) {
    String id = merchant.fpsId();
    if (id == null) return Optional.empty();
    String bank = merchant.bankCode();
    String participant = bank != null && BANK_CODE.matcher(bank).matches() ? bank : null;
    FpsProxy form =
        FpsProxy.of(id)
            .orElseThrow(() -> new IllegalStateException("stored fps_id has no FPS form"));
    return Optional.of(
        new FpsAccount(
            participant,
            form == FpsProxy.FPS_ID ? id : null,
            form == FpsProxy.MOBILE ? id : null,
            form == FpsProxy.EMAIL ? id : null,
            null));
  }

  /** What the wallet shows after scanning a store sticker: the customer enters the amount. */
  public record DecodedStore(Merchant merchant, Store store, WalletCurrency currency) {}

  /**
   * The store of a scanned static HarbourPay code, or empty when the payload is not one (then it
   * may be a dynamic order code). A static code naming an unknown store is not found.
   */
  public Optional<DecodedStore> decode(String payload) {
    if (payload == null || payload.isEmpty()) return Optional.empty();
    MerchantPresentedPayload decoded;
    try {
      decoded = MpmDecoder.decode(payload, DecodeMode.STRICT).payload();
    } catch (QrFormatException | IllegalArgumentException malformed) {
      return Optional.empty();
    }
    if (decoded.pointOfInitiation() != PointOfInitiation.STATIC) return Optional.empty();
    Optional<HarbourPayAccount> found =
        decoded
            .merchantAccount(HarbourPayAccount.GUID)
            .flatMap(HarbourPayAccount::from)
            .filter(account -> account.orderReference() == null && account.storeId() != null);
    if (found.isEmpty()) return Optional.empty();
    HarbourPayAccount account = found.get();
    String label = decoded.additionalData() == null ? null : decoded.additionalData().storeLabel();
    long storeId = Ids.parsePublicId(Store.ID_PREFIX, label);
    long merchantId = Ids.parsePublicId(Merchant.ID_PREFIX, "mch_" + account.merchantId());
    if (storeId <= 0 || merchantId <= 0) throw PlatformException.notFound("store");
    Store store = merchants.store(merchantId, storeId);
    if (!account
        .storeId()
        .equals(OrderService.digits(store.id(), HarbourPayAccount.STORE_ID_LENGTH_MAX))) {
      throw PlatformException.notFound("store");
    }
    Merchant merchant = merchants.get(merchantId);
    return Optional.of(
        new DecodedStore(merchant, store, WalletCurrency.valueOf(merchant.settlementCurrency())));
  }

  /** The payment id of a customer's static payment under an idempotency key. */
  public static long paymentId(long customerId, String idempotencyKey) {
    return Ids.derive("static-payment", customerId, idempotencyKey);
  }

  /**
   * The customer pays a store the amount they entered, with the PIN. With an idempotency key the
   * payment id is derived from (customer, key): a retry returns the same payment and moves nothing
   * more; the same key for another amount, currency or store is a conflict.
   */
  public Payment payStore(
      CustomerRef customer,
      String storePublicId,
      long amountMinor,
      String currencyCode,
      String pin,
      String idempotencyKey) {
    PlatformException.requirePositiveAmount(amountMinor);
    WalletCurrency currency = WalletCurrency.parse(currencyCode, "currency");
    long storeId = Ids.parsePublicId(Store.ID_PREFIX, storePublicId);
    long merchantId = merchantOf(storeId).orElseThrow(() -> PlatformException.notFound("store"));
    Store store = merchants.store(merchantId, storeId);
    Merchant merchant = merchants.get(merchantId);
    if (!merchant.active()) {
      throw new PlatformException(
          ErrorType.DECLINED, "merchant_inactive", "This merchant does not take payments now");
    }
    if (!merchant.settlementCurrency().equals(currency.name())) {
      throw PlatformException.invalid(
          "currency",
          "currency_not_settlement",
          "This merchant takes payments in " + merchant.settlementCurrency() + " only");
    }
    long paymentId =
        idempotencyKey == null ? Ids.random() : paymentId(customer.id(), idempotencyKey);
    Optional<Payment> existing = payments.find(paymentId);
    if (existing.isPresent()) {
      return sameOrConflict(existing.get(), customer, store, amountMinor, currency);
    }
    pins.verify(customer.id(), pin);
    if (customer.locked()) {
      throw new PlatformException(
          ErrorType.DECLINED, "customer_locked", "This wallet is locked", null);
    }
    Limits limits = accounts.limitsOf(customer, currency);
    if (amountMinor > limits.perPaymentMinor()) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "per_payment_limit_exceeded",
          "The amount is above your per-payment limit of " + limits.perPaymentMinor(),
          "amount");
    }
    PaymentService.ImmediateCharge charge =
        payments.immediateCharge(
            customer,
            merchant,
            paymentId,
            REFERENCE_PREFIX + Ids.publicId(Payment.ID_PREFIX, paymentId),
            storeId,
            0,
            currency,
            amountMinor,
            List.of());
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(charge.command())));
    if (outcome.applied()
        || outcome.alreadyDone()
        || outcome.isConflict()
        || outcome.failure() == CreateTransferResult.RECORD_REJECTED) {
      // Applied, or a concurrent retry under the same key got there first.
      Optional<Payment> done = payments.find(paymentId);
      if (done.isPresent()) {
        return sameOrConflict(done.get(), customer, store, amountMinor, currency);
      }
      if (outcome.applied()) throw new IllegalStateException("static payment row missing");
      throw keyReused();
    }
    throw PaymentService.refused(outcome);
  }

  private Optional<Long> merchantOf(long storeId) {
    if (storeId <= 0) return Optional.empty();
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement("SELECT merchant_id FROM stores WHERE id = ?")) {
            select.setLong(1, storeId);
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
          }
        });
  }

  private static Payment sameOrConflict(
      Payment payment,
      CustomerRef customer,
      Store store,
      long amountMinor,
      WalletCurrency currency) {
    if (payment.customerId() != customer.id()
        || payment.storeId() != store.id()
        || payment.amountMinor() != amountMinor
        || payment.currency() != currency) {
      throw keyReused();
    }
    return payment;
  }

  private static PlatformException keyReused() {
    return new PlatformException(
        ErrorType.CONFLICT,
        "idempotency_key_reused",
        "This Idempotency-Key was used for another payment",
        "Idempotency-Key");
  }
}

package io.harbourpay.platform.payments;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.Invariants;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.bank.SimulatedBank;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.customers.DocumentType;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.KycSubmission;
import io.harbourpay.platform.customers.LoginResult;
import io.harbourpay.platform.customers.PhoneNumbers;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.NewMerchant;
import io.harbourpay.platform.merchants.NewStore;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.platform.wallets.LedgerCodes;
import io.harbourpay.platform.wallets.LimitsConfig;
import io.harbourpay.platform.wallets.WalletAccounts;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.PayCodeFormat;
import io.harbourpay.qr.paycode.PayCodeGenerator;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A platform on a fresh store with a manual clock, a merchant with a store and two tills. */
final class PaymentFixture implements AutoCloseable {
  static final String PIN = "147258";
  static final int RATE_BPS = 120;

  final StoreConfig config;
  final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:30Z"));
  final DemoSmsGateway sms = new DemoSmsGateway(clock);
  final SimulatedBank bank = new SimulatedBank(20);
  Platform platform;
  PaymentService payments;
  private final AtomicInteger serial = new AtomicInteger();

  PaymentFixture(Kind kind) {
    config = TestStores.fresh(kind);
    start();
  }

  /** A clean process restart on the same store: nothing of the old node's memory is left. */
  void restart() {
    platform.close();
    start();
  }

  private void start() {
    platform =
        Platform.start(
            new Platform.Options(
                config,
                clock,
                sms,
                bank,
                LimitsConfig.defaults(),
                "payment-fixture-otp-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
                300,
                1_000));
    payments = platform.payments;
  }

  /** A merchant with one store and two tills. */
  record Shop(Merchant merchant, Store store, Terminal till1, Terminal till2) {
    long id() {
      return merchant.id();
    }
  }

  Shop shop(String name) {
    Merchant merchant =
        platform.merchants.onboard(
            new NewMerchant(name, "5411", "HK", "HKD", RATE_BPS, "004", "123-456789-001"),
            "ops.test");
    Store store =
        platform.merchants.addStore(
            merchant.id(),
            new NewStore(name + " Central", "測試店", "1 Harbour Road", "Wan Chai"),
            "ops.test");
    Terminal one = platform.merchants.addTerminal(merchant.id(), store.id(), "Till 1", "ops.test");
    Terminal two = platform.merchants.addTerminal(merchant.id(), store.id(), "Till 2", "ops.test");
    return new Shop(merchant, store, one, two);
  }

  CustomerRef customer(Tier tier) {
    int n = serial.incrementAndGet();
    String phone = "+8529" + String.format("%07d", 1_000_000 + n);
    String ip = "198.51.100." + n;
    platform.otp.request(phone, ip);
    String e164 = PhoneNumbers.normalize(phone);
    String text = sms.latestMessage(e164).orElseThrow().text();
    String code = text.replaceAll("(?s).*?([0-9]{6}).*", "$1");
    LoginResult login = platform.customers.loginWithCode(phone, code, ip);
    long id = login.customer().id();
    platform.pins.setPin(id, PIN, null);
    if (tier != Tier.UNVERIFIED) {
      KycReview review =
          platform.kyc.submit(
              id,
              new KycSubmission(
                  DocumentType.HKID, hkid(n), "Chan Tai Man", LocalDate.of(1990, 1, 1), tier));
      platform.kyc.approve(review.id(), "ops.test", "documents checked");
    }
    return platform.customers.byId(id).orElseThrow();
  }

  static String hkid(int serial) {
    String digits = String.format("%06d", serial % 1_000_000);
    int sum = 36 * 9 + 10 * 8;
    for (int index = 0; index < 6; index++) sum += (digits.charAt(index) - '0') * (7 - index);
    int check = (11 - sum % 11) % 11;
    return "A" + digits + "(" + (check == 10 ? "A" : Integer.toString(check)) + ")";
  }

  /** Money into the wallet as a settled top-up would put it (bank clearing → wallet, cap used). */
  void fund(CustomerRef customer, long amountMinor) {
    platform.walletAccounts.prepareSender(customer, WalletCurrency.HKD);
    long id = Ids.random();
    List<Transfer> legs =
        List.of(
            Transfer.of(
                Ids.derive(id, "money"),
                WalletAccounts.operator(LedgerCodes.BANK_CLEARING, WalletCurrency.HKD),
                WalletAccounts.wallet(customer.id(), WalletCurrency.HKD),
                amountMinor,
                "HKD",
                LedgerCodes.TOPUP),
            Transfer.of(
                Ids.derive(id, "cap"),
                WalletAccounts.cap(customer.id(), WalletCurrency.HKD),
                WalletAccounts.operator(LedgerCodes.LIMIT_SINK, WalletCurrency.HKD),
                amountMinor,
                "HKD",
                LedgerCodes.CAP_USE));
    var results = platform.ledger.execute(io.harbourpay.ledger.Command.of(legs)).join();
    if (!results.stream().allMatch(r -> r.isOk())) throw new AssertionError("fund: " + results);
  }

  /** A registered device's secret, for making codes as the phone would. */
  record Phone(long deviceId, DeviceSecret secret) {
    String codeAt(Instant now) {
      return PayCodeGenerator.codeForStep(deviceId, secret, PayCodeFormat.timeStepOf(now));
    }
  }

  Phone phone(CustomerRef customer) {
    PayCodeDevice device = platform.payCodeDevices.register(customer.id());
    return new Phone(device.deviceId(), DeviceSecret.fromHex(device.secretHex()));
  }

  /** A fresh code: the clock moves to the next minute first, so each call is a new code. */
  String freshCode(Phone phone) {
    clock.advance(java.time.Duration.ofSeconds(PayCodeFormat.TIME_STEP_SECONDS));
    return phone.codeAt(clock.instant());
  }

  long balance(long accountId) {
    Account account = platform.ledger.lookupAccounts(accountId).get(0);
    return account.creditsPosted() - account.debitsPosted();
  }

  long available(long accountId) {
    Account account = platform.ledger.lookupAccounts(accountId).get(0);
    return account.creditsPosted() - account.debitsPosted() - account.debitsPending();
  }

  long wallet(CustomerRef customer) {
    return balance(WalletAccounts.wallet(customer.id(), WalletCurrency.HKD));
  }

  long count(String sql, Object... parameters) {
    return platform.database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
              select.setObject(index + 1, parameters[index]);
            }
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  PaymentService.Charge charge(Shop shop, String code, long amount, String reference) {
    return new PaymentService.Charge(
        code, amount, "HKD", shop.store().publicId(), shop.till1().publicId(), reference);
  }

  @Override
  public void close() {
    try {
      Invariants.assertBooksBalance(platform.ledgerStore());
    } finally {
      platform.close();
      bank.close();
      TestStores.dispose(config);
    }
  }
}

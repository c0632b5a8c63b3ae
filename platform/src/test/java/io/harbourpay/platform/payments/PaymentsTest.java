package io.harbourpay.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.payments.PaymentFixture.Phone;
import io.harbourpay.platform.payments.PaymentFixture.Shop;
import io.harbourpay.platform.wallets.HistoryQuery;
import io.harbourpay.platform.wallets.WalletCurrency;
import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.PayCodeFormat;
import io.harbourpay.qr.paycode.PayCodeGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pay-code payments end to end on a real ledger and store (SQLite and PostgreSQL). */
class PaymentsTest {
  static final long HKD_1000 = 1_000_00;

  private static void assertRefused(ThrowingCallable call, ErrorType type, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.code()).isEqualTo(code);
              assertThat(failure.type()).isEqualTo(type);
            });
  }

  private static long settlement(PaymentFixture f, Shop shop) {
    return f.balance(PaymentService.settlementAccount(shop.id(), WalletCurrency.HKD));
  }

  private static long feeIncome(PaymentFixture f) {
    return f.balance(PaymentService.feeIncomeAccount(WalletCurrency.HKD));
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aScannedCodePaysWithTheFeeAsItsOwnLegAndTheBooksBalance(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Harbour Mart");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);

      Payment paid =
          f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 100_05, "order-1"));

      assertThat(paid.publicId()).startsWith("pay_");
      assertThat(paid.status()).isEqualTo(Payment.SUCCEEDED);
      assertThat(paid.feeMinor()).isEqualTo(120); // 100.05 × 1.2 % = 120.06 cents → 120
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000 - 100_05);
      assertThat(settlement(f, shop)).isEqualTo(100_05 - 120);
      assertThat(feeIncome(f)).isEqualTo(120);
      assertThat(f.platform.wallets.wallets(alice).get(0).limits().dailyRemainingMinor())
          .isEqualTo(3_000_00 - 100_05);
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM webhook_events WHERE merchant_id = ? AND type = ?",
                  shop.id(),
                  "payment.succeeded"))
          .isEqualTo(1);
      assertThat(
              f.platform
                  .history
                  .history(alice.id(), new HistoryQuery(null, "payment", null, null, 10, null))
                  .entries())
          .singleElement()
          .satisfies(
              line -> {
                assertThat(line.amountMinor()).isEqualTo(-100_05);
                assertThat(line.counterparty()).isEqualTo("Harbour Mart");
              });
      assertThat(f.payments.byReference(shop.id(), "order-1")).isEqualTo(paid);
      assertThat(f.payments.forMerchant(shop.id(), paid.publicId())).isEqualTo(paid);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void everyRefusalOfAPayCodeHasItsOwnCode(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Refusals");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      String good = f.freshCode(phone);
      long step = PayCodeFormat.timeStepOf(f.clock.instant());

      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, "28" + good.substring(2), 100, "a")),
          ErrorType.INVALID_REQUEST,
          "pay_code_unknown_prefix");
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, "8812", 100, "b")),
          ErrorType.INVALID_REQUEST,
          "pay_code_malformed");
      char last = good.charAt(good.length() - 1);
      String badCheck = good.substring(0, 17) + (char) ('0' + (last - '0' + 1) % 10);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, badCheck, 100, "c")),
          ErrorType.INVALID_REQUEST,
          "pay_code_invalid");
      String old = PayCodeGenerator.codeForStep(phone.deviceId(), phone.secret(), step - 3);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, old, 100, "d")),
          ErrorType.INVALID_REQUEST,
          "pay_code_expired");
      String future = PayCodeGenerator.codeForStep(phone.deviceId(), phone.secret(), step + 3);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, future, 100, "e")),
          ErrorType.INVALID_REQUEST,
          "pay_code_not_yet_valid");
      long nobody = phone.deviceId() == 99_999_999 ? 1 : phone.deviceId() + 1;
      String stranger =
          PayCodeGenerator.codeForStep(nobody, DeviceSecret.generate(new SecureRandom()), step);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, stranger, 100, "f")),
          ErrorType.INVALID_REQUEST,
          "pay_code_unknown_device");
      // Offline for longer than the lease: the phone's codes stop paying.
      f.clock.advance(PayCodeFormat.OFFLINE_LEASE.plusMinutes(1));
      String afterLease = phone.codeAt(f.clock.instant());
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, afterLease, 100, "g")),
          ErrorType.INVALID_REQUEST,
          "pay_code_lease_expired");
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000);
      assertThat(f.count("SELECT COUNT(*) FROM payments")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aCodeChargedFromTwoTillsAtOnceOrTwicePaysOnce(Kind kind) throws Exception {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Busy Shop");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      int rounds = 5;
      ExecutorService tills = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < rounds; round++) {
          String code = f.freshCode(phone);
          CountDownLatch start = new CountDownLatch(1);
          List<Future<Object>> answers = new ArrayList<>();
          for (int till = 0; till < 2; till++) {
            String reference = "r" + round + "-till" + till;
            PaymentService.Charge charge =
                new PaymentService.Charge(
                    code,
                    10_00,
                    "HKD",
                    shop.store().publicId(),
                    (till == 0 ? shop.till1() : shop.till2()).publicId(),
                    reference);
            answers.add(
                tills.submit(
                    () -> {
                      start.await();
                      try {
                        return f.payments.charge(shop.id(), charge);
                      } catch (PlatformException refused) {
                        return refused.code();
                      }
                    }));
          }
          start.countDown();
          List<Object> results = new ArrayList<>();
          for (Future<Object> answer : answers) results.add(answer.get(30, TimeUnit.SECONDS));
          assertThat(results).filteredOn(Payment.class::isInstance).hasSize(1);
          assertThat(results).filteredOn("pay_code_used"::equals).hasSize(1);
          // The same code scanned again later: still refused.
          assertRefused(
              () -> f.payments.charge(shop.id(), f.charge(shop, code, 10_00, "late")),
              ErrorType.CONFLICT,
              "pay_code_used");
        }
      } finally {
        tills.shutdownNow();
      }
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000 - rounds * 10_00);
      assertThat(f.count("SELECT COUNT(*) FROM payments")).isEqualTo(rounds);
      assertThat(f.count("SELECT COUNT(*) FROM paycode_uses")).isEqualTo(rounds);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aTillRetryingAnOrderGetsTheSamePaymentAndAnotherAmountIsAConflict(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Retry Shop");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      String code = f.freshCode(phone);
      Payment first = f.payments.charge(shop.id(), f.charge(shop, code, 50_00, "pos-42"));
      Payment again = f.payments.charge(shop.id(), f.charge(shop, code, 50_00, "pos-42"));
      // Even with a fresh code the order is paid already: the same payment, no second charge.
      Payment fresh =
          f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 50_00, "pos-42"));
      assertThat(again).isEqualTo(first);
      assertThat(fresh).isEqualTo(first);
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000 - 50_00);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, code, 51_00, "pos-42")),
          ErrorType.CONFLICT,
          "merchant_reference_reused");
      // Another merchant's identical reference is its own payment.
      Shop other = f.shop("Other Shop");
      Payment theirs =
          f.payments.charge(other.id(), f.charge(other, f.freshCode(phone), 50_00, "pos-42"));
      assertThat(theirs.id()).isNotEqualTo(first.id());
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aLargePaymentWaitsForThePinAndIsConfirmedOrDeclined(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Electronics");
      CustomerRef alice = f.customer(Tier.INTERMEDIATE);
      f.fund(alice, 3 * HKD_1000);
      Phone phone = f.phone(alice);

      Payment held = f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 600_00, "tv"));
      assertThat(held.status()).isEqualTo(Payment.REQUIRES_CONFIRMATION);
      assertThat(held.expiresAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(5)));
      long wallet =
          io.harbourpay.platform.wallets.WalletAccounts.wallet(alice.id(), held.currency());
      assertThat(f.balance(wallet)).isEqualTo(3 * HKD_1000);
      assertThat(f.available(wallet)).isEqualTo(3 * HKD_1000 - 600_00);
      assertThat(f.payments.awaitingConfirmation(alice.id())).containsExactly(held);
      assertThat(feeIncome(f)).isZero();

      assertRefused(
          () -> f.payments.confirm(alice, held.publicId(), "000000"),
          ErrorType.DECLINED,
          "pin_incorrect");
      Payment confirmed = f.payments.confirm(alice, held.publicId(), PaymentFixture.PIN);
      assertThat(confirmed.status()).isEqualTo(Payment.SUCCEEDED);
      assertThat(f.payments.confirm(alice, held.publicId(), PaymentFixture.PIN))
          .isEqualTo(confirmed);
      assertThat(f.balance(wallet)).isEqualTo(3 * HKD_1000 - 600_00);
      assertThat(settlement(f, shop)).isEqualTo(600_00 - 720);
      assertThat(feeIncome(f)).isEqualTo(720);
      assertRefused(
          () -> f.payments.decline(alice, held.publicId()),
          ErrorType.CONFLICT,
          "payment_not_confirmable");

      Payment second =
          f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 700_00, "tv-2"));
      Payment declined = f.payments.decline(alice, second.publicId());
      assertThat(declined.status()).isEqualTo(Payment.FAILED);
      assertThat(declined.failureCode()).isEqualTo("declined_by_customer");
      assertThat(f.available(wallet)).isEqualTo(3 * HKD_1000 - 600_00);
      assertRefused(
          () -> f.payments.confirm(alice, second.publicId(), PaymentFixture.PIN),
          ErrorType.CONFLICT,
          "payment_not_confirmable");
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM webhook_events WHERE type = 'payment.failed'"
                      + " AND merchant_id = ?",
                  shop.id()))
          .isEqualTo(1);
      // Another customer cannot confirm it.
      CustomerRef bob = f.customer(Tier.UNVERIFIED);
      assertRefused(
          () -> f.payments.confirm(bob, held.publicId(), PaymentFixture.PIN),
          ErrorType.NOT_FOUND,
          "resource_missing");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void anUnconfirmedPaymentExpiresAndACanceledOneReleasesItsHolds(Kind kind) throws Exception {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Wine Cellar");
      CustomerRef alice = f.customer(Tier.INTERMEDIATE);
      f.fund(alice, 3 * HKD_1000);
      Phone phone = f.phone(alice);
      long wallet =
          io.harbourpay.platform.wallets.WalletAccounts.wallet(alice.id(), WalletCurrency.HKD);

      Payment held = f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 800_00, "w1"));
      f.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
      f.payments.expireDue();
      Payment expired = f.payments.forMerchant(shop.id(), held.publicId());
      assertThat(expired.status()).isEqualTo(Payment.FAILED);
      assertThat(expired.failureCode()).isEqualTo("confirmation_expired");
      assertThat(f.available(wallet)).isEqualTo(3 * HKD_1000);
      assertRefused(
          () -> f.payments.confirm(alice, held.publicId(), PaymentFixture.PIN),
          ErrorType.CONFLICT,
          "payment_expired");

      // The ledger expires the holds on its own first; the platform then only fails the row.
      Payment late = f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 800_00, "w2"));
      f.clock.advance(Duration.ofMinutes(6));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (f.available(wallet) != 3 * HKD_1000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(f.available(wallet)).isEqualTo(3 * HKD_1000);
      assertRefused(
          () -> f.payments.confirm(alice, late.publicId(), PaymentFixture.PIN),
          ErrorType.CONFLICT,
          "payment_expired");
      assertThat(f.payments.forMerchant(shop.id(), late.publicId()).failureCode())
          .isEqualTo("confirmation_expired");
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM webhook_events WHERE type = 'payment.failed'"
                      + " AND merchant_id = ?",
                  shop.id()))
          .isEqualTo(2);

      Payment third =
          f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 900_00, "w3"));
      Payment canceled = f.payments.cancel(shop.id(), third.publicId());
      assertThat(canceled.status()).isEqualTo(Payment.CANCELED);
      assertThat(f.payments.cancel(shop.id(), third.publicId())).isEqualTo(canceled);
      assertThat(f.available(wallet)).isEqualTo(3 * HKD_1000);
      assertRefused(
          () -> f.payments.confirm(alice, third.publicId(), PaymentFixture.PIN),
          ErrorType.CONFLICT,
          "payment_not_confirmable");

      Payment small = f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 10_00, "w4"));
      assertRefused(
          () -> f.payments.cancel(shop.id(), small.publicId()),
          ErrorType.CONFLICT,
          "payment_not_cancelable");
      assertThat(f.wallet(alice)).isEqualTo(3 * HKD_1000 - 10_00);
      assertThat(f.platform.wallets.wallets(alice).get(0).limits().dailyRemainingMinor())
          .isEqualTo(10_000_00 - 10_00);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void partialRefundsReturnTheWholeAmountAndExactlyTheWholeFee(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Pharmacy");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      Payment paid =
          f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 100_05, "rx-1"));
      assertThat(paid.feeMinor()).isEqualTo(120);

      Refund one = f.payments.refund(shop.id(), paid.publicId(), 33_33, "one", "ref-1");
      assertThat(one.publicId()).startsWith("re_");
      assertThat(one.feeReturnedMinor()).isEqualTo(39); // ⌊120 × 3333 / 10005⌋ = 39
      assertThat(f.payments.refund(shop.id(), paid.publicId(), 33_33, "one", "ref-1"))
          .isEqualTo(one);
      assertRefused(
          () -> f.payments.refund(shop.id(), paid.publicId(), 10_00, "one", "ref-1"),
          ErrorType.CONFLICT,
          "refund_reference_reused");
      Refund two = f.payments.refund(shop.id(), paid.publicId(), 33_33, null, "ref-2");
      assertThat(two.feeReturnedMinor()).isEqualTo(79 - 39); // ⌊120 × 6666 / 10005⌋ = 79
      assertRefused(
          () -> f.payments.refund(shop.id(), paid.publicId(), 33_40, null, "ref-3"),
          ErrorType.INVALID_REQUEST,
          "amount_exceeds_refundable");
      Refund three = f.payments.refund(shop.id(), paid.publicId(), 33_39, null, "ref-3");
      assertThat(three.feeReturnedMinor()).isEqualTo(120 - 79);

      Payment after = f.payments.forMerchant(shop.id(), paid.publicId());
      assertThat(after.amountRefundedMinor()).isEqualTo(100_05);
      assertThat(after.feeRefundedMinor()).isEqualTo(120);
      assertThat(after.refunds()).containsExactly(one, two, three);
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000);
      assertThat(settlement(f, shop)).isZero();
      assertThat(feeIncome(f)).isZero();
      assertRefused(
          () -> f.payments.refund(shop.id(), paid.publicId(), 1, null, "ref-4"),
          ErrorType.INVALID_REQUEST,
          "amount_exceeds_refundable");
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM webhook_events WHERE type = 'payment.refunded'"
                      + " AND merchant_id = ?",
                  shop.id()))
          .isEqualTo(3);
      // The refund does not give back daily allowance (docs/payments.md).
      assertThat(f.platform.wallets.wallets(alice).get(0).limits().dailyRemainingMinor())
          .isEqualTo(3_000_00 - 100_05);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aMerchantCannotSeeCancelOrRefundAnotherMerchantsPayment(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop mine = f.shop("Mine");
      Shop theirs = f.shop("Theirs");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      Payment paid = f.payments.charge(mine.id(), f.charge(mine, f.freshCode(phone), 20_00, "x"));
      assertRefused(
          () -> f.payments.forMerchant(theirs.id(), paid.publicId()),
          ErrorType.NOT_FOUND,
          "resource_missing");
      assertRefused(
          () -> f.payments.byReference(theirs.id(), "x"), ErrorType.NOT_FOUND, "resource_missing");
      assertRefused(
          () -> f.payments.refund(theirs.id(), paid.publicId(), 1_00, null, null),
          ErrorType.NOT_FOUND,
          "resource_missing");
      assertRefused(
          () -> f.payments.cancel(theirs.id(), paid.publicId()),
          ErrorType.NOT_FOUND,
          "resource_missing");
      // Nor charge with another merchant's store or till.
      assertRefused(
          () ->
              f.payments.charge(
                  theirs.id(),
                  new PaymentService.Charge(
                      f.freshCode(phone),
                      1_00,
                      "HKD",
                      mine.store().publicId(),
                      mine.till1().publicId(),
                      "y")),
          ErrorType.NOT_FOUND,
          "resource_missing");
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000 - 20_00);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void fundsAndLimitsRefuseWithPreciseCodes(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Map<WalletCurrency, Long> never = new EnumMap<>(WalletCurrency.class);
      for (WalletCurrency currency : WalletCurrency.values()) never.put(currency, Long.MAX_VALUE);
      f.payments.configure(new PaymentConfig(never, Duration.ofMinutes(5)));
      Shop shop = f.shop("Limits");
      CustomerRef alice = f.customer(Tier.UNVERIFIED); // per payment 2,000, daily 3,000
      f.fund(alice, 2_900_00);
      Phone phone = f.phone(alice);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 2_100_00, "a")),
          ErrorType.DECLINED,
          "per_payment_limit_exceeded");
      f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 1_500_00, "b"));
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 1_450_00, "c")),
          ErrorType.DECLINED,
          "insufficient_funds");
      f.fund(alice, 1_500_00);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, f.freshCode(phone), 1_600_00, "d")),
          ErrorType.DECLINED,
          "daily_limit_exceeded");
      assertRefused(
          () ->
              f.payments.charge(
                  shop.id(),
                  new PaymentService.Charge(
                      f.freshCode(phone),
                      1_00,
                      "CNY",
                      shop.store().publicId(),
                      shop.till1().publicId(),
                      "e")),
          ErrorType.INVALID_REQUEST,
          "currency_not_settlement");
      // A refused charge leaves its code unused: the same code pays a smaller amount.
      String code = f.freshCode(phone);
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, code, 1_600_00, "f")),
          ErrorType.DECLINED,
          "daily_limit_exceeded");
      assertThat(f.payments.charge(shop.id(), f.charge(shop, code, 1_000_00, "g")).status())
          .isEqualTo(Payment.SUCCEEDED);
      assertThat(f.wallet(alice)).isEqualTo(2_900_00 - 1_500_00 + 1_500_00 - 1_000_00);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void afterARestartTheDatabaseKeyStillRefusesAUsedCodeAndTheEventCarriesThePayment(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Restart");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      String code = f.freshCode(phone);
      Payment paid = f.payments.charge(shop.id(), f.charge(shop, code, 12_34, "before"));
      f.restart(); // the node's memory of used codes is gone; the primary key is not
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, code, 12_34, "after")),
          ErrorType.CONFLICT,
          "pay_code_used");
      assertThat(f.payments.charge(shop.id(), f.charge(shop, code, 12_34, "before")))
          .isEqualTo(paid);
      assertThat(f.wallet(alice)).isEqualTo(HKD_1000 - 12_34);
      String body =
          f.platform.database.read(
              connection -> {
                try (var select =
                    connection.prepareStatement(
                        "SELECT body FROM webhook_events WHERE merchant_id = ?")) {
                  select.setLong(1, shop.id());
                  try (var row = select.executeQuery()) {
                    row.next();
                    return row.getString(1);
                  }
                }
              });
      assertThat(body)
          .contains("\"type\":\"payment.succeeded\"")
          .contains("\"id\":\"" + paid.publicId() + "\"")
          .contains("\"status\":\"succeeded\"")
          .contains("\"amount\":1234")
          .contains("\"fee\":15")
          .contains("\"merchant_reference\":\"before\"");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aTerminalThatKeepsGuessingCodesIsStopped(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Guesser");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      Phone phone = f.phone(alice);
      String good = f.freshCode(phone);
      for (int guess = 0; guess < PayCodeGuesses.PER_MINUTE_MAX; guess++) {
        String wrong = good.substring(0, 11) + String.format("%07d", guess);
        if (wrong.equals(good)) continue;
        assertRefused(
            () -> f.payments.charge(shop.id(), f.charge(shop, wrong, 1_00, "g")),
            ErrorType.INVALID_REQUEST,
            "pay_code_invalid");
      }
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, good, 1_00, "g")),
          ErrorType.RATE_LIMITED,
          "pay_code_attempts_exceeded");
      // The other till is not affected; after a minute the first one pays again.
      assertThat(
              f.payments
                  .charge(
                      shop.id(),
                      new PaymentService.Charge(
                          good, 1_00, "HKD", shop.store().publicId(), shop.till2().publicId(), "h"))
                  .status())
          .isEqualTo(Payment.SUCCEEDED);
      String next = f.freshCode(phone);
      f.clock.advance(Duration.ofSeconds(1));
      assertThat(f.payments.charge(shop.id(), f.charge(shop, next, 1_00, "i")).status())
          .isEqualTo(Payment.SUCCEEDED);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void devicesAreRegisteredShowCodesAndTheOldestIsRevokedPastTheMaximum(Kind kind) {
    try (PaymentFixture f = new PaymentFixture(kind)) {
      Shop shop = f.shop("Devices");
      CustomerRef alice = f.customer(Tier.UNVERIFIED);
      f.fund(alice, HKD_1000);
      PayCodeDevice first = f.platform.payCodeDevices.register(alice.id());
      assertThat(first.secretHex()).hasSize(64);
      assertThat(first.deviceNumber()).hasSize(8);
      assertThat(first.key().offlineUntil())
          .isEqualTo(f.clock.instant().plus(PayCodeFormat.OFFLINE_LEASE));
      for (int more = 0; more < PayCodeDevices.DEVICES_PER_CUSTOMER_MAX; more++) {
        f.clock.advance(Duration.ofSeconds(1));
        f.platform.payCodeDevices.register(alice.id());
      }
      PayCode shown = f.platform.payCodeDevices.currentCode(alice.id());
      assertThat(shown.code()).startsWith("88").hasSize(18);
      assertThat(shown.deviceId()).isNotEqualTo(first.deviceId());
      assertThat(f.payments.charge(shop.id(), f.charge(shop, shown.code(), 5_00, "s")).status())
          .isEqualTo(Payment.SUCCEEDED);
      // The first device was revoked when the sixth was registered.
      String revoked =
          PayCodeGenerator.codeForStep(
              first.deviceId(),
              DeviceSecret.fromHex(first.secretHex()),
              PayCodeFormat.timeStepOf(f.clock.instant()));
      assertRefused(
          () -> f.payments.charge(shop.id(), f.charge(shop, revoked, 5_00, "t")),
          ErrorType.INVALID_REQUEST,
          "pay_code_unknown_device");
      CustomerRef bob = f.customer(Tier.UNVERIFIED);
      assertRefused(
          () -> f.platform.payCodeDevices.currentCode(bob.id()),
          ErrorType.NOT_FOUND,
          "paycode_device_missing");
    }
  }
}

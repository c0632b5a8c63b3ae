package io.harbourpay.platform.wallets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.Invariants;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.bank.SimulatedBank;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.customers.DocumentType;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.KycSubmission;
import io.harbourpay.platform.customers.LoginResult;
import io.harbourpay.platform.customers.PhoneNumbers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** A whole platform on a fresh store, with the simulated bank and the demo SMS inbox. */
final class WalletFixture implements AutoCloseable {
  static final String PIN = "147258";
  static final long BANK_DELAY_MS = 20;
  static final long BANK_TIMEOUT_MS = 300;

  final StoreConfig config;
  final DemoSmsGateway sms = new DemoSmsGateway(Clock.systemUTC());
  SimulatedBank bank;
  Platform platform;
  private final AtomicInteger ipCounter = new AtomicInteger();

  WalletFixture(Kind kind) {
    config = TestStores.fresh(kind);
    start();
  }

  private void start() {
    bank = new SimulatedBank(BANK_DELAY_MS);
    platform =
        Platform.start(
            new Platform.Options(
                config,
                Clock.systemUTC(),
                sms,
                bank,
                LimitsConfig.defaults(),
                "wallet-fixture-otp-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
                BANK_TIMEOUT_MS,
                1_000));
  }

  /** A clean process restart on the same store. */
  void restart() {
    platform.close();
    bank.close();
    start();
  }

  /** A customer who logged in by SMS code, has a PIN, and is at {@code tier}. */
  CustomerRef customer(String phone, Tier tier) {
    String ip = "198.51.100." + (ipCounter.incrementAndGet() % 250);
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
                  DocumentType.HKID,
                  hkid(ipCounter.get()),
                  "Chan Tai Man",
                  LocalDate.of(1990, 1, 1),
                  tier));
      platform.kyc.approve(review.id(), "test-operator", "documents checked");
    }
    return platform.customers.byId(id).orElseThrow();
  }

  /** A valid Hong Kong identity card number: letter A, six digits, check digit (mod 11). */
  static String hkid(int serial) {
    String digits = String.format("%06d", serial % 1_000_000);
    int sum = 36 * 9 + 10 * 8; // a blank first letter counts 36; 'A' counts 10
    for (int index = 0; index < 6; index++) sum += (digits.charAt(index) - '0') * (7 - index);
    int check = (11 - sum % 11) % 11;
    return "A" + digits + "(" + (check == 10 ? "A" : Integer.toString(check)) + ")";
  }

  BankAccount bankAccount(CustomerRef customer, String accountNumber, String currency) {
    return platform.bankTransfers.linkAccount(
        customer, "004", accountNumber, "CHAN TAI MAN", currency);
  }

  /** Tops up and waits for the bank to settle it. */
  BankTransfer topUp(CustomerRef customer, BankAccount account, long amountMinor) {
    BankTransfer started =
        platform.bankTransfers.topUp(
            customer, account.publicId(), amountMinor, account.currency().name(), null);
    return awaitSettled(customer, started);
  }

  BankTransfer awaitSettled(CustomerRef customer, BankTransfer transfer) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    while (System.nanoTime() < deadline) {
      BankTransfer current = platform.bankTransfers.get(customer.id(), transfer.publicId());
      if (!current.status().equals(BankTransfer.PROCESSING)) return current;
      try {
        Thread.sleep(10);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new AssertionError(interrupted);
      }
    }
    throw new AssertionError("bank transfer not settled in time: " + transfer);
  }

  /**
   * {@code attempts} P2P transfers of {@code amountMinor} from {@code sender} at once on {@code
   * threads} threads, round-robin over {@code receivers}; each answer is "ok" or the refusal's
   * code.
   */
  List<String> sendAtOnce(
      CustomerRef sender, List<String> receivers, int attempts, long amountMinor, int threads)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int index = 0; index < attempts; index++) {
        String receiver = receivers.get(index % receivers.size());
        outcomes.add(
            pool.submit(
                () -> {
                  try {
                    platform.p2p.send(sender, receiver, amountMinor, "HKD", null, PIN, null);
                    return "ok";
                  } catch (PlatformException refused) {
                    return refused.code();
                  }
                }));
      }
      List<String> results = new ArrayList<>();
      for (Future<String> outcome : outcomes) results.add(outcome.get(60, TimeUnit.SECONDS));
      return results;
    } finally {
      pool.shutdown();
    }
  }

  static void assertRefused(ThrowingCallable call, ErrorType type, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(type);
              assertThat(failure.code()).isEqualTo(code);
            });
  }

  Wallet wallet(CustomerRef customer, WalletCurrency currency) {
    return platform.wallets.wallets(customer).stream()
        .filter(wallet -> wallet.currency() == currency)
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() {
    try {
      Invariants.assertBooksBalance(platform.ledgerStore());
      assertThat(platform.ledgerStore().totals()).isNotEmpty();
    } finally {
      platform.close();
      bank.close();
      TestStores.dispose(config);
    }
  }
}

package io.harbourpay.platform.wallets;

import static io.harbourpay.platform.wallets.WalletCurrency.HKD;
import static io.harbourpay.platform.wallets.WalletFixture.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.DocumentType;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.KycSubmission;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Wallet money flows end to end on a real store, with the simulated bank. */
class WalletFlowsTest {
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void topUpThenSendToAFriendWithHistoryAndReceipts(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+852 9123 4567", Tier.UNVERIFIED);
      CustomerRef bob = f.customer("+85261234567", Tier.UNVERIFIED);
      BankAccount account = f.bankAccount(alice, "123456789", "HKD");

      BankTransfer topUp = f.topUp(alice, account, 1_000_00);
      assertThat(topUp.status()).isEqualTo(BankTransfer.SUCCEEDED);
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(1_000_00);

      P2pTransfer sent =
          f.platform.p2p.send(
              alice, "+85261234567", 300_00, "HKD", "dim sum 🥟", WalletFixture.PIN, null);
      assertThat(sent.publicId()).startsWith("p2p_");
      assertThat(sent.receiverPhone()).isEqualTo("+85261234567");
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(700_00);
      assertThat(f.wallet(bob, HKD).balanceMinor()).isEqualTo(300_00);
      Wallet aliceWallet = f.wallet(alice, HKD);
      assertThat(aliceWallet.limits().dailyRemainingMinor()).isEqualTo(3_000_00 - 300_00);

      // Upgraded the same day: the higher limit less what was spent shows at once, before the
      // next payout funds the difference.
      KycReview review =
          f.platform.kyc.submit(
              alice.id(),
              new KycSubmission(
                  DocumentType.HKID,
                  WalletFixture.hkid(424242),
                  "Alice Wong",
                  LocalDate.of(1988, 8, 8),
                  Tier.INTERMEDIATE));
      f.platform.kyc.approve(review.id(), "test-operator", "documents checked");
      CustomerRef upgraded = f.platform.customers.byId(alice.id()).orElseThrow();
      assertThat(f.wallet(upgraded, HKD).limits().dailyMinor()).isEqualTo(10_000_00);
      assertThat(f.wallet(upgraded, HKD).limits().dailyRemainingMinor())
          .isEqualTo(10_000_00 - 300_00);

      HistoryPage history =
          f.platform.history.history(
              alice.id(), new HistoryQuery(null, null, null, null, 10, null));
      assertThat(history.entries())
          .extracting(HistoryEntry::type)
          .containsExactly("p2p_out", "topup");
      assertThat(history.entries())
          .extracting(HistoryEntry::amountMinor)
          .containsExactly(-300_00L, 1_000_00L);
      assertThat(history.entries())
          .extracting(HistoryEntry::balanceAfterMinor)
          .containsExactly(700_00L, 1_000_00L);
      assertThat(history.entries().get(0).memo()).isEqualTo("dim sum 🥟");
      assertThat(history.entries().get(1).counterparty()).isEqualTo("•••• 6789");

      HistoryEntry bobLine =
          f.platform
              .history
              .history(bob.id(), new HistoryQuery("HKD", "p2p_in", null, null, 10, null))
              .entries()
              .get(0);
      assertThat(bobLine.amountMinor()).isEqualTo(300_00);
      assertThat(bobLine.balanceAfterMinor()).isEqualTo(300_00);
      assertThat(bobLine.counterparty()).isEqualTo("+85291234567");
      assertThat(f.platform.history.entry(bob.id(), bobLine.publicId())).isEqualTo(bobLine);
      assertRefused(
          () -> f.platform.history.entry(alice.id(), bobLine.publicId()),
          ErrorType.NOT_FOUND,
          "resource_missing");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aRetriedTransferMovesMoneyOnceEvenAfterARestart(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.UNVERIFIED);
      f.customer("+85261234567", Tier.UNVERIFIED);
      f.topUp(alice, f.bankAccount(alice, "123456789", "HKD"), 1_000_00);

      P2pTransfer first =
          f.platform.p2p.send(
              alice, "+85261234567", 100_00, "HKD", null, WalletFixture.PIN, "key-1");
      P2pTransfer again =
          f.platform.p2p.send(
              alice, "+85261234567", 100_00, "HKD", null, WalletFixture.PIN, "key-1");
      assertThat(again).isEqualTo(first);
      assertRefused(
          () ->
              f.platform.p2p.send(
                  alice, "+85261234567", 101_00, "HKD", null, WalletFixture.PIN, "key-1"),
          ErrorType.CONFLICT,
          "idempotency_key_reused");

      f.restart();
      CustomerRef aliceAgain = f.platform.customers.byId(alice.id()).orElseThrow();
      assertThat(
              f.platform.p2p.send(
                  aliceAgain, "+85261234567", 100_00, "HKD", null, WalletFixture.PIN, "key-1"))
          .isEqualTo(first);
      assertThat(f.wallet(aliceAgain, HKD).balanceMinor()).isEqualTo(900_00);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void limitsAndBalanceRulesAnswerWithTheRuleBroken(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      CustomerRef bob = f.customer("+85261234567", Tier.UNVERIFIED);
      BankAccount account = f.bankAccount(alice, "123456789", "HKD");
      f.topUp(alice, account, 8_000_00);

      assertRefused(
          () ->
              f.platform.p2p.send(
                  alice, "+85261234567", 5_000_01, "HKD", null, WalletFixture.PIN, null),
          ErrorType.DECLINED,
          "per_payment_limit_exceeded");
      assertRefused(
          () ->
              f.platform.p2p.send(
                  alice, "+85261234567", 3_000_01, "HKD", null, WalletFixture.PIN, null),
          ErrorType.DECLINED,
          "receiver_balance_cap_exceeded");
      assertRefused(
          () -> f.platform.p2p.send(alice, "+85261234567", 0, "HKD", null, WalletFixture.PIN, null),
          ErrorType.INVALID_REQUEST,
          "amount_invalid");
      assertRefused(
          () ->
              f.platform.p2p.send(alice, "+85261234567", 100, "USD", null, WalletFixture.PIN, null),
          ErrorType.INVALID_REQUEST,
          "currency_unsupported");
      assertRefused(
          () ->
              f.platform.p2p.send(alice, "+85299999999", 100, "HKD", null, WalletFixture.PIN, null),
          ErrorType.NOT_FOUND,
          "receiver_not_found");
      assertRefused(
          () ->
              f.platform.p2p.send(alice, "+85291234567", 100, "HKD", null, WalletFixture.PIN, null),
          ErrorType.INVALID_REQUEST,
          "receiver_is_sender");
      assertRefused(
          () -> f.platform.p2p.send(alice, "+85261234567", 100, "HKD", null, "999999", null),
          ErrorType.DECLINED,
          "pin_incorrect");
      assertRefused(
          () -> f.platform.p2p.send(bob, "+85291234567", 100, "HKD", null, WalletFixture.PIN, null),
          ErrorType.DECLINED,
          "insufficient_funds");
      // Unverified customers hold at most HKD 3,000.
      BankAccount bobAccount = f.bankAccount(bob, "223456789", "HKD");
      assertRefused(
          () -> f.platform.bankTransfers.topUp(bob, bobAccount.publicId(), 3_000_01, "HKD", null),
          ErrorType.DECLINED,
          "balance_cap_exceeded");
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(8_000_00);
    }
  }

  /** Many transfers at once against one daily limit: together they never pass it. */
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void concurrentTransfersNeverPassTheDailyLimit(Kind kind) throws Exception {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      BankAccount account = f.bankAccount(alice, "123456789", "HKD");
      f.topUp(alice, account, 30_000_00);
      List<String> receivers = new ArrayList<>();
      for (int index = 0; index < 8; index++) {
        String phone = "+8526100000" + index;
        f.customer(phone, Tier.INTERMEDIATE);
        receivers.add(phone);
      }
      // Daily limit at Intermediate: HKD 10,000 -> exactly 10 of 1,000 may pass.
      List<String> results = f.sendAtOnce(alice, receivers, 32, 1_000_00, 16);
      assertThat(results.stream().filter("ok"::equals).count()).isEqualTo(10);
      assertThat(results.stream().filter(result -> !result.equals("ok")))
          .containsOnly("daily_limit_exceeded");
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(20_000_00);
      assertThat(f.wallet(alice, HKD).limits().dailyRemainingMinor()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void theBankDeclinesLosesInstructionsAndLosesAnswers(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      BankAccount declining = f.bankAccount(alice, "120000", "HKD");
      BankAccount losing = f.bankAccount(alice, "129999", "HKD");
      BankAccount silent = f.bankAccount(alice, "128888", "HKD");

      BankTransfer declined = f.topUp(alice, declining, 500_00);
      assertThat(declined.status()).isEqualTo(BankTransfer.FAILED);
      assertThat(declined.failureCode()).isEqualTo("insufficient_funds");

      BankTransfer lost = f.topUp(alice, losing, 500_00);
      assertThat(lost.status()).isEqualTo(BankTransfer.FAILED);
      assertThat(lost.failureCode()).isEqualTo("bank_no_answer");

      BankTransfer confirmedLate = f.topUp(alice, silent, 500_00);
      assertThat(confirmedLate.status()).isEqualTo(BankTransfer.SUCCEEDED);

      Wallet wallet = f.wallet(alice, HKD);
      assertThat(wallet.balanceMinor()).isEqualTo(500_00);
      assertThat(wallet.incomingMinor()).isZero();
      HistoryPage history =
          f.platform.history.history(
              alice.id(), new HistoryQuery(null, "topup", null, null, 10, null));
      assertThat(history.entries())
          .extracting(HistoryEntry::status)
          .containsExactly("succeeded", "failed", "failed");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void withdrawalHoldsUntilTheBankAnswers(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef unverified = f.customer("+85261234567", Tier.UNVERIFIED);
      BankAccount unverifiedAccount = f.bankAccount(unverified, "323456789", "HKD");
      f.topUp(unverified, unverifiedAccount, 100_00);
      assertRefused(
          () ->
              f.platform.bankTransfers.withdraw(
                  unverified, unverifiedAccount.publicId(), 50_00, "HKD", WalletFixture.PIN, null),
          ErrorType.PERMISSION,
          "tier_too_low");

      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      BankAccount good = f.bankAccount(alice, "123456789", "HKD");
      BankAccount declining = f.bankAccount(alice, "121111", "HKD");
      f.topUp(alice, good, 2_000_00);

      BankTransfer held =
          f.platform.bankTransfers.withdraw(
              alice, good.publicId(), 500_00, "HKD", WalletFixture.PIN, "w-1");
      Wallet during = f.wallet(alice, HKD);
      assertThat(during.availableMinor()).isLessThanOrEqualTo(1_500_00);
      BankTransfer paid = f.awaitSettled(alice, held);
      assertThat(paid.status()).isEqualTo(BankTransfer.SUCCEEDED);
      assertThat(f.wallet(alice, HKD).balanceMinor()).isEqualTo(1_500_00);
      assertThat(
              f.platform.bankTransfers.withdraw(
                  alice, good.publicId(), 500_00, "HKD", WalletFixture.PIN, "w-1"))
          .extracting(BankTransfer::id)
          .isEqualTo(held.id());

      BankTransfer refused =
          f.awaitSettled(
              alice,
              f.platform.bankTransfers.withdraw(
                  alice, declining.publicId(), 700_00, "HKD", WalletFixture.PIN, null));
      assertThat(refused.status()).isEqualTo(BankTransfer.FAILED);
      assertThat(refused.failureCode()).isEqualTo("account_closed");
      Wallet after = f.wallet(alice, HKD);
      assertThat(after.balanceMinor()).isEqualTo(1_500_00);
      assertThat(after.availableMinor()).isEqualTo(1_500_00);
      assertThat(after.limits().dailyRemainingMinor()).isEqualTo(10_000_00 - 500_00);
    }
  }

  /**
   * A bank that knew nothing of an instruction (twice: the inquiry resends once) has it voided; if
   * it then confirms after all, the ledger and the bank disagree: the transfer is marked for
   * reconciliation, never silently left as it was.
   */
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void aConfirmationAfterTheHoldsWereVoidedIsMarkedForReconciliation(Kind kind) {
    try (WalletFixture f = new WalletFixture(kind)) {
      CustomerRef alice = f.customer("+85291234567", Tier.INTERMEDIATE);
      BankAccount losing = f.bankAccount(alice, "129999", "HKD");
      BankTransfer lost = f.topUp(alice, losing, 500_00);
      assertThat(lost.status()).isEqualTo(BankTransfer.FAILED);
      assertThat(lost.failureCode()).isEqualTo("bank_no_answer");

      f.platform.bankTransfers.settle(
          lost,
          new io.harbourpay.platform.bank.BankAnswer(
              lost.publicId(), io.harbourpay.platform.bank.BankAnswer.Status.CONFIRMED, null));

      BankTransfer after = f.platform.bankTransfers.get(alice.id(), lost.publicId());
      assertThat(after.status()).isEqualTo(BankTransfer.FAILED);
      assertThat(after.failureCode()).isEqualTo("needs_reconciliation");
      assertThat(f.wallet(alice, HKD).balanceMinor()).as("nothing was credited").isZero();
      HistoryEntry line =
          f.platform
              .history
              .history(alice.id(), new HistoryQuery(null, "topup", null, null, 10, null))
              .entries()
              .get(0);
      assertThat(line.status()).isEqualTo("failed");
    }
  }
}

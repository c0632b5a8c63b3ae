package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The engine's rules, end to end through the writer and a real store, on every store. */
class LedgerSemanticsTest {
  static final int WALLET = 1;
  static final int MERCHANT = 2;
  static final int BANK = 3;
  static final long CUSTOMER = 10;
  static final long SHOP = 20;
  static final long FUNDING = 30;
  static final long MOP_WALLET = 40;

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  private static LedgerHarness harness(Kind kind) {
    LedgerHarness harness = new LedgerHarness(TestStores.fresh(kind));
    assertThat(
            harness.accounts(
                Account.create(
                    CUSTOMER, "HKD", WALLET, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, 7),
                Account.create(SHOP, "HKD", MERCHANT, 0, 0),
                Account.create(FUNDING, "HKD", BANK, 0, 0),
                Account.create(MOP_WALLET, "MOP", WALLET, 0, 0)))
        .containsOnly(CreateAccountResult.OK);
    // Top up the customer with HKD 1,000.00.
    assertThat(harness.transfer(Transfer.of(1, FUNDING, CUSTOMER, 100_000, "HKD", 1)))
        .isEqualTo(OK);
    return harness;
  }

  @ParameterizedTest
  @MethodSource("stores")
  void singlePhaseMovesPostedBalancesAndRespectsTheOverdraftFlag(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, SHOP, 30_000, "HKD", 2))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.of(3, CUSTOMER, SHOP, 70_001, "HKD", 2)))
          .isEqualTo(EXCEEDS_CREDITS);
      assertThat(h.transfer(Transfer.of(4, CUSTOMER, SHOP, 70_000, "HKD", 2))).isEqualTo(OK);
      Account customer = h.account(CUSTOMER);
      assertThat(customer.creditsPosted()).isEqualTo(100_000);
      assertThat(customer.debitsPosted()).isEqualTo(100_000);
      assertThat(h.account(SHOP).creditsPosted()).isEqualTo(100_000);
      assertThat(h.ledger.lookupTransfers(3)).as("a refused transfer is not stored").isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void resubmissionsAnswerExistsOrNameTheDifferentField(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      Transfer original = Transfer.of(2, CUSTOMER, SHOP, 500, "HKD", 2).withUserData(99);
      assertThat(h.transfer(original)).isEqualTo(OK);
      assertThat(h.transfer(original)).isEqualTo(EXISTS);
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, SHOP, 501, "HKD", 2).withUserData(99)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
      assertThat(h.transfer(Transfer.of(2, FUNDING, SHOP, 500, "HKD", 2).withUserData(99)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID);
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, FUNDING, 500, "HKD", 2).withUserData(99)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID);
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, SHOP, 500, "HKD", 3).withUserData(99)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_CODE);
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, SHOP, 500, "HKD", 2)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_USER_DATA);
      assertThat(h.transfer(original.withFlags(TransferFlags.PENDING)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_FLAGS);
      assertThat(h.account(SHOP).creditsPosted()).as("moved once").isEqualTo(500);

      h.restart();
      assertThat(h.transfer(original)).as("idempotent across restarts").isEqualTo(EXISTS);
      assertThat(h.transfer(Transfer.of(2, CUSTOMER, SHOP, 499, "HKD", 2).withUserData(99)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
      assertThat(h.account(SHOP).creditsPosted()).isEqualTo(500);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void badInputIsAResultNeverAnException(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      assertThat(h.transfer(Transfer.of(0, CUSTOMER, SHOP, 1, "HKD", 2)))
          .isEqualTo(ID_MUST_NOT_BE_ZERO);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, -1, "HKD", 2)))
          .isEqualTo(AMOUNT_MUST_NOT_BE_NEGATIVE);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 0, "HKD", 2)))
          .isEqualTo(AMOUNT_MUST_NOT_BE_ZERO);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, CUSTOMER, 1, "HKD", 2)))
          .isEqualTo(ACCOUNTS_MUST_BE_DIFFERENT);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 1, "ABC", 2)))
          .isEqualTo(CURRENCY_MUST_BE_VALID);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 1, null, 2)))
          .isEqualTo(CURRENCY_MUST_BE_VALID);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 1, "HKD", 0)))
          .isEqualTo(CODE_MUST_NOT_BE_ZERO);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, 999, 1, "HKD", 2)))
          .isEqualTo(CREDIT_ACCOUNT_NOT_FOUND);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, MOP_WALLET, 1, "HKD", 2)))
          .isEqualTo(ACCOUNTS_MUST_HAVE_THE_SAME_CURRENCY);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 1, "MOP", 2)))
          .isEqualTo(TRANSFER_MUST_HAVE_THE_SAME_CURRENCY_AS_ACCOUNTS);
      assertThat(h.transfer(Transfer.of(5, CUSTOMER, SHOP, 1, "HKD", 2).withFlags(1 << 20)))
          .isEqualTo(RESERVED_FLAG);
      assertThat(
              h.transfer(
                  Transfer.of(5, CUSTOMER, SHOP, 1, "HKD", 2)
                      .withFlags(TransferFlags.PENDING | TransferFlags.POST_PENDING)))
          .isEqualTo(FLAGS_ARE_MUTUALLY_EXCLUSIVE);
      assertThat(h.transfer(new Transfer(5, CUSTOMER, SHOP, 1, 0, 0, 30, "HKD", 2, 0, 0)))
          .isEqualTo(TIMEOUT_RESERVED_FOR_PENDING_TRANSFER);
      assertThat(h.transfer(new Transfer(5, CUSTOMER, SHOP, 1, 0, 0, 0, "HKD", 2, 0, 123)))
          .isEqualTo(TIMESTAMP_MUST_BE_ZERO);
      assertThat(
              h.accounts(
                  Account.create(0, "HKD", 1, 0, 0),
                  Account.create(50, "ZZZ", 1, 0, 0),
                  Account.create(50, "HKD", 0, 0, 0),
                  Account.create(CUSTOMER, "HKD", WALLET, 0, 7),
                  Account.create(
                      CUSTOMER, "HKD", WALLET, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, 7),
                  Account.create(50, "HKD", 1, AccountFlags.CLOSED, 0),
                  new Account(51, "HKD", 1, 0, 0, 0, 5, 0, 0, 0)))
          .containsExactly(
              CreateAccountResult.ID_MUST_NOT_BE_ZERO,
              CreateAccountResult.CURRENCY_MUST_BE_VALID,
              CreateAccountResult.CODE_MUST_NOT_BE_ZERO,
              CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS,
              CreateAccountResult.EXISTS,
              CreateAccountResult.RESERVED_FLAG,
              CreateAccountResult.BALANCES_MUST_BE_ZERO);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void overflowIsAResultNotAWrap(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      h.accounts(Account.create(60, "HKD", BANK, 0, 0), Account.create(61, "HKD", BANK, 0, 0));
      assertThat(h.transfer(Transfer.of(6, 60, 61, Long.MAX_VALUE, "HKD", 1))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.of(7, 60, 61, 1, "HKD", 1)))
          .isEqualTo(OVERFLOWS_DEBITS_POSTED);
      assertThat(h.transfer(Transfer.pending(8, 60, 62_000, 1, "HKD", 1, 0)))
          .isEqualTo(CREDIT_ACCOUNT_NOT_FOUND);
      h.accounts(Account.create(62, "HKD", BANK, 0, 0));
      assertThat(h.transfer(Transfer.pending(8, 62, 61, 1, "HKD", 1, 0)))
          .isEqualTo(OVERFLOWS_CREDITS);
      assertThat(h.transfer(Transfer.pending(9, 62, 60, 1, "HKD", 1, Integer.MAX_VALUE)))
          .isEqualTo(OK);
      assertThat(h.account(61).creditsPosted()).isEqualTo(Long.MAX_VALUE);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void twoPhaseHoldPostsPartlyOrVoidsAndExpires(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      assertThat(h.transfer(Transfer.pending(10, CUSTOMER, SHOP, 40_000, "HKD", 2, 60)))
          .isEqualTo(OK);
      Account held = h.account(CUSTOMER);
      assertThat(held.debitsPending()).isEqualTo(40_000);
      assertThat(held.creditBalanceAvailable()).isEqualTo(60_000);
      assertThat(h.transfer(Transfer.of(11, CUSTOMER, SHOP, 60_001, "HKD", 2)))
          .as("a hold reduces what can be spent")
          .isEqualTo(EXCEEDS_CREDITS);

      assertThat(h.transfer(Transfer.post(12, 10, 40_001)))
          .isEqualTo(EXCEEDS_PENDING_TRANSFER_AMOUNT);
      assertThat(h.transfer(Transfer.post(12, 10, 25_000))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.post(13, 10, 0))).isEqualTo(PENDING_TRANSFER_ALREADY_POSTED);
      assertThat(h.transfer(Transfer.voidPending(13, 10)))
          .isEqualTo(PENDING_TRANSFER_ALREADY_POSTED);
      Account afterPost = h.account(CUSTOMER);
      assertThat(afterPost.debitsPending()).isZero();
      assertThat(afterPost.debitsPosted()).isEqualTo(25_000);

      assertThat(h.transfer(Transfer.pending(14, CUSTOMER, SHOP, 1_000, "HKD", 2, 0)))
          .isEqualTo(OK);
      assertThat(h.transfer(Transfer.voidPending(15, 14))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.post(16, 14, 0))).isEqualTo(PENDING_TRANSFER_ALREADY_VOIDED);
      assertThat(h.transfer(Transfer.post(16, 2, 0))).isEqualTo(PENDING_TRANSFER_NOT_FOUND);
      assertThat(h.transfer(Transfer.post(16, 1, 0))).isEqualTo(PENDING_TRANSFER_NOT_PENDING);

      assertThat(h.transfer(Transfer.pending(17, CUSTOMER, SHOP, 5_000, "HKD", 2, 30)))
          .isEqualTo(OK);
      h.clock.advance(Duration.ofSeconds(31));
      assertThat(h.transfer(Transfer.post(18, 17, 0))).isEqualTo(PENDING_TRANSFER_EXPIRED);
      assertThat(h.account(CUSTOMER).debitsPending()).as("expired hold released").isZero();

      // Posted and voided states survive a restart: they come from the store then.
      h.restart();
      assertThat(h.transfer(Transfer.post(19, 10, 0))).isEqualTo(PENDING_TRANSFER_ALREADY_POSTED);
      assertThat(h.transfer(Transfer.post(19, 14, 0))).isEqualTo(PENDING_TRANSFER_ALREADY_VOIDED);
      assertThat(h.transfer(Transfer.post(19, 17, 0))).isEqualTo(PENDING_TRANSFER_EXPIRED);
      assertThat(h.transfer(Transfer.post(12, 10, 25_000))).isEqualTo(EXISTS);
      assertThat(h.transfer(Transfer.post(12, 10, 0))).isEqualTo(EXISTS);
      assertThat(h.transfer(Transfer.post(12, 10, 24_000))).isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
      assertThat(h.transfer(Transfer.post(12, 14, 0))).isEqualTo(EXISTS_WITH_DIFFERENT_PENDING_ID);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void openHoldsSurviveARestartAndExpireAfterIt(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      assertThat(h.transfer(Transfer.pending(20, CUSTOMER, SHOP, 7_000, "HKD", 2, 120)))
          .isEqualTo(OK);
      assertThat(h.transfer(Transfer.pending(21, CUSTOMER, SHOP, 3_000, "HKD", 2, 0)))
          .isEqualTo(OK);
      h.restart();
      assertThat(h.account(CUSTOMER).debitsPending()).isEqualTo(10_000);
      assertThat(h.transfer(Transfer.post(22, 21, 0))).isEqualTo(OK);
      h.clock.advance(Duration.ofSeconds(121));
      assertThat(h.transfer(Transfer.of(23, FUNDING, CUSTOMER, 1, "HKD", 1))).isEqualTo(OK);
      Account customer = h.account(CUSTOMER);
      assertThat(customer.debitsPending()).isZero();
      assertThat(customer.debitsPosted()).isEqualTo(3_000);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void linkedChainsSucceedOrFailTogether(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      int linked = TransferFlags.LINKED;
      List<CreateTransferResult> results =
          h.transfers(
              Transfer.of(30, CUSTOMER, SHOP, 10_000, "HKD", 2).withFlags(linked),
              Transfer.of(31, SHOP, FUNDING, 100, "HKD", 3).withFlags(linked),
              Transfer.of(32, CUSTOMER, SHOP, 95_000, "HKD", 2),
              Transfer.of(33, CUSTOMER, SHOP, 1, "HKD", 2));
      assertThat(results)
          .containsExactly(LINKED_EVENT_FAILED, LINKED_EVENT_FAILED, EXCEEDS_CREDITS, OK);
      assertThat(h.ledger.lookupTransfers(30, 31, 32)).isEmpty();
      assertThat(h.account(SHOP).creditsPosted()).isEqualTo(1);

      // The same ids may be used again once the chain that held them failed.
      assertThat(
              h.transfers(
                  Transfer.of(30, CUSTOMER, SHOP, 10_000, "HKD", 2).withFlags(linked),
                  Transfer.of(31, SHOP, FUNDING, 100, "HKD", 3)))
          .containsExactly(OK, OK);

      assertThat(
              h.transfers(
                  Transfer.of(34, CUSTOMER, SHOP, 1, "HKD", 2),
                  Transfer.of(35, CUSTOMER, SHOP, 1, "HKD", 2).withFlags(linked)))
          .containsExactly(OK, LINKED_EVENT_CHAIN_OPEN);

      // A hold posted inside a failing chain stays open.
      assertThat(h.transfer(Transfer.pending(36, CUSTOMER, SHOP, 2_000, "HKD", 2, 0)))
          .isEqualTo(OK);
      assertThat(
              h.transfers(
                  Transfer.post(37, 36, 0).withFlags(TransferFlags.POST_PENDING | linked),
                  Transfer.of(38, CUSTOMER, 999, 1, "HKD", 2)))
          .containsExactly(LINKED_EVENT_FAILED, CREDIT_ACCOUNT_NOT_FOUND);
      assertThat(h.transfer(Transfer.voidPending(37, 36))).isEqualTo(OK);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void balancingTransfersMoveUpToWhatIsAvailable(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      Transfer sweep =
          Transfer.of(40, CUSTOMER, SHOP, 250_000, "HKD", 2)
              .withFlags(TransferFlags.BALANCING_DEBIT);
      assertThat(h.transfer(sweep)).isEqualTo(OK);
      assertThat(h.ledger.lookupTransfers(40).get(0).amount()).isEqualTo(100_000);
      assertThat(h.transfer(sweep)).as("an upper bound at least what moved").isEqualTo(EXISTS);
      assertThat(
              h.transfer(
                  Transfer.of(40, CUSTOMER, SHOP, 99_999, "HKD", 2)
                      .withFlags(TransferFlags.BALANCING_DEBIT)))
          .isEqualTo(EXISTS_WITH_DIFFERENT_AMOUNT);
      Transfer empty =
          Transfer.of(41, CUSTOMER, SHOP, 5, "HKD", 2).withFlags(TransferFlags.BALANCING_DEBIT);
      assertThat(h.transfer(empty)).isEqualTo(OK);
      assertThat(h.ledger.lookupTransfers(41).get(0).amount()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void closingTransferClosesAccountsUntilVoided(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      Transfer close =
          Transfer.pending(50, CUSTOMER, SHOP, 1, "HKD", 2, 0)
              .withFlags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT);
      assertThat(h.transfer(close)).isEqualTo(OK);
      assertThat(h.account(CUSTOMER).hasFlag(AccountFlags.CLOSED)).isTrue();
      assertThat(h.transfer(Transfer.of(51, CUSTOMER, SHOP, 1, "HKD", 2)))
          .isEqualTo(DEBIT_ACCOUNT_ALREADY_CLOSED);
      assertThat(h.transfer(Transfer.of(51, SHOP, CUSTOMER, 1, "HKD", 2)))
          .isEqualTo(CREDIT_ACCOUNT_ALREADY_CLOSED);
      assertThat(
              h.transfer(
                  Transfer.of(51, SHOP, FUNDING, 1, "HKD", 2)
                      .withFlags(TransferFlags.CLOSING_CREDIT)))
          .isEqualTo(CLOSING_TRANSFER_MUST_BE_PENDING);
      h.restart();
      assertThat(h.transfer(Transfer.voidPending(52, 50))).isEqualTo(OK);
      assertThat(h.account(CUSTOMER).hasFlag(AccountFlags.CLOSED)).isFalse();
      assertThat(h.transfer(Transfer.of(51, CUSTOMER, SHOP, 1, "HKD", 2))).isEqualTo(OK);
    }
  }

  @ParameterizedTest
  @MethodSource("stores")
  void historyPagesBothWays(Kind kind) {
    try (LedgerHarness h = harness(kind)) {
      for (int id = 100; id < 125; id++) {
        long debit = id % 2 == 0 ? CUSTOMER : SHOP;
        long credit = id % 2 == 0 ? SHOP : CUSTOMER;
        assertThat(h.transfer(Transfer.of(id, debit, credit, 10, "HKD", 2))).isEqualTo(OK);
      }
      List<Long> forward = new java.util.ArrayList<>();
      HistoryQuery query = HistoryQuery.oldestFirst(CUSTOMER, 7);
      HistoryPage page;
      do {
        page = h.ledger.history(query);
        page.transfers().forEach(t -> forward.add(t.id()));
        query = query.next(page);
      } while (page.hasMore());
      assertThat(forward).hasSize(26).startsWith(1L, 100L, 101L).endsWith(124L);
      assertThat(forward).isSorted();

      List<Long> backward = new java.util.ArrayList<>();
      query = HistoryQuery.newestFirst(CUSTOMER, 10);
      do {
        page = h.ledger.history(query);
        page.transfers().forEach(t -> backward.add(t.id()));
        query = query.next(page);
      } while (page.hasMore());
      List<Long> reversed = new java.util.ArrayList<>(forward);
      java.util.Collections.reverse(reversed);
      assertThat(backward).containsExactlyElementsOf(reversed);
      assertThat(h.ledger.history(HistoryQuery.oldestFirst(SHOP, 1000)).transfers()).hasSize(25);
    }
  }
}

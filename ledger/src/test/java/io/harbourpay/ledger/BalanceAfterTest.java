package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.OK;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every stored transfer carries the posted balance (credits − debits) of both its accounts right
 * after it, so statements need no running sums. Holds move no posted balance; their posts do.
 */
class BalanceAfterTest {
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void eachTransferKeepsBothBalancesAfterIt(Kind kind) throws Exception {
    try (LedgerHarness h = new LedgerHarness(TestStores.fresh(kind))) {
      h.accounts(
          Account.create(1, "HKD", 1, 0, 0),
          Account.create(2, "HKD", 2, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, 0));
      assertThat(
              h.transfers(
                  Transfer.of(10, 1, 2, 5_000, "HKD", 1),
                  Transfer.pending(11, 2, 1, 1_200, "HKD", 1, 0),
                  Transfer.of(12, 2, 1, 300, "HKD", 1)))
          .containsOnly(OK);
      // A failed chain leaves no trace, and the balances after it are those of what committed.
      assertThat(
              h.transfers(
                  Transfer.of(13, 1, 2, 1, "HKD", 1).withFlags(TransferFlags.LINKED),
                  Transfer.of(14, 2, 1, 999_999, "HKD", 1)))
          .containsExactly(
              CreateTransferResult.LINKED_EVENT_FAILED, CreateTransferResult.EXCEEDS_CREDITS);
      assertThat(h.transfers(Transfer.post(15, 11, 1_000), Transfer.of(16, 1, 2, 50, "HKD", 1)))
          .containsOnly(OK);

      List<String> rows =
          AttachedRecordsTest.rows(
              h,
              "SELECT id, debit_balance_after, credit_balance_after FROM ledger_transfers"
                  + " ORDER BY ts");
      assertThat(rows)
          .containsExactly(
              "10|-5000|5000",
              "11|5000|-5000", // a hold: posted balances unchanged
              "12|4700|-4700",
              "15|3700|-3700", // the post of 1,000 of the 1,200 held
              "16|-3750|3750");
      Account wallet = h.account(2);
      assertThat(wallet.creditBalancePosted()).isEqualTo(3_750);
    }
  }
}

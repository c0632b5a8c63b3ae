package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Account rows are a checkpoint and the transfers the journal after it: with rows never written
 * back, lookups, totals and a restart must still see every balance and flag exactly, whatever the
 * journal holds (single-phase, holds posted in part, voided, expired, a closing hold).
 */
class AccountCheckpointTest {
  static final long WALLET = 1;
  static final long SHOP = 2;
  static final long BANK = 3;
  static final long CLOSING = 4;

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void aRestartReplaysTheJournalAfterTheCheckpoint(Kind kind) throws SQLException {
    try (LedgerHarness h =
        new LedgerHarness(
            TestStores.fresh(kind),
            new ManualClock(LedgerHarness.START),
            LedgerHarness.FLUSH_NEVER)) {
      assertThat(
              h.accounts(
                  Account.create(WALLET, "HKD", 1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, 0),
                  Account.create(SHOP, "HKD", 2, 0, 0),
                  Account.create(BANK, "HKD", 3, 0, 0),
                  Account.create(CLOSING, "HKD", 2, 0, 0)))
          .containsOnly(CreateAccountResult.OK);
      assertThat(h.transfer(Transfer.of(1, BANK, WALLET, 100_000, "HKD", 1))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.of(2, WALLET, SHOP, 1_000, "HKD", 1))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.pending(3, WALLET, SHOP, 2_000, "HKD", 1, 10)))
          .as("expires")
          .isEqualTo(OK);
      assertThat(h.transfer(Transfer.pending(4, WALLET, SHOP, 3_000, "HKD", 1, 0))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.post(5, 4, 2_500))).as("posted in part").isEqualTo(OK);
      assertThat(h.transfer(Transfer.pending(6, WALLET, SHOP, 400, "HKD", 1, 0))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.voidPending(7, 6))).isEqualTo(OK);
      assertThat(h.transfer(Transfer.pending(8, BANK, WALLET, 700, "HKD", 1, 0)))
          .as("stays open")
          .isEqualTo(OK);
      assertThat(
              h.transfer(
                  Transfer.pending(9, CLOSING, BANK, 1, "HKD", 1, 0)
                      .withFlags(TransferFlags.PENDING | TransferFlags.CLOSING_DEBIT)))
          .isEqualTo(OK);
      h.clock.advance(Duration.ofSeconds(11));
      assertThat(h.transfer(Transfer.of(10, BANK, SHOP, 1, "HKD", 1)))
          .as("its batch expires transfer 3 first")
          .isEqualTo(OK);

      Account wallet = h.account(WALLET);
      assertThat(wallet.creditsPosted()).isEqualTo(100_000);
      assertThat(wallet.debitsPosted()).isEqualTo(1_000 + 2_500);
      assertThat(wallet.debitsPending()).as("3 expired, 4 posted, 6 voided").isZero();
      assertThat(wallet.creditsPending()).isEqualTo(700);
      assertThat(h.account(CLOSING).hasFlag(AccountFlags.CLOSED)).isTrue();
      assertThat(storedRow(h, WALLET))
          .as("the wallet's row is still as created: every change above came from the journal")
          .containsExactly(0, 0, 0, 0);
      List<Account> before = h.ledger.lookupAccounts(WALLET, SHOP, BANK, CLOSING);

      h.restart();
      assertThat(h.ledger.lookupAccounts(WALLET, SHOP, BANK, CLOSING))
          .as("after a restart")
          .containsExactlyElementsOf(before);
      // The engine's own memory was rebuilt exactly: its limits and flags decide the same way.
      long available = wallet.creditsPosted() - wallet.debitsPosted() - wallet.debitsPending();
      assertThat(h.transfer(Transfer.of(11, WALLET, SHOP, available + 1, "HKD", 1)))
          .isEqualTo(EXCEEDS_CREDITS);
      assertThat(h.transfer(Transfer.of(12, CLOSING, SHOP, 1, "HKD", 1)))
          .isEqualTo(DEBIT_ACCOUNT_ALREADY_CLOSED);
      assertThat(h.transfer(Transfer.post(13, 4, 0))).isEqualTo(PENDING_TRANSFER_ALREADY_POSTED);
      assertThat(storedRow(h, WALLET))
          .as("the first batch after a restart wrote back the accounts it replayed")
          .containsExactly(0, 100_000 - 1_000 - 2_500, 700, 0);
      assertThat(h.transfer(Transfer.of(11, WALLET, SHOP, available, "HKD", 1))).isEqualTo(OK);
      assertThat(storedRow(h, WALLET))
          .as("a later change is in the journal only")
          .containsExactly(0, 100_000 - 1_000 - 2_500, 700, 0);
      assertThat(h.account(WALLET).debitsPosted()).isEqualTo(100_000);

      assertThat(h.transfer(Transfer.voidPending(14, 9))).as("reopens").isEqualTo(OK);
      assertThat(h.transfer(Transfer.of(15, CLOSING, SHOP, 1, "HKD", 1))).isEqualTo(OK);
      h.restart();
      assertThat(h.account(CLOSING).hasFlag(AccountFlags.CLOSED)).isFalse();
      assertThat(h.account(CLOSING).debitsPosted()).isEqualTo(1);
      assertThat(h.account(WALLET).debitsPosted()).isEqualTo(100_000);
    }
  }

  /** A stored account row as {debits pending, credits − debits posted, credits pending, 0}. */
  private static long[] storedRow(LedgerHarness h, long id) throws SQLException {
    try (Connection connection = h.config.connect();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT debits_pending, credits_posted - debits_posted, credits_pending"
                    + " FROM ledger_accounts WHERE id = ?")) {
      query.setLong(1, id);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return new long[] {rows.getLong(1), rows.getLong(2), rows.getLong(3), 0};
      }
    }
  }
}

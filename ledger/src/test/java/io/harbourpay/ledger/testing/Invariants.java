package io.harbourpay.ledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.CurrencyTotals;
import io.harbourpay.ledger.LedgerStore;

/** The books must balance: checked after every store test. */
public final class Invariants {
  private Invariants() {}

  public static void assertBooksBalance(LedgerStore store) {
    for (CurrencyTotals totals : store.totals()) {
      assertThat(totals.debitsPosted())
          .as("Σ debits posted = Σ credits posted in %s", totals.currency())
          .isEqualTo(totals.creditsPosted());
      assertThat(totals.debitsPending())
          .as("Σ debits pending = Σ credits pending in %s", totals.currency())
          .isEqualTo(totals.creditsPending());
    }
    assertThat(store.accountsDisagreeingWithTransfers())
        .as("accounts whose balances differ from the sum of their transfers")
        .isEmpty();
    assertThat(store.accountsWithWrongHistory())
        .as("accounts whose stored history is not their transfers")
        .isEmpty();
  }
}

package io.harbourpay.ledger;

import java.math.BigInteger;

/**
 * Sums of the four balances over all accounts of one currency. Sums of many longs can pass the long
 * range, hence BigInteger. Double-entry means debits equal credits, posted and pending.
 */
public record CurrencyTotals(
    String currency,
    BigInteger debitsPending,
    BigInteger debitsPosted,
    BigInteger creditsPending,
    BigInteger creditsPosted) {

  public boolean balances() {
    return debitsPending.equals(creditsPending) && debitsPosted.equals(creditsPosted);
  }
}

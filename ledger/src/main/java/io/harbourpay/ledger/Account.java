package io.harbourpay.ledger;

/**
 * A ledger account. Submitted with the four balances and the timestamp at zero; the engine assigns
 * the timestamp and keeps the balances. Balances are minor units of {@code currency}.
 *
 * <p>Posted balances are final; pending balances are holds that a later transfer posts or voids.
 */
public record Account(
    long id,
    String currency,
    int code,
    int flags,
    long userData,
    long debitsPending,
    long debitsPosted,
    long creditsPending,
    long creditsPosted,
    long timestamp) {

  /** An account to create: balances and timestamp are the engine's to fill in. */
  public static Account create(long id, String currency, int code, int flags, long userData) {
    return new Account(id, currency, code, flags, userData, 0, 0, 0, 0, 0);
  }

  /** Net posted balance seen from a credit-normal account (a liability such as a wallet). */
  public long creditBalancePosted() {
    return creditsPosted - debitsPosted;
  }

  /** What a wallet holder can spend: posted credits minus posted and pending debits. */
  public long creditBalanceAvailable() {
    return creditsPosted - debitsPosted - debitsPending;
  }

  public boolean hasFlag(int flag) {
    return (flags & flag) != 0;
  }
}

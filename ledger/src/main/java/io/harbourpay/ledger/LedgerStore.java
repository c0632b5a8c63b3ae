package io.harbourpay.ledger;

import java.util.List;

/**
 * Durable home of the ledger. The writer calls {@link #load} at start and after a failed commit,
 * and {@link #persist} once per batch; everything else is a read that never touches the writer.
 * Implementations throw {@link io.harbourpay.ledger.store.StoreException} when the database fails.
 */
public interface LedgerStore extends CommittedLookup, AutoCloseable {

  /** Everything the writer keeps in memory, as committed. */
  LoadedState load();

  /** Writes one batch in one transaction: all of it, or (with an exception) none of it. */
  void persist(StoreBatch batch);

  /** Accounts with their current balances (the stored rows brought up to date by the journal). */
  List<Account> lookupAccounts(long... ids);

  List<Transfer> lookupTransfers(long... ids);

  /** Transfers that debit or credit one account, a page at a time in timestamp order. */
  HistoryPage history(HistoryQuery query);

  /** Per currency, the sums of the four balances over all accounts. */
  List<CurrencyTotals> totals();

  /** Accounts whose stored balances differ from the sums of their transfers (empty: all agree). */
  List<Long> accountsDisagreeingWithTransfers();

  /**
   * Accounts whose stored history (ledger_history up to the bound its row and the checkpoint give)
   * is not exactly their transfers up to that bound, each once, in order (empty: all agree).
   */
  List<Long> accountsWithWrongHistory();

  @Override
  void close();

  /**
   * The committed state the writer rebuilds itself from. {@code accounts} are current: the rows
   * brought up to date with the journal after {@code checkpointTimestamp}; {@code
   * replayedAccountIds} are the accounts whose rows are behind them, and {@code replayedHistory}
   * the timestamps of each one's transfers after its row, which its stored history lacks too.
   */
  record LoadedState(
      List<Account> accounts,
      List<Transfer> openHolds,
      org.agrona.collections.LongHashSet transferIds,
      long lastTimestamp,
      long checkpointTimestamp,
      long[] replayedAccountIds,
      org.agrona.collections.Long2ObjectHashMap<long[]> replayedHistory) {}
}

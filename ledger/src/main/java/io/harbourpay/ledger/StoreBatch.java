package io.harbourpay.ledger;

import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Everything one writer batch changed, persisted by the store in one transaction: accounts (created
 * or with new balances, as full rows), transfers, hold lifecycle rows and attached records. Reused
 * from batch to batch to avoid garbage.
 *
 * <p>Accounts come in two disjoint lists: created in this batch (not in the store yet) and changed
 * (already stored) accounts whose rows are due to be written, so a store can insert the one and
 * update the other instead of upserting both. An account changed in this batch but not due is not
 * written: the batch's transfers are its journal (see {@link LedgerConfig.AccountFlush}).
 */
public final class StoreBatch {
  final List<AccountState> createdAccounts = new ArrayList<>();
  final List<AccountState> changedAccounts = new ArrayList<>();
  final List<Transfer> transfers = new ArrayList<>();
  final Long2ObjectHashMap<Hold> holds = new Long2ObjectHashMap<>();
  final List<AttachedRecord> records = new ArrayList<>();
  final HistoryChunks history = new HistoryChunks();

  /** The rows written by this batch hold every change up to this engine timestamp. */
  long coveredTimestamp;

  /** The new checkpoint timestamp, or -1 if it did not move. */
  long checkpointTimestamp = -1;

  /**
   * For transfer i: the posted balance (credits − debits) of its debit account at [2i] and of its
   * credit account at [2i+1], right after it was applied. Stored with the transfer so a statement
   * line can show "balance after" without summing history.
   */
  private long[] balancesAfter = new long[2 * 1024];

  void recordBalancesAfter(int transferIndex, long debitBalance, long creditBalance) {
    if (2 * transferIndex + 1 >= balancesAfter.length) {
      balancesAfter = java.util.Arrays.copyOf(balancesAfter, balancesAfter.length * 2);
    }
    balancesAfter[2 * transferIndex] = debitBalance;
    balancesAfter[2 * transferIndex + 1] = creditBalance;
  }

  /** Posted balance (credits − debits) of transfer {@code index}'s debit account right after it. */
  public long debitBalanceAfter(int index) {
    return balancesAfter[2 * index];
  }

  /**
   * Posted balance (credits − debits) of transfer {@code index}'s credit account right after it.
   */
  public long creditBalanceAfter(int index) {
    return balancesAfter[2 * index + 1];
  }

  void clear() {
    createdAccounts.clear();
    changedAccounts.clear();
    transfers.clear();
    holds.clear();
    records.clear();
    history.clear();
    checkpointTimestamp = -1;
  }

  public boolean isEmpty() {
    return checkpointTimestamp < 0
        && createdAccounts.isEmpty()
        && changedAccounts.isEmpty()
        && transfers.isEmpty()
        && holds.isEmpty()
        && records.isEmpty();
  }

  /** Full rows of every account created or changed in this batch. */
  public List<Account> accounts() {
    List<Account> accounts = new ArrayList<>(createdAccounts.size() + changedAccounts.size());
    addSnapshots(createdAccounts, accounts);
    addSnapshots(changedAccounts, accounts);
    return accounts;
  }

  /** Full rows of the accounts created in this batch: none of them is in the store yet. */
  public List<Account> createdAccounts() {
    return addSnapshots(createdAccounts, new ArrayList<>(createdAccounts.size()));
  }

  /** Full rows of accounts already in the store whose balances or flags this batch changed. */
  public List<Account> changedAccounts() {
    return addSnapshots(changedAccounts, new ArrayList<>(changedAccounts.size()));
  }

  private static List<Account> addSnapshots(List<AccountState> states, List<Account> into) {
    for (AccountState state : states) {
      into.add(state.snapshot());
    }
    return into;
  }

  /** What the account rows this batch writes cover: every change up to this engine timestamp. */
  public long coveredTimestamp() {
    return coveredTimestamp;
  }

  /**
   * The checkpoint to record with this batch (every change after it is in the journal, all up to it
   * in the account rows), or -1 to leave the recorded one as it is.
   */
  public long checkpointTimestamp() {
    return checkpointTimestamp;
  }

  public List<Transfer> transfers() {
    return transfers;
  }

  public Iterable<Hold> holds() {
    return holds.values();
  }

  public int holdCount() {
    return holds.size();
  }

  public List<AttachedRecord> records() {
    return records;
  }

  /**
   * History of the accounts this batch writes (created or changed), since their rows were last
   * written: with the rows, it makes the stored history complete up to {@link #coveredTimestamp}.
   */
  public HistoryChunks history() {
    return history;
  }
}

package io.harbourpay.ledger;

import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Everything one writer batch changed, persisted by the store in one transaction: accounts (created
 * or with new balances, as full rows), transfers, hold lifecycle rows and attached records. Reused
 * from batch to batch to avoid garbage.
 */
public final class StoreBatch {
  final List<AccountState> dirtyAccounts = new ArrayList<>();
  final List<Transfer> transfers = new ArrayList<>();
  final Long2ObjectHashMap<Hold> holds = new Long2ObjectHashMap<>();
  final List<AttachedRecord> records = new ArrayList<>();

  void clear() {
    dirtyAccounts.clear();
    transfers.clear();
    holds.clear();
    records.clear();
  }

  public boolean isEmpty() {
    return dirtyAccounts.isEmpty() && transfers.isEmpty() && holds.isEmpty() && records.isEmpty();
  }

  /** Full rows of every account created or changed in this batch. */
  public List<Account> accounts() {
    List<Account> accounts = new ArrayList<>(dirtyAccounts.size());
    for (AccountState state : dirtyAccounts) {
      accounts.add(state.snapshot());
    }
    return accounts;
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
}

package io.harbourpay.ledger;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;

/**
 * Current accounts from a checkpoint: the stored rows (each holding its account's changes up to its
 * own {@code covered_ts}) plus the journal after them — transfers, and expiries of holds. Pure
 * arithmetic on recorded effects, in timestamp order: the engine validated every event when it
 * accepted it, so nothing is checked again.
 *
 * <p>Events for accounts that were not added are ignored, so the same replay serves a restart (all
 * accounts, the whole tail after the checkpoint) and a lookup (a few accounts, their own tails).
 * Stores feed it rows and events in any order; it sorts the events.
 */
public final class JournalReplay {
  private final List<AccountState> rows = new ArrayList<>();
  private final Long2ObjectHashMap<AccountState> rowsById = new Long2ObjectHashMap<>();
  private final Long2LongHashMap coveredTimestamps = new Long2LongHashMap(-1);
  private final LongHashSet replayed = new LongHashSet();
  private final List<Event> events = new ArrayList<>();

  /** Timestamps of the events added: a transfer between two looked-up accounts comes twice. */
  private final LongHashSet eventTimestamps = new LongHashSet();

  /** Pending transfers the events resolve, by id: from the tail itself or looked up. */
  private final Long2ObjectHashMap<Pending> pendings = new Long2ObjectHashMap<>();

  /** A stored account row, which holds every change of the account up to {@code covered}. */
  public void addAccount(Account account, long coveredTimestamp) {
    AccountState row = new AccountState(account);
    rows.add(row);
    rowsById.put(account.id(), row);
    coveredTimestamps.put(account.id(), coveredTimestamp);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The smallest covered timestamp of the accounts added: where their journal can begin. */
  public long coveredTimestampMin() {
    long min = Long.MAX_VALUE;
    for (AccountState row : rows) min = Math.min(min, coveredTimestamps.get(row.id));
    return min;
  }

  public void addTransfer(
      long timestamp,
      long id,
      long debitId,
      long creditId,
      long amount,
      long pendingId,
      int flags) {
    if (!eventTimestamps.add(timestamp)) {
      return;
    }
    events.add(new Event(timestamp, debitId, creditId, amount, pendingId, flags, false));
    if ((flags & TransferFlags.PENDING) != 0) {
      addPending(id, debitId, creditId, amount, flags);
    }
  }

  public void addExpiry(long timestamp, long pendingId) {
    if (!eventTimestamps.add(timestamp)) {
      return;
    }
    events.add(new Event(timestamp, 0, 0, 0, pendingId, 0, true));
  }

  /** Pending transfers referenced by the events: all must be added before {@link #replay}. */
  public long[] pendingIdsNeeded() {
    LongArrayList needed = new LongArrayList();
    LongHashSet seen = new LongHashSet();
    for (Event event : events) {
      if (event.pendingId != 0 && !pendings.containsKey(event.pendingId)) {
        if (seen.add(event.pendingId)) needed.addLong(event.pendingId);
      }
    }
    return needed.toLongArray();
  }

  public void addPending(long id, long debitId, long creditId, long amount, int flags) {
    pendings.put(id, new Pending(debitId, creditId, amount, flags));
  }

  /** Applies the journal; returns the accounts in the order added. */
  public List<Account> replay() {
    events.sort(Comparator.comparingLong(Event::timestamp));
    for (Event event : events) {
      apply(event);
    }
    List<Account> accounts = new ArrayList<>(rows.size());
    for (AccountState row : rows) accounts.add(row.snapshot());
    return accounts;
  }

  /**
   * For each replayed account, the timestamps of its transfers after its row, ascending: the
   * history its next write-back must add (rows and stored history cover the same changes).
   */
  public Long2ObjectHashMap<long[]> replayedHistory() {
    // Derived from the events (sorted by replay()) only when a restart asks: lookups don't pay.
    Long2ObjectHashMap<LongArrayList> histories = new Long2ObjectHashMap<>();
    for (Event event : events) {
      if (event.expiry) continue;
      for (long accountId : new long[] {event.debitId, event.creditId}) {
        if (rowsById.containsKey(accountId) && event.timestamp > coveredTimestamps.get(accountId)) {
          histories.computeIfAbsent(accountId, id -> new LongArrayList()).addLong(event.timestamp);
        }
      }
    }
    Long2ObjectHashMap<long[]> history = new Long2ObjectHashMap<>();
    histories.forEach((id, timestamps) -> history.put(id, timestamps.toLongArray()));
    return history;
  }

  /** Accounts the journal changed after their rows: their rows are behind the accounts. */
  public long[] replayedAccountIds() {
    LongArrayList ids = new LongArrayList();
    for (AccountState row : rows) {
      if (replayed.contains(row.id)) ids.addLong(row.id);
    }
    return ids.toLongArray();
  }

  private void apply(Event event) {
    if (event.expiry) {
      release(pending(event.pendingId), event.timestamp, true);
      return;
    }
    int flags = event.flags;
    if ((flags & TransferFlags.POST_PENDING) != 0) {
      release(pending(event.pendingId), event.timestamp, false);
      AccountState debit = row(event.debitId, event.timestamp);
      AccountState credit = row(event.creditId, event.timestamp);
      if (debit != null) debit.debitsPosted += event.amount;
      if (credit != null) credit.creditsPosted += event.amount;
    } else if ((flags & TransferFlags.VOID_PENDING) != 0) {
      release(pending(event.pendingId), event.timestamp, true);
    } else if ((flags & TransferFlags.PENDING) != 0) {
      AccountState debit = row(event.debitId, event.timestamp);
      AccountState credit = row(event.creditId, event.timestamp);
      if (debit != null) {
        debit.debitsPending += event.amount;
        if ((flags & TransferFlags.CLOSING_DEBIT) != 0) debit.flags |= AccountFlags.CLOSED;
      }
      if (credit != null) {
        credit.creditsPending += event.amount;
        if ((flags & TransferFlags.CLOSING_CREDIT) != 0) credit.flags |= AccountFlags.CLOSED;
      }
    } else {
      AccountState debit = row(event.debitId, event.timestamp);
      AccountState credit = row(event.creditId, event.timestamp);
      if (debit != null) debit.debitsPosted += event.amount;
      if (credit != null) credit.creditsPosted += event.amount;
    }
  }

  /** A hold ends: its pending amounts go; a void or expiry reopens what it closed. */
  private void release(Pending pending, long timestamp, boolean reopen) {
    AccountState debit = row(pending.debitId, timestamp);
    AccountState credit = row(pending.creditId, timestamp);
    if (debit != null) {
      debit.debitsPending -= pending.amount;
      if (reopen && (pending.flags & TransferFlags.CLOSING_DEBIT) != 0) {
        debit.flags &= ~AccountFlags.CLOSED;
      }
    }
    if (credit != null) {
      credit.creditsPending -= pending.amount;
      if (reopen && (pending.flags & TransferFlags.CLOSING_CREDIT) != 0) {
        credit.flags &= ~AccountFlags.CLOSED;
      }
    }
  }

  private Pending pending(long id) {
    Pending pending = pendings.get(id);
    if (pending == null) {
      throw new IllegalStateException("the journal resolves pending transfer " + id + " not found");
    }
    return pending;
  }

  /** The row an event at {@code timestamp} changes, or null if it is not replayed or covers it. */
  private AccountState row(long accountId, long timestamp) {
    AccountState row = rowsById.get(accountId);
    if (row == null || timestamp <= coveredTimestamps.get(accountId)) {
      return null;
    }
    replayed.add(accountId);
    return row;
  }

  private record Event(
      long timestamp,
      long debitId,
      long creditId,
      long amount,
      long pendingId,
      int flags,
      boolean expiry) {}

  private record Pending(long debitId, long creditId, long amount, int flags) {}
}

package io.harbourpay.ledger.store;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.TransferFlags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 */
final class JournalReplay {
  private final List<Row> rows = new ArrayList<>();
  private final Long2ObjectHashMap<Row> rowsById = new Long2ObjectHashMap<>();
  private final List<Event> events = new ArrayList<>();

  /** Timestamps of the events added: a transfer between two looked-up accounts comes twice. */
  private final LongHashSet eventTimestamps = new LongHashSet();

  /** Pending transfers the events resolve, by id: from the tail itself or looked up. */
  private final Long2ObjectHashMap<Pending> pendings = new Long2ObjectHashMap<>();

  void addAccount(Account account, long coveredTimestamp) {
    Row row = new Row(account, coveredTimestamp);
    rows.add(row);
    rowsById.put(account.id(), row);
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  /** The smallest covered timestamp of the accounts added: where their journal can begin. */
  long coveredTimestampMin() {
    long min = Long.MAX_VALUE;
    for (Row row : rows) min = Math.min(min, row.coveredTimestamp);
    return min;
  }

  void addTransfer(
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

  void addExpiry(long timestamp, long pendingId) {
    if (!eventTimestamps.add(timestamp)) {
      return;
    }
    events.add(new Event(timestamp, 0, 0, 0, pendingId, 0, true));
  }

  /** Pending transfers referenced by the events: all must be added before {@link #replay}. */
  long[] pendingIdsNeeded() {
    LongArrayList needed = new LongArrayList();
    LongHashSet seen = new LongHashSet();
    for (Event event : events) {
      if (event.pendingId != 0 && !pendings.containsKey(event.pendingId)) {
        if (seen.add(event.pendingId)) needed.addLong(event.pendingId);
      }
    }
    return needed.toLongArray();
  }

  void addPending(long id, long debitId, long creditId, long amount, int flags) {
    pendings.put(id, new Pending(debitId, creditId, amount, flags));
  }

  /** Applies the journal; returns the accounts in the order added. */
  List<Account> replay() {
    events.sort(Comparator.comparingLong(Event::timestamp));
    for (Event event : events) {
      apply(event);
    }
    List<Account> accounts = new ArrayList<>(rows.size());
    for (Row row : rows) accounts.add(row.toAccount());
    return accounts;
  }

  /** Accounts the journal changed after their rows: their rows are behind the accounts. */
  long[] replayedAccountIds() {
    LongArrayList ids = new LongArrayList();
    for (Row row : rows) {
      if (row.replayed) ids.addLong(row.id);
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
      Row debit = row(event.debitId, event.timestamp);
      Row credit = row(event.creditId, event.timestamp);
      if (debit != null) debit.debitsPosted += event.amount;
      if (credit != null) credit.creditsPosted += event.amount;
    } else if ((flags & TransferFlags.VOID_PENDING) != 0) {
      release(pending(event.pendingId), event.timestamp, true);
    } else if ((flags & TransferFlags.PENDING) != 0) {
      Row debit = row(event.debitId, event.timestamp);
      Row credit = row(event.creditId, event.timestamp);
      if (debit != null) {
        debit.debitsPending += event.amount;
        if ((flags & TransferFlags.CLOSING_DEBIT) != 0) debit.flags |= AccountFlags.CLOSED;
      }
      if (credit != null) {
        credit.creditsPending += event.amount;
        if ((flags & TransferFlags.CLOSING_CREDIT) != 0) credit.flags |= AccountFlags.CLOSED;
      }
    } else {
      Row debit = row(event.debitId, event.timestamp);
      Row credit = row(event.creditId, event.timestamp);
      if (debit != null) debit.debitsPosted += event.amount;
      if (credit != null) credit.creditsPosted += event.amount;
    }
  }

  /** A hold ends: its pending amounts go; a void or expiry reopens what it closed. */
  private void release(Pending pending, long timestamp, boolean reopen) {
    Row debit = row(pending.debitId, timestamp);
    Row credit = row(pending.creditId, timestamp);
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
  private Row row(long accountId, long timestamp) {
    Row row = rowsById.get(accountId);
    if (row == null || timestamp <= row.coveredTimestamp) {
      return null;
    }
    row.replayed = true;
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

  private static final class Row {
    final long id;
    final String currency;
    final int code;
    final long userData;
    final long timestamp;
    final long coveredTimestamp;
    int flags;
    long debitsPending;
    long debitsPosted;
    long creditsPending;
    long creditsPosted;
    boolean replayed;

    Row(Account account, long coveredTimestamp) {
      this.id = account.id();
      this.currency = account.currency();
      this.code = account.code();
      this.userData = account.userData();
      this.timestamp = account.timestamp();
      this.coveredTimestamp = coveredTimestamp;
      this.flags = account.flags();
      this.debitsPending = account.debitsPending();
      this.debitsPosted = account.debitsPosted();
      this.creditsPending = account.creditsPending();
      this.creditsPosted = account.creditsPosted();
    }

    Account toAccount() {
      return new Account(
          id,
          currency,
          code,
          flags,
          userData,
          debitsPending,
          debitsPosted,
          creditsPending,
          creditsPosted,
          timestamp);
    }
  }
}

package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.PriorityQueue;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;

/**
 * The ledger's rules applied to in-memory state. Single-threaded by design: only the writer thread
 * calls it (asserted), so there are no locks and a hot account costs what a cold one does.
 *
 * <p>Each event is validated completely before anything is mutated, so a failed single event needs
 * no undo. A linked chain records what it changes and is rolled back if any event of it fails.
 * Changes of the current batch are collected in a {@link StoreBatch}; if persisting the batch
 * fails, the writer throws this state away and rebuilds it from the store.
 *
 * <p>Account rows are written back lazily (see {@link LedgerConfig.AccountFlush}): the transfers of
 * each batch are its journal, and the store rebuilds current balances from the rows plus the
 * journal after the checkpoint timestamp this class maintains — every change after it is in the
 * journal, every change up to it is in the rows.
 *
 * <p>The order of checks is part of the contract (the reference model in the tests follows it): see
 * docs/architecture.md, "Result precedence".
 */
public final class StateMachine {
  static final long MICROS_PER_SECOND = 1_000_000L;

  private final Long2ObjectHashMap<AccountState> accounts = new Long2ObjectHashMap<>();

  /** Every transfer id ever accepted: idempotency is forever, so the set is never pruned. */
  private final LongHashSet transferIds;

  private final Long2ObjectHashMap<OpenHold> openHolds = new Long2ObjectHashMap<>();
  private final PriorityQueue<OpenHold> expiries =
      new PriorityQueue<>((left, right) -> Long.compare(left.expiresAt, right.expiresAt));
  private final CommittedLookup committed;
  private final LedgerConfig.AccountFlush flush;

  /** The batch number of changes replayed from the journal at load (real batches start at 1). */
  private static final long REPLAYED_BATCH = 0;

  /**
   * Accounts whose rows are behind memory, in the order of their first unwritten change. An entry
   * is stale (skipped) once its account was written or began a newer run of changes.
   */
  private final ArrayDeque<Unflushed> unflushed = new ArrayDeque<>();

  /** Every change after this engine timestamp is in the journal; all before it in the rows. */
  private long checkpointTimestamp;

  private final StoreBatch batch = new StoreBatch();
  private final Long2ObjectHashMap<Transfer> batchTransfers = new Long2ObjectHashMap<>();
  private final ChainUndo chain = new ChainUndo();
  private long batchNumber;
  private long batchNowMicros;
  private long lastTimestamp;
  private Thread owner;

  StateMachine(
      Collection<Account> accountsLoaded,
      Collection<Transfer> openHoldsLoaded,
      LongHashSet transferIds,
      long lastTimestamp,
      CommittedLookup committed) {
    this(
        new LedgerStore.LoadedState(
            List.copyOf(accountsLoaded),
            List.copyOf(openHoldsLoaded),
            transferIds,
            lastTimestamp,
            lastTimestamp,
            new long[0],
            new Long2ObjectHashMap<>()),
        committed,
        LedgerConfig.AccountFlush.defaults());
  }

  StateMachine(
      LedgerStore.LoadedState loaded, CommittedLookup committed, LedgerConfig.AccountFlush flush) {
    this.transferIds = loaded.transferIds();
    this.lastTimestamp = loaded.lastTimestamp();
    this.checkpointTimestamp = loaded.checkpointTimestamp();
    this.committed = committed;
    this.flush = flush;
    for (Account account : loaded.accounts()) {
      accounts.put(account.id(), new AccountState(account));
    }
    // Accounts the store brought up to date from the journal: their rows are still behind, so
    // they are due at once (written by the first batch), which moves the checkpoint past the
    // replayed tail.
    for (long id : loaded.replayedAccountIds()) {
      AccountState account = accounts.get(id);
      assert account != null : "replayed an unknown account " + id;
      account.unflushedEffects = 1;
      account.unflushedSinceBatch = REPLAYED_BATCH;
      account.unflushedSinceTimestamp = checkpointTimestamp + 1;
      unflushed.add(new Unflushed(account, REPLAYED_BATCH));
      long[] history = loaded.replayedHistory().get(id);
      if (history != null) {
        for (long timestamp : history) account.addHistory(timestamp);
      }
    }
    Collection<Transfer> openHoldsLoaded = loaded.openHolds();
    for (Transfer pending : openHoldsLoaded) {
      OpenHold hold = new OpenHold(pending, expiresAt(pending));
      openHolds.put(pending.id(), hold);
      if (hold.expiresAt != 0) {
        expiries.add(hold);
      }
    }
  }

  /** An empty ledger with no store behind it (benchmarks and tests). */
  public static StateMachine empty() {
    return new StateMachine(
        List.of(),
        List.of(),
        new LongHashSet(),
        0,
        new CommittedLookup() {
          @Override
          public Transfer transfer(long id) {
            return null;
          }

          @Override
          public Hold hold(long pendingId) {
            return null;
          }
        });
  }

  private static long expiresAt(Transfer pending) {
    return pending.timeoutSeconds() == 0
        ? 0
        : pending.timestamp() + pending.timeoutSeconds() * MICROS_PER_SECOND;
  }

  // ---------------------------------------------------------------------------------------------
  // Batches

  /** Starts a batch at wall-clock {@code nowMicros} and expires holds that are due. */
  public void beginBatch(long nowMicros) {
    assertOwner();
    batch.clear();
    batchTransfers.clear();
    batchNumber++;
    batchNowMicros = nowMicros;
    expireHolds(nowMicros);
  }

  /**
   * Ends the batch: picks the changed accounts whose rows are due to be written (see {@link
   * LedgerConfig.AccountFlush}) and the checkpoint timestamp that goes with them. Returns what the
   * store must persist.
   */
  public StoreBatch endBatch() {
    assertOwner();
    // Transfers of chains that failed were removed from the batch: only what stays is history.
    for (Transfer transfer : batch.transfers) {
      accounts.get(transfer.debitAccountId()).addHistory(transfer.timestamp());
      accounts.get(transfer.creditAccountId()).addHistory(transfer.timestamp());
    }
    while (!unflushed.isEmpty()) {
      Unflushed head = unflushed.peekFirst();
      AccountState account = head.account;
      if (head.isStale() || account.flushBatch == batchNumber) {
        unflushed.pollFirst();
        continue;
      }
      boolean due =
          head.sinceBatch == REPLAYED_BATCH
              || batchNumber - head.sinceBatch >= flush.afterBatches() - 1
              || batchNowMicros - account.unflushedSinceMicros >= flush.afterMs() * 1_000;
      if (!due) {
        break;
      }
      unflushed.pollFirst();
      writeBack(account);
    }
    for (AccountState written : batch.changedAccounts) {
      written.unflushedEffects = 0;
      takeHistory(written);
    }
    for (AccountState created : batch.createdAccounts) {
      takeHistory(created);
    }
    batch.coveredTimestamp = lastTimestamp;
    long checkpoint =
        unflushed.isEmpty()
            ? lastTimestamp
            : unflushed.peekFirst().account.unflushedSinceTimestamp - 1;
    assert checkpoint >= checkpointTimestamp : "the checkpoint moved back";
    if (checkpoint != checkpointTimestamp) {
      checkpointTimestamp = checkpoint;
      batch.checkpointTimestamp = checkpoint;
    }
    return batch;
  }

  /** Moves the account's unwritten history into the batch, which writes it with the row. */
  private void takeHistory(AccountState account) {
    if (account.unwrittenHistoryCount > 0) {
      batch.history.add(account.id, account.unwrittenHistory, account.unwrittenHistoryCount);
    }
    // Dropped, not kept for reuse: a million quiet accounts must not each hold an array.
    account.unwrittenHistory = AccountState.NO_HISTORY;
    account.unwrittenHistoryCount = 0;
  }

  /** When an idle writer must run a batch to write accounts that are due by time. */
  public long nextAccountFlushMicros() {
    while (!unflushed.isEmpty() && unflushed.peekFirst().isStale()) {
      unflushed.pollFirst();
    }
    if (unflushed.isEmpty()) {
      return Long.MAX_VALUE;
    }
    if (unflushed.peekFirst().sinceBatch == REPLAYED_BATCH) {
      return 0; // due now
    }
    return unflushed.peekFirst().account.unflushedSinceMicros + flush.afterMs() * 1_000;
  }

  public StoreBatch batch() {
    return batch;
  }

  /** Every change after this timestamp is in the journal (transfers, expired holds). */
  public long checkpointTimestamp() {
    return checkpointTimestamp;
  }

  public long lastTimestamp() {
    return lastTimestamp;
  }

  public int accountCount() {
    return accounts.size();
  }

  public int openHoldCount() {
    return openHolds.size();
  }

  /** The earliest expiry of an open hold, or {@code Long.MAX_VALUE}: when the writer must wake. */
  public long nextExpiryMicros() {
    while (!expiries.isEmpty() && openHolds.get(expiries.peek().transfer.id()) != expiries.peek()) {
      expiries.poll(); // resolved before it expired
    }
    return expiries.isEmpty() ? Long.MAX_VALUE : expiries.peek().expiresAt;
  }

  private void assertOwner() {
    if (owner == null) {
      owner = Thread.currentThread();
    }
    assert owner == Thread.currentThread() : "ledger state touched off the writer thread";
  }

  private long nextTimestamp() {
    lastTimestamp = Math.max(lastTimestamp + 1, batchNowMicros);
    return lastTimestamp;
  }

  /**
   * Records a change of {@code account} made at engine timestamp {@code lastTimestamp}. An account
   * created in this batch is inserted by it, as it stands at the end of the batch; any other joins
   * the accounts whose rows are behind, and is written in this batch if it changed often enough.
   */
  private void markDirty(AccountState account) {
    if (account.createdBatch == batchNumber) {
      if (account.dirtyBatch != batchNumber) {
        account.dirtyBatch = batchNumber;
        batch.createdAccounts.add(account);
      }
      return;
    }
    if (account.unflushedEffects == 0) {
      account.unflushedSinceBatch = batchNumber;
      account.unflushedSinceMicros = batchNowMicros;
      account.unflushedSinceTimestamp = lastTimestamp;
      unflushed.addLast(new Unflushed(account, batchNumber));
    }
    account.unflushedEffects++;
    if (account.unflushedEffects == flush.effectsMax()) {
      writeBack(account);
    }
  }

  private void writeBack(AccountState account) {
    if (account.flushBatch != batchNumber) {
      account.flushBatch = batchNumber;
      batch.changedAccounts.add(account);
    }
  }

  /** One run of unwritten changes of an account, from the batch of its first change. */
  private record Unflushed(AccountState account, long sinceBatch) {
    boolean isStale() {
      return account.unflushedEffects == 0 || account.unflushedSinceBatch != sinceBatch;
    }
  }

  private void expireHolds(long nowMicros) {
    while (!expiries.isEmpty() && expiries.peek().expiresAt <= nowMicros) {
      OpenHold hold = expiries.poll();
      if (openHolds.get(hold.transfer.id()) != hold) {
        continue; // posted or voided before it was due
      }
      // An expiry is an event of the journal like a transfer: it takes an engine timestamp, so
      // that it sorts after the checkpoint it is not part of.
      long timestamp = nextTimestamp();
      releaseHold(hold, Hold.EXPIRED, timestamp);
    }
  }

  /** Removes an open hold and its pending balances; reopens accounts it closed. */
  private void releaseHold(OpenHold hold, int status, long timestamp) {
    Transfer pending = hold.transfer;
    AccountState debit = accounts.get(pending.debitAccountId());
    AccountState credit = accounts.get(pending.creditAccountId());
    chain.saveAccount(debit);
    chain.saveAccount(credit);
    chain.saveHold(pending.id(), batch.holds.get(pending.id()), hold);
    debit.debitsPending -= pending.amount();
    credit.creditsPending -= pending.amount();
    if (status != Hold.POSTED) {
      if (pending.hasFlag(TransferFlags.CLOSING_DEBIT)) {
        debit.flags &= ~AccountFlags.CLOSED;
      }
      if (pending.hasFlag(TransferFlags.CLOSING_CREDIT)) {
        credit.flags &= ~AccountFlags.CLOSED;
      }
    }
    markDirty(debit);
    markDirty(credit);
    openHolds.remove(pending.id());
    batch.holds.put(pending.id(), new Hold(pending.id(), hold.expiresAt, status, timestamp));
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts

  public void createAccounts(List<Account> events, CreateAccountResult[] results) {
    assertOwner();
    for (int index = 0; index < events.size(); index++) {
      results[index] = createAccount(events.get(index));
    }
  }

  private CreateAccountResult createAccount(Account account) {
    if (account.timestamp() != 0) return CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
    if ((account.flags() & ~AccountFlags.SETTABLE_ON_CREATE) != 0) {
      return CreateAccountResult.RESERVED_FLAG;
    }
    if (account.id() == 0) return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
    if (account.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
        && account.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
      return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (account.debitsPending() != 0
        || account.debitsPosted() != 0
        || account.creditsPending() != 0
        || account.creditsPosted() != 0) {
      return CreateAccountResult.BALANCES_MUST_BE_ZERO;
    }
    if (!Currencies.isValid(account.currency())) return CreateAccountResult.CURRENCY_MUST_BE_VALID;
    if (account.code() == 0) return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
    AccountState existing = accounts.get(account.id());
    if (existing != null) {
      if ((existing.flags & ~AccountFlags.CLOSED) != account.flags()) {
        return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
      }
      if (!existing.currency.equals(account.currency())) {
        return CreateAccountResult.EXISTS_WITH_DIFFERENT_CURRENCY;
      }
      if (existing.code != account.code()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
      if (existing.userData != account.userData()) {
        return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA;
      }
      return CreateAccountResult.EXISTS;
    }
    AccountState created =
        new AccountState(
            new Account(
                account.id(),
                account.currency(),
                account.code(),
                account.flags(),
                account.userData(),
                0,
                0,
                0,
                0,
                nextTimestamp()));
    created.createdBatch = batchNumber;
    accounts.put(created.id, created);
    markDirty(created);
    return CreateAccountResult.OK;
  }

  // ---------------------------------------------------------------------------------------------
  // Transfers

  /**
   * Applies {@code events} in order; chains of LINKED events succeed or fail together. Writes one
   * result per event into {@code results}.
   */
  public void createTransfers(List<Transfer> events, CreateTransferResult[] results) {
    assertOwner();
    int count = events.size();
    int index = 0;
    while (index < count) {
      if (!events.get(index).hasFlag(TransferFlags.LINKED)) {
        results[index] = createTransfer(events.get(index));
        index++;
        continue;
      }
      int chainEnd = index;
      while (chainEnd < count && events.get(chainEnd).hasFlag(TransferFlags.LINKED)) {
        chainEnd++;
      }
      if (chainEnd == count) {
        for (int open = index; open < count - 1; open++) {
          results[open] = LINKED_EVENT_FAILED;
        }
        results[count - 1] = LINKED_EVENT_CHAIN_OPEN;
        return;
      }
      applyChain(events, index, chainEnd, results);
      index = chainEnd + 1;
    }
  }

  /** Applies events {@code first..last} (inclusive) as one chain. True if all were OK. */
  private boolean applyChain(
      List<Transfer> events, int first, int last, CreateTransferResult[] results) {
    chain.begin(batch.transfers.size());
    int failed = -1;
    for (int index = first; index <= last; index++) {
      CreateTransferResult result = createTransfer(events.get(index));
      results[index] = result;
      if (result != OK) {
        failed = index;
        break;
      }
    }
    if (failed >= 0) {
      rollbackChain();
      for (int index = first; index <= last; index++) {
        if (index != failed) {
          results[index] = LINKED_EVENT_FAILED;
        }
      }
    }
    chain.end();
    return failed < 0;
  }

  /**
   * Applies a command: its transfers as one chain, and its records into the batch if all of them
   * were OK.
   */
  public void execute(Command command, CreateTransferResult[] results) {
    assertOwner();
    List<Transfer> transfers = command.transfers();
    boolean applied;
    if (transfers.size() == 1) {
      results[0] = createTransfer(transfers.get(0));
      applied = results[0] == OK;
    } else {
      applied = applyChain(transfers, 0, transfers.size() - 1, results);
    }
    if (applied) {
      batch.records.addAll(command.records());
    } else if (results[0] == EXISTS) {
      // A retried command. Answer for each transfer whether it is already there as asked
      // (EXISTS) or differently (EXISTS_WITH_DIFFERENT_*), so the caller can tell "done before"
      // from "conflicts with what was done". Its records were written the first time.
      for (int index = 0; index < transfers.size(); index++) {
        Transfer existing = findTransfer(transfers.get(index).id());
        results[index] =
            existing == null
                ? LINKED_EVENT_FAILED
                : compareExisting(transfers.get(index), existing);
      }
    }
  }

  private void rollbackChain() {
    List<Transfer> transfers = batch.transfers;
    for (int index = transfers.size() - 1; index >= chain.transferMark(); index--) {
      long id = transfers.get(index).id();
      transferIds.remove(id);
      batchTransfers.remove(id);
      transfers.remove(index);
    }
    chain.rollback(openHolds, batch.holds);
  }

  private CreateTransferResult createTransfer(Transfer transfer) {
    if (transfer.timestamp() != 0) return TIMESTAMP_MUST_BE_ZERO;
    if ((transfer.flags() & ~TransferFlags.ALL) != 0) return RESERVED_FLAG;
    if (transfer.id() == 0) return ID_MUST_NOT_BE_ZERO;
    if (!flagsCompatible(transfer.flags())) return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    if (transfer.amount() < 0) return AMOUNT_MUST_NOT_BE_NEGATIVE;
    if (transfer.hasFlag(TransferFlags.POST_PENDING)
        || transfer.hasFlag(TransferFlags.VOID_PENDING)) {
      return resolvePending(transfer);
    }
    return createSinglePhaseOrPending(transfer);
  }

  private static boolean flagsCompatible(int flags) {
    int phases =
        Integer.bitCount(
            flags
                & (TransferFlags.PENDING
                    | TransferFlags.POST_PENDING
                    | TransferFlags.VOID_PENDING));
    if (phases > 1) return false;
    boolean resolving = (flags & (TransferFlags.POST_PENDING | TransferFlags.VOID_PENDING)) != 0;
    int createOnly =
        TransferFlags.BALANCING_DEBIT
            | TransferFlags.BALANCING_CREDIT
            | TransferFlags.CLOSING_DEBIT
            | TransferFlags.CLOSING_CREDIT;
    return !(resolving && (flags & createOnly) != 0);
  }

  private CreateTransferResult createSinglePhaseOrPending(Transfer transfer) {
    boolean pending = transfer.hasFlag(TransferFlags.PENDING);
    boolean balancing =
        transfer.hasFlag(TransferFlags.BALANCING_DEBIT)
            || transfer.hasFlag(TransferFlags.BALANCING_CREDIT);
    if (transfer.pendingId() != 0) return PENDING_ID_MUST_BE_ZERO;
    if (!pending && transfer.timeoutSeconds() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (!pending
        && (transfer.hasFlag(TransferFlags.CLOSING_DEBIT)
            || transfer.hasFlag(TransferFlags.CLOSING_CREDIT))) {
      return CLOSING_TRANSFER_MUST_BE_PENDING;
    }
    if (transfer.debitAccountId() == 0) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (transfer.creditAccountId() == 0) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (transfer.debitAccountId() == transfer.creditAccountId()) return ACCOUNTS_MUST_BE_DIFFERENT;
    if (transfer.timeoutSeconds() < 0) return OVERFLOWS_TIMEOUT;
    if (!Currencies.isValid(transfer.currency())) return CURRENCY_MUST_BE_VALID;
    if (transfer.code() == 0) return CODE_MUST_NOT_BE_ZERO;
    if (transfer.amount() == 0 && !balancing) return AMOUNT_MUST_NOT_BE_ZERO;

    Transfer existing = findTransfer(transfer.id());
    if (existing != null) return compareExisting(transfer, existing);

    AccountState debit = accounts.get(transfer.debitAccountId());
    if (debit == null) return DEBIT_ACCOUNT_NOT_FOUND;
    AccountState credit = accounts.get(transfer.creditAccountId());
    if (credit == null) return CREDIT_ACCOUNT_NOT_FOUND;
    if (!debit.currency.equals(credit.currency)) return ACCOUNTS_MUST_HAVE_THE_SAME_CURRENCY;
    if (!transfer.currency().equals(debit.currency)) {
      return TRANSFER_MUST_HAVE_THE_SAME_CURRENCY_AS_ACCOUNTS;
    }
    if (debit.hasFlag(AccountFlags.CLOSED)) return DEBIT_ACCOUNT_ALREADY_CLOSED;
    if (credit.hasFlag(AccountFlags.CLOSED)) return CREDIT_ACCOUNT_ALREADY_CLOSED;

    long timestamp = Math.max(lastTimestamp + 1, batchNowMicros);
    long expiresAt = 0;
    if (pending && transfer.timeoutSeconds() != 0) {
      long timeoutMicros = transfer.timeoutSeconds() * MICROS_PER_SECOND;
      if (timestamp > Long.MAX_VALUE - timeoutMicros) return OVERFLOWS_TIMEOUT;
      expiresAt = timestamp + timeoutMicros;
    }

    long amount = transfer.amount();
    if (transfer.hasFlag(TransferFlags.BALANCING_DEBIT)) {
      long available = debit.creditsPosted - debit.debitsPosted - debit.debitsPending;
      amount = Math.min(amount, Math.max(0, available));
    }
    if (transfer.hasFlag(TransferFlags.BALANCING_CREDIT)) {
      long available = credit.debitsPosted - credit.creditsPosted - credit.creditsPending;
      amount = Math.min(amount, Math.max(0, available));
    }

    if (pending) {
      if (overflows(debit.debitsPending, amount)) return OVERFLOWS_DEBITS_PENDING;
      if (overflows(credit.creditsPending, amount)) return OVERFLOWS_CREDITS_PENDING;
    } else {
      if (overflows(debit.debitsPosted, amount)) return OVERFLOWS_DEBITS_POSTED;
      if (overflows(credit.creditsPosted, amount)) return OVERFLOWS_CREDITS_POSTED;
    }
    if (overflows(debit.debitsPending, debit.debitsPosted, amount)) return OVERFLOWS_DEBITS;
    if (overflows(credit.creditsPending, credit.creditsPosted, amount)) return OVERFLOWS_CREDITS;

    if (debit.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
        && debit.debitsPending + debit.debitsPosted + amount > debit.creditsPosted) {
      return EXCEEDS_CREDITS;
    }
    if (credit.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
        && credit.creditsPending + credit.creditsPosted + amount > credit.debitsPosted) {
      return EXCEEDS_DEBITS;
    }

    // Every check passed: from here on nothing can fail.
    chain.saveAccount(debit);
    chain.saveAccount(credit);
    lastTimestamp = timestamp;
    Transfer stored =
        new Transfer(
            transfer.id(),
            transfer.debitAccountId(),
            transfer.creditAccountId(),
            amount,
            0,
            transfer.userData(),
            transfer.timeoutSeconds(),
            debit.currency,
            transfer.code(),
            transfer.flags(),
            timestamp);
    if (pending) {
      debit.debitsPending += amount;
      credit.creditsPending += amount;
      if (transfer.hasFlag(TransferFlags.CLOSING_DEBIT)) debit.flags |= AccountFlags.CLOSED;
      if (transfer.hasFlag(TransferFlags.CLOSING_CREDIT)) credit.flags |= AccountFlags.CLOSED;
      OpenHold hold = new OpenHold(stored, expiresAt);
      chain.saveHold(stored.id(), null, null);
      openHolds.put(stored.id(), hold);
      if (expiresAt != 0) {
        expiries.add(hold);
      }
      batch.holds.put(stored.id(), new Hold(stored.id(), expiresAt, Hold.OPEN, 0));
    } else {
      debit.debitsPosted += amount;
      credit.creditsPosted += amount;
    }
    markDirty(debit);
    markDirty(credit);
    record(stored, debit, credit);
    return OK;
  }

  private CreateTransferResult resolvePending(Transfer transfer) {
    boolean post = transfer.hasFlag(TransferFlags.POST_PENDING);
    if (transfer.pendingId() == 0) return PENDING_ID_MUST_NOT_BE_ZERO;
    if (transfer.pendingId() == transfer.id()) return PENDING_ID_MUST_BE_DIFFERENT;
    if (transfer.timeoutSeconds() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (transfer.currency() != null && !Currencies.isValid(transfer.currency())) {
      return CURRENCY_MUST_BE_VALID;
    }

    Transfer existing = findTransfer(transfer.id());
    if (existing != null) return compareExisting(transfer, existing);

    Transfer pending = findTransfer(transfer.pendingId());
    if (pending == null) return PENDING_TRANSFER_NOT_FOUND;
    if (!pending.hasFlag(TransferFlags.PENDING)) return PENDING_TRANSFER_NOT_PENDING;
    if (transfer.debitAccountId() != 0 && transfer.debitAccountId() != pending.debitAccountId()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (transfer.creditAccountId() != 0
        && transfer.creditAccountId() != pending.creditAccountId()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    if (transfer.currency() != null && !transfer.currency().equals(pending.currency())) {
      return PENDING_TRANSFER_HAS_DIFFERENT_CURRENCY;
    }
    if (transfer.code() != 0 && transfer.code() != pending.code()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_CODE;
    }
    if (post && transfer.amount() > pending.amount()) return EXCEEDS_PENDING_TRANSFER_AMOUNT;
    if (!post && transfer.amount() != 0 && transfer.amount() != pending.amount()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
    }

    long timestamp = Math.max(lastTimestamp + 1, batchNowMicros);
    OpenHold hold = openHolds.get(pending.id());
    if (hold == null) {
      return switch (resolvedStatus(pending.id())) {
        case Hold.POSTED -> PENDING_TRANSFER_ALREADY_POSTED;
        case Hold.VOIDED -> PENDING_TRANSFER_ALREADY_VOIDED;
        default -> PENDING_TRANSFER_EXPIRED;
      };
    }
    if (hold.isExpiredAt(timestamp)) return PENDING_TRANSFER_EXPIRED;

    AccountState debit = accounts.get(pending.debitAccountId());
    AccountState credit = accounts.get(pending.creditAccountId());
    assert debit != null && credit != null : "a hold on an unknown account";
    if (debit.hasFlag(AccountFlags.CLOSED) && !pending.hasFlag(TransferFlags.CLOSING_DEBIT)) {
      return DEBIT_ACCOUNT_ALREADY_CLOSED;
    }
    if (credit.hasFlag(AccountFlags.CLOSED) && !pending.hasFlag(TransferFlags.CLOSING_CREDIT)) {
      return CREDIT_ACCOUNT_ALREADY_CLOSED;
    }
    long amount = post ? (transfer.amount() == 0 ? pending.amount() : transfer.amount()) : 0;
    if (post) {
      if (overflows(debit.debitsPosted, amount)) return OVERFLOWS_DEBITS_POSTED;
      if (overflows(credit.creditsPosted, amount)) return OVERFLOWS_CREDITS_POSTED;
    }

    // Every check passed: from here on nothing can fail.
    lastTimestamp = timestamp;
    releaseHold(hold, post ? Hold.POSTED : Hold.VOIDED, timestamp);
    if (post) {
      debit.debitsPosted += amount;
      credit.creditsPosted += amount;
    }
    record(
        new Transfer(
            transfer.id(),
            pending.debitAccountId(),
            pending.creditAccountId(),
            post ? amount : pending.amount(),
            pending.id(),
            transfer.userData(),
            0,
            pending.currency(),
            pending.code(),
            transfer.flags(),
            timestamp),
        debit,
        credit);
    return OK;
  }

  private int resolvedStatus(long pendingId) {
    Hold inBatch = batch.holds.get(pendingId);
    if (inBatch != null) {
      return inBatch.status();
    }
    Hold stored = committed.hold(pendingId);
    assert stored != null && stored.status() != Hold.OPEN : "pending transfer without hold row";
    return stored.status();
  }

  private void record(Transfer stored, AccountState debit, AccountState credit) {
    transferIds.add(stored.id());
    batchTransfers.put(stored.id(), stored);
    batch.transfers.add(stored);
    batch.recordBalancesAfter(
        batch.transfers.size() - 1,
        debit.creditsPosted - debit.debitsPosted,
        credit.creditsPosted - credit.debitsPosted);
  }

  private Transfer findTransfer(long id) {
    if (!transferIds.contains(id)) {
      return null;
    }
    Transfer inBatch = batchTransfers.get(id);
    if (inBatch != null) {
      return inBatch;
    }
    OpenHold hold = openHolds.get(id);
    if (hold != null) {
      return hold.transfer;
    }
    Transfer stored = committed.transfer(id);
    assert stored != null : "transfer id known but not stored: " + id;
    return stored;
  }

  private static CreateTransferResult compareExisting(Transfer input, Transfer existing) {
    if (input.flags() != existing.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
    boolean resolving =
        input.hasFlag(TransferFlags.POST_PENDING) || input.hasFlag(TransferFlags.VOID_PENDING);
    if (resolving) {
      if (input.pendingId() != existing.pendingId()) return EXISTS_WITH_DIFFERENT_PENDING_ID;
      if (input.debitAccountId() != 0 && input.debitAccountId() != existing.debitAccountId()) {
        return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
      }
      if (input.creditAccountId() != 0 && input.creditAccountId() != existing.creditAccountId()) {
        return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
      }
      if (input.amount() != 0 && input.amount() != existing.amount()) {
        return EXISTS_WITH_DIFFERENT_AMOUNT;
      }
      if (input.currency() != null && !input.currency().equals(existing.currency())) {
        return EXISTS_WITH_DIFFERENT_CURRENCY;
      }
      if (input.code() != 0 && input.code() != existing.code()) return EXISTS_WITH_DIFFERENT_CODE;
    } else {
      if (input.timeoutSeconds() != existing.timeoutSeconds()) return EXISTS_WITH_DIFFERENT_TIMEOUT;
      if (input.debitAccountId() != existing.debitAccountId()) {
        return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
      }
      if (input.creditAccountId() != existing.creditAccountId()) {
        return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
      }
      boolean balancing =
          input.hasFlag(TransferFlags.BALANCING_DEBIT)
              || input.hasFlag(TransferFlags.BALANCING_CREDIT);
      // A balancing amount is an upper bound: any bound at least what was moved is the same ask.
      boolean sameAmount =
          balancing ? input.amount() >= existing.amount() : input.amount() == existing.amount();
      if (!sameAmount) return EXISTS_WITH_DIFFERENT_AMOUNT;
      if (!input.currency().equals(existing.currency())) return EXISTS_WITH_DIFFERENT_CURRENCY;
      if (input.code() != existing.code()) return EXISTS_WITH_DIFFERENT_CODE;
    }
    if (input.userData() != existing.userData()) return EXISTS_WITH_DIFFERENT_USER_DATA;
    return EXISTS;
  }

  private static boolean overflows(long balance, long amount) {
    return balance > Long.MAX_VALUE - amount;
  }

  private static boolean overflows(long pending, long posted, long amount) {
    return overflows(pending, posted) || overflows(pending + posted, amount);
  }

  /** Reads an account as the writer sees it (tests and diagnostics on the writer thread). */
  Account account(long id) {
    AccountState state = accounts.get(id);
    return state == null ? null : state.snapshot();
  }

  /** All accounts as the writer sees them; for state hashes in tests. */
  List<Account> accounts() {
    List<Account> all = new ArrayList<>(accounts.size());
    accounts.values().forEach(state -> all.add(state.snapshot()));
    return all;
  }

  /** Undo information for the linked chain being applied. */
  private final class ChainUndo {
    private boolean active;
    private int transferMark;
    private final List<AccountState> savedAccounts = new ArrayList<>();
    private final List<long[]> savedBalances = new ArrayList<>();
    private final List<Long> savedHoldIds = new ArrayList<>();
    private final List<Hold> savedBatchHolds = new ArrayList<>();
    private final List<OpenHold> savedOpenHolds = new ArrayList<>();

    void begin(int transfersSoFar) {
      assert !active : "chains do not nest";
      active = true;
      transferMark = transfersSoFar;
    }

    int transferMark() {
      return transferMark;
    }

    void saveAccount(AccountState account) {
      if (!active) {
        return;
      }
      savedAccounts.add(account);
      savedBalances.add(
          new long[] {
            account.flags,
            account.debitsPending,
            account.debitsPosted,
            account.creditsPending,
            account.creditsPosted
          });
    }

    void saveHold(long pendingId, Hold batchHold, OpenHold openHold) {
      if (!active) {
        return;
      }
      savedHoldIds.add(pendingId);
      savedBatchHolds.add(batchHold);
      savedOpenHolds.add(openHold);
    }

    void rollback(Long2ObjectHashMap<OpenHold> open, Long2ObjectHashMap<Hold> batchHolds) {
      for (int index = savedAccounts.size() - 1; index >= 0; index--) {
        AccountState account = savedAccounts.get(index);
        long[] saved = savedBalances.get(index);
        account.flags = (int) saved[0];
        account.debitsPending = saved[1];
        account.debitsPosted = saved[2];
        account.creditsPending = saved[3];
        account.creditsPosted = saved[4];
      }
      for (int index = savedHoldIds.size() - 1; index >= 0; index--) {
        long pendingId = savedHoldIds.get(index);
        Hold batchHold = savedBatchHolds.get(index);
        OpenHold openHold = savedOpenHolds.get(index);
        if (batchHold == null) {
          batchHolds.remove(pendingId);
        } else {
          batchHolds.put(pendingId, batchHold);
        }
        if (openHold == null) {
          open.remove(pendingId);
        } else {
          open.put(pendingId, openHold);
        }
      }
    }

    void end() {
      active = false;
      savedAccounts.clear();
      savedBalances.clear();
      savedHoldIds.clear();
      savedBatchHolds.clear();
      savedOpenHolds.clear();
    }
  }
}

package io.harbourpay.ledger.model;

import static io.harbourpay.ledger.CreateTransferResult.*;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Hold;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.TransferFlags;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger written the plain way, to predict the engine in tests. It keeps no balances at all:
 * every balance is recomputed from the list of accepted transfers and the status of each hold, and
 * an account is closed exactly when a closing hold on it is open or posted. A linked chain works on
 * a copy of the whole model and keeps the copy only if every event succeeded.
 *
 * <p>Slow on purpose (every check scans history); obviously right is the point.
 */
public final class ReferenceLedger {
  private static final long MICROS_PER_SECOND = 1_000_000L;

  private Map<Long, Account> accounts = new LinkedHashMap<>();
  private List<Transfer> transfers = new ArrayList<>();
  private Map<Long, Integer> holdStatus = new HashMap<>();
  private Map<Long, Long> holdResolvedAt = new HashMap<>();
  private long lastTimestamp;
  private long nowMicros;

  public void setNow(long nowMicros) {
    this.nowMicros = nowMicros;
  }

  /** Expires every open hold that is due at {@code nowMicros}, as the engine does per batch. */
  public void pulse() {
    for (Transfer transfer : transfers) {
      Integer status = holdStatus.get(transfer.id());
      if (status != null && status == Hold.OPEN) {
        long expiresAt = expiresAt(transfer);
        if (expiresAt != 0 && expiresAt <= nowMicros) {
          // An expiry takes an engine timestamp, as a transfer does.
          lastTimestamp = Math.max(lastTimestamp + 1, nowMicros);
          holdStatus.put(transfer.id(), Hold.EXPIRED);
          holdResolvedAt.put(transfer.id(), lastTimestamp);
        }
      }
    }
  }

  /** What a restarted engine knows as its last timestamp: the greatest one stored. */
  public void restart() {
    long last = 0;
    for (Account account : accounts.values()) last = Math.max(last, account.timestamp());
    for (Transfer transfer : transfers) last = Math.max(last, transfer.timestamp());
    for (long resolved : holdResolvedAt.values()) last = Math.max(last, resolved);
    lastTimestamp = last;
  }

  private static long expiresAt(Transfer pending) {
    return pending.timeoutSeconds() == 0
        ? 0
        : pending.timestamp() + pending.timeoutSeconds() * MICROS_PER_SECOND;
  }

  // ---------------------------------------------------------------------------------------------
  // Derived state

  /** The account with its four balances and CLOSED flag derived from history. */
  public Account account(long id) {
    Account account = accounts.get(id);
    if (account == null) return null;
    long debitsPending = 0;
    long debitsPosted = 0;
    long creditsPending = 0;
    long creditsPosted = 0;
    boolean closed = false;
    for (Transfer transfer : transfers) {
      boolean debit = transfer.debitAccountId() == id;
      boolean credit = transfer.creditAccountId() == id;
      if (!debit && !credit) continue;
      if (transfer.hasFlag(TransferFlags.PENDING)) {
        int status = holdStatus.get(transfer.id());
        if (status == Hold.OPEN) {
          if (debit) debitsPending += transfer.amount();
          if (credit) creditsPending += transfer.amount();
        }
        boolean closing =
            (debit && transfer.hasFlag(TransferFlags.CLOSING_DEBIT))
                || (credit && transfer.hasFlag(TransferFlags.CLOSING_CREDIT));
        if (closing && (status == Hold.OPEN || status == Hold.POSTED)) closed = true;
      } else if (!transfer.hasFlag(TransferFlags.VOID_PENDING)) {
        if (debit) debitsPosted += transfer.amount();
        if (credit) creditsPosted += transfer.amount();
      }
    }
    return new Account(
        account.id(),
        account.currency(),
        account.code(),
        account.flags() | (closed ? AccountFlags.CLOSED : 0),
        account.userData(),
        debitsPending,
        debitsPosted,
        creditsPending,
        creditsPosted,
        account.timestamp());
  }

  /** Every accepted transfer that debits or credits the account, oldest first. */
  public List<Transfer> history(long accountId) {
    List<Transfer> history = new ArrayList<>();
    for (Transfer transfer : transfers) {
      if (transfer.debitAccountId() == accountId || transfer.creditAccountId() == accountId) {
        history.add(transfer);
      }
    }
    return history;
  }

  public List<Long> accountIds() {
    return new ArrayList<>(accounts.keySet());
  }

  private Transfer transfer(long id) {
    for (Transfer transfer : transfers) {
      if (transfer.id() == id) return transfer;
    }
    return null;
  }

  private static boolean validCurrency(String code) {
    if (code == null) return false;
    try {
      return Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException unknown) {
      return false;
    }
  }

  private static boolean sumOverflows(long... values) {
    try {
      long sum = 0;
      for (long value : values) sum = Math.addExact(sum, value);
      return false;
    } catch (ArithmeticException overflow) {
      return true;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Accounts

  public List<CreateAccountResult> createAccounts(List<Account> events) {
    List<CreateAccountResult> results = new ArrayList<>();
    for (Account event : events) results.add(createAccount(event));
    return results;
  }

  private CreateAccountResult createAccount(Account a) {
    int settable =
        AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS | AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
    if (a.timestamp() != 0) return CreateAccountResult.TIMESTAMP_MUST_BE_ZERO;
    if ((a.flags() & ~settable) != 0) return CreateAccountResult.RESERVED_FLAG;
    if (a.id() == 0) return CreateAccountResult.ID_MUST_NOT_BE_ZERO;
    if ((a.flags() & settable) == settable) return CreateAccountResult.FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    if (a.debitsPending() != 0
        || a.debitsPosted() != 0
        || a.creditsPending() != 0
        || a.creditsPosted() != 0) {
      return CreateAccountResult.BALANCES_MUST_BE_ZERO;
    }
    if (!validCurrency(a.currency())) return CreateAccountResult.CURRENCY_MUST_BE_VALID;
    if (a.code() == 0) return CreateAccountResult.CODE_MUST_NOT_BE_ZERO;
    Account existing = accounts.get(a.id());
    if (existing != null) {
      if (existing.flags() != a.flags()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_FLAGS;
      if (!existing.currency().equals(a.currency())) {
        return CreateAccountResult.EXISTS_WITH_DIFFERENT_CURRENCY;
      }
      if (existing.code() != a.code()) return CreateAccountResult.EXISTS_WITH_DIFFERENT_CODE;
      if (existing.userData() != a.userData()) {
        return CreateAccountResult.EXISTS_WITH_DIFFERENT_USER_DATA;
      }
      return CreateAccountResult.EXISTS;
    }
    lastTimestamp = Math.max(lastTimestamp + 1, nowMicros);
    accounts.put(
        a.id(),
        new Account(
            a.id(), a.currency(), a.code(), a.flags(), a.userData(), 0, 0, 0, 0, lastTimestamp));
    return CreateAccountResult.OK;
  }

  // ---------------------------------------------------------------------------------------------
  // Transfers

  public List<CreateTransferResult> createTransfers(List<Transfer> events) {
    CreateTransferResult[] results = new CreateTransferResult[events.size()];
    int index = 0;
    while (index < events.size()) {
      if (!events.get(index).hasFlag(TransferFlags.LINKED)) {
        results[index] = createTransfer(events.get(index));
        index++;
        continue;
      }
      int end = index;
      while (end < events.size() && events.get(end).hasFlag(TransferFlags.LINKED)) end++;
      if (end == events.size()) {
        for (int open = index; open < events.size(); open++) results[open] = LINKED_EVENT_FAILED;
        results[events.size() - 1] = LINKED_EVENT_CHAIN_OPEN;
        break;
      }
      ReferenceLedger before = copy();
      int failed = -1;
      for (int event = index; event <= end && failed < 0; event++) {
        results[event] = createTransfer(events.get(event));
        if (results[event] != OK) failed = event;
      }
      if (failed >= 0) {
        long consumed = lastTimestamp; // timestamps used by the undone events stay used
        restoreFrom(before);
        lastTimestamp = consumed;
        for (int event = index; event <= end; event++) {
          if (event != failed) results[event] = LINKED_EVENT_FAILED;
        }
      }
      index = end + 1;
    }
    return List.of(results);
  }

  private ReferenceLedger copy() {
    ReferenceLedger copy = new ReferenceLedger();
    copy.accounts = new LinkedHashMap<>(accounts);
    copy.transfers = new ArrayList<>(transfers);
    copy.holdStatus = new HashMap<>(holdStatus);
    copy.holdResolvedAt = new HashMap<>(holdResolvedAt);
    copy.lastTimestamp = lastTimestamp;
    copy.nowMicros = nowMicros;
    return copy;
  }

  private void restoreFrom(ReferenceLedger other) {
    accounts = other.accounts;
    transfers = other.transfers;
    holdStatus = other.holdStatus;
    holdResolvedAt = other.holdResolvedAt;
    lastTimestamp = other.lastTimestamp;
  }

  private CreateTransferResult createTransfer(Transfer t) {
    int all = 0xFF;
    if (t.timestamp() != 0) return TIMESTAMP_MUST_BE_ZERO;
    if ((t.flags() & ~all) != 0) return RESERVED_FLAG;
    if (t.id() == 0) return ID_MUST_NOT_BE_ZERO;
    boolean pending = t.hasFlag(TransferFlags.PENDING);
    boolean post = t.hasFlag(TransferFlags.POST_PENDING);
    boolean voiding = t.hasFlag(TransferFlags.VOID_PENDING);
    boolean balancingDebit = t.hasFlag(TransferFlags.BALANCING_DEBIT);
    boolean balancingCredit = t.hasFlag(TransferFlags.BALANCING_CREDIT);
    boolean closingDebit = t.hasFlag(TransferFlags.CLOSING_DEBIT);
    boolean closingCredit = t.hasFlag(TransferFlags.CLOSING_CREDIT);
    int phases = (pending ? 1 : 0) + (post ? 1 : 0) + (voiding ? 1 : 0);
    if (phases > 1) return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    if ((post || voiding) && (balancingDebit || balancingCredit || closingDebit || closingCredit)) {
      return FLAGS_ARE_MUTUALLY_EXCLUSIVE;
    }
    if (t.amount() < 0) return AMOUNT_MUST_NOT_BE_NEGATIVE;
    return post || voiding ? resolve(t, post) : create(t);
  }

  private CreateTransferResult create(Transfer t) {
    boolean pending = t.hasFlag(TransferFlags.PENDING);
    boolean balancing =
        t.hasFlag(TransferFlags.BALANCING_DEBIT) || t.hasFlag(TransferFlags.BALANCING_CREDIT);
    boolean closing =
        t.hasFlag(TransferFlags.CLOSING_DEBIT) || t.hasFlag(TransferFlags.CLOSING_CREDIT);
    if (t.pendingId() != 0) return PENDING_ID_MUST_BE_ZERO;
    if (!pending && t.timeoutSeconds() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (!pending && closing) return CLOSING_TRANSFER_MUST_BE_PENDING;
    if (t.debitAccountId() == 0) return DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (t.creditAccountId() == 0) return CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO;
    if (t.debitAccountId() == t.creditAccountId()) return ACCOUNTS_MUST_BE_DIFFERENT;
    if (t.timeoutSeconds() < 0) return OVERFLOWS_TIMEOUT;
    if (!validCurrency(t.currency())) return CURRENCY_MUST_BE_VALID;
    if (t.code() == 0) return CODE_MUST_NOT_BE_ZERO;
    if (t.amount() == 0 && !balancing) return AMOUNT_MUST_NOT_BE_ZERO;
    Transfer existing = transfer(t.id());
    if (existing != null) return compare(t, existing);
    Account debit = account(t.debitAccountId());
    if (debit == null) return DEBIT_ACCOUNT_NOT_FOUND;
    Account credit = account(t.creditAccountId());
    if (credit == null) return CREDIT_ACCOUNT_NOT_FOUND;
    if (!debit.currency().equals(credit.currency())) return ACCOUNTS_MUST_HAVE_THE_SAME_CURRENCY;
    if (!t.currency().equals(debit.currency())) {
      return TRANSFER_MUST_HAVE_THE_SAME_CURRENCY_AS_ACCOUNTS;
    }
    if (debit.hasFlag(AccountFlags.CLOSED)) return DEBIT_ACCOUNT_ALREADY_CLOSED;
    if (credit.hasFlag(AccountFlags.CLOSED)) return CREDIT_ACCOUNT_ALREADY_CLOSED;
    long timestamp = Math.max(lastTimestamp + 1, nowMicros);
    if (pending && t.timeoutSeconds() != 0) {
      if (sumOverflows(timestamp, t.timeoutSeconds() * MICROS_PER_SECOND)) {
        return OVERFLOWS_TIMEOUT;
      }
    }
    long amount = t.amount();
    if (t.hasFlag(TransferFlags.BALANCING_DEBIT)) {
      long available = debit.creditsPosted() - debit.debitsPosted() - debit.debitsPending();
      amount = Math.min(amount, Math.max(0, available));
    }
    if (t.hasFlag(TransferFlags.BALANCING_CREDIT)) {
      long available = credit.debitsPosted() - credit.creditsPosted() - credit.creditsPending();
      amount = Math.min(amount, Math.max(0, available));
    }
    if (pending) {
      if (sumOverflows(debit.debitsPending(), amount)) return OVERFLOWS_DEBITS_PENDING;
      if (sumOverflows(credit.creditsPending(), amount)) return OVERFLOWS_CREDITS_PENDING;
    } else {
      if (sumOverflows(debit.debitsPosted(), amount)) return OVERFLOWS_DEBITS_POSTED;
      if (sumOverflows(credit.creditsPosted(), amount)) return OVERFLOWS_CREDITS_POSTED;
    }
    if (sumOverflows(debit.debitsPending(), debit.debitsPosted(), amount)) {
      return OVERFLOWS_DEBITS;
    }
    if (sumOverflows(credit.creditsPending(), credit.creditsPosted(), amount)) {
      return OVERFLOWS_CREDITS;
    }
    if (debit.hasFlag(AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS)
        && debit.debitsPending() + debit.debitsPosted() + amount > debit.creditsPosted()) {
      return EXCEEDS_CREDITS;
    }
    if (credit.hasFlag(AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS)
        && credit.creditsPending() + credit.creditsPosted() + amount > credit.debitsPosted()) {
      return EXCEEDS_DEBITS;
    }
    lastTimestamp = timestamp;
    transfers.add(
        new Transfer(
            t.id(),
            t.debitAccountId(),
            t.creditAccountId(),
            amount,
            0,
            t.userData(),
            t.timeoutSeconds(),
            t.currency(),
            t.code(),
            t.flags(),
            timestamp));
    if (pending) holdStatus.put(t.id(), Hold.OPEN);
    return OK;
  }

  private CreateTransferResult resolve(Transfer t, boolean post) {
    if (t.pendingId() == 0) return PENDING_ID_MUST_NOT_BE_ZERO;
    if (t.pendingId() == t.id()) return PENDING_ID_MUST_BE_DIFFERENT;
    if (t.timeoutSeconds() != 0) return TIMEOUT_RESERVED_FOR_PENDING_TRANSFER;
    if (t.currency() != null && !validCurrency(t.currency())) return CURRENCY_MUST_BE_VALID;
    Transfer existing = transfer(t.id());
    if (existing != null) return compare(t, existing);
    Transfer p = transfer(t.pendingId());
    if (p == null) return PENDING_TRANSFER_NOT_FOUND;
    if (!p.hasFlag(TransferFlags.PENDING)) return PENDING_TRANSFER_NOT_PENDING;
    if (t.debitAccountId() != 0 && t.debitAccountId() != p.debitAccountId()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID;
    }
    if (t.creditAccountId() != 0 && t.creditAccountId() != p.creditAccountId()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID;
    }
    if (t.currency() != null && !t.currency().equals(p.currency())) {
      return PENDING_TRANSFER_HAS_DIFFERENT_CURRENCY;
    }
    if (t.code() != 0 && t.code() != p.code()) return PENDING_TRANSFER_HAS_DIFFERENT_CODE;
    if (post && t.amount() > p.amount()) return EXCEEDS_PENDING_TRANSFER_AMOUNT;
    if (!post && t.amount() != 0 && t.amount() != p.amount()) {
      return PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT;
    }
    long timestamp = Math.max(lastTimestamp + 1, nowMicros);
    int status = holdStatus.get(p.id());
    if (status == Hold.POSTED) return PENDING_TRANSFER_ALREADY_POSTED;
    if (status == Hold.VOIDED) return PENDING_TRANSFER_ALREADY_VOIDED;
    if (status == Hold.EXPIRED) return PENDING_TRANSFER_EXPIRED;
    long expiresAt = expiresAt(p);
    if (expiresAt != 0 && expiresAt <= timestamp) return PENDING_TRANSFER_EXPIRED;
    Account debit = account(p.debitAccountId());
    Account credit = account(p.creditAccountId());
    if (debit.hasFlag(AccountFlags.CLOSED) && !p.hasFlag(TransferFlags.CLOSING_DEBIT)) {
      return DEBIT_ACCOUNT_ALREADY_CLOSED;
    }
    if (credit.hasFlag(AccountFlags.CLOSED) && !p.hasFlag(TransferFlags.CLOSING_CREDIT)) {
      return CREDIT_ACCOUNT_ALREADY_CLOSED;
    }
    long amount = post ? (t.amount() == 0 ? p.amount() : t.amount()) : p.amount();
    if (post) {
      if (sumOverflows(debit.debitsPosted(), amount)) return OVERFLOWS_DEBITS_POSTED;
      if (sumOverflows(credit.creditsPosted(), amount)) return OVERFLOWS_CREDITS_POSTED;
    }
    lastTimestamp = timestamp;
    holdStatus.put(p.id(), post ? Hold.POSTED : Hold.VOIDED);
    holdResolvedAt.put(p.id(), timestamp);
    transfers.add(
        new Transfer(
            t.id(),
            p.debitAccountId(),
            p.creditAccountId(),
            amount,
            p.id(),
            t.userData(),
            0,
            p.currency(),
            p.code(),
            t.flags(),
            timestamp));
    return OK;
  }

  private static CreateTransferResult compare(Transfer t, Transfer e) {
    if (t.flags() != e.flags()) return EXISTS_WITH_DIFFERENT_FLAGS;
    if (t.hasFlag(TransferFlags.POST_PENDING) || t.hasFlag(TransferFlags.VOID_PENDING)) {
      if (t.pendingId() != e.pendingId()) return EXISTS_WITH_DIFFERENT_PENDING_ID;
      if (t.debitAccountId() != 0 && t.debitAccountId() != e.debitAccountId()) {
        return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
      }
      if (t.creditAccountId() != 0 && t.creditAccountId() != e.creditAccountId()) {
        return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
      }
      if (t.amount() != 0 && t.amount() != e.amount()) return EXISTS_WITH_DIFFERENT_AMOUNT;
      if (t.currency() != null && !t.currency().equals(e.currency())) {
        return EXISTS_WITH_DIFFERENT_CURRENCY;
      }
      if (t.code() != 0 && t.code() != e.code()) return EXISTS_WITH_DIFFERENT_CODE;
    } else {
      if (t.timeoutSeconds() != e.timeoutSeconds()) return EXISTS_WITH_DIFFERENT_TIMEOUT;
      if (t.debitAccountId() != e.debitAccountId()) return EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID;
      if (t.creditAccountId() != e.creditAccountId()) {
        return EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID;
      }
      boolean balancing =
          t.hasFlag(TransferFlags.BALANCING_DEBIT) || t.hasFlag(TransferFlags.BALANCING_CREDIT);
      if (balancing ? t.amount() < e.amount() : t.amount() != e.amount()) {
        return EXISTS_WITH_DIFFERENT_AMOUNT;
      }
      if (!t.currency().equals(e.currency())) return EXISTS_WITH_DIFFERENT_CURRENCY;
      if (t.code() != e.code()) return EXISTS_WITH_DIFFERENT_CODE;
    }
    if (t.userData() != e.userData()) return EXISTS_WITH_DIFFERENT_USER_DATA;
    return EXISTS;
  }
}

package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.bank.BankAnswer;
import io.harbourpay.platform.bank.BankConnector;
import io.harbourpay.platform.bank.BankInstruction;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.PinVerifier;
import io.harbourpay.platform.db.Database;
import java.lang.System.Logger.Level;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Top-up and withdrawal through the bank, in three steps:
 *
 * <ol>
 *   <li><b>reserve</b> — one ledger command holds the money (pending transfers: for a top-up the
 *       wallet's incoming amount and its balance-cap headroom; for a withdrawal the wallet's
 *       outgoing amount and the daily and yearly allowance), with the bank transfer row and a
 *       pending history line;
 *   <li><b>instruct</b> — the bank is asked to move the money, asynchronously;
 *   <li><b>settle</b> — on the bank's confirmation every hold is posted, on a decline every hold is
 *       voided; the row and the history line change status in the same command.
 * </ol>
 *
 * A bank that does not answer within {@link #ANSWER_TIMEOUT_MS} is asked for the status; an
 * instruction it never received is failed (holds voided), one still processing is asked again, up
 * to {@link #INQUIRIES_MAX} times. Transfers left processing by a crash are picked up the same way
 * at start ({@link #resumeProcessing}). Every ledger id is derived from the bank transfer, so
 * settling twice (an answer racing an inquiry) is harmless: the second answers EXISTS.
 */
public final class BankTransferService implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(BankTransferService.class.getName());

  static final long ANSWER_TIMEOUT_MS = 30_000;

  /** Inquiries back off from the answer timeout, doubling, up to this interval. */
  static final long INQUIRY_INTERVAL_MAX_MS = 15 * 60_000;

  /** Enough inquiries at the longest interval to outlast the hold's 24-hour timeout. */
  static final int INQUIRIES_MAX = 120;

  /** Safety net: a hold the bank never settles is released by the ledger after a day. */
  static final int HOLD_TIMEOUT_SECONDS = 24 * 3600;

  private static final Pattern BANK_CODE = Pattern.compile("[0-9]{3}");
  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{6,16}");
  static final int HOLDER_NAME_LENGTH_MAX = 100;

  private static final String SELECT_TRANSFER =
      "SELECT id, customer_id, direction, bank_account_id, currency, amount, status, failure_code,"
          + " created_at, updated_at FROM bank_transfers";

  private final Ledger ledger;
  private final Database database;
  private final WalletAccounts accounts;
  private final PinVerifier pins;
  private final BankConnector bank;
  private final Clock clock;
  private final long answerTimeoutMs;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "bank-transfer-timer");
            thread.setDaemon(true);
            return thread;
          });

  public BankTransferService(
      Ledger ledger,
      Database database,
      WalletAccounts accounts,
      PinVerifier pins,
      BankConnector bank,
      Clock clock,
      long answerTimeoutMs) {
    this.ledger = ledger;
    this.database = database;
    this.accounts = accounts;
    this.pins = pins;
    this.bank = bank;
    this.clock = clock;
    this.answerTimeoutMs = answerTimeoutMs;
  }

  public BankTransferService(
      Ledger ledger,
      Database database,
      WalletAccounts accounts,
      PinVerifier pins,
      BankConnector bank,
      Clock clock) {
    this(ledger, database, accounts, pins, bank, clock, ANSWER_TIMEOUT_MS);
  }

  // ---------------------------------------------------------------------------------------------
  // Linked bank accounts

  public BankAccount linkAccount(
      CustomerRef customer,
      String bankCode,
      String accountNumber,
      String holderName,
      String currencyCode) {
    WalletCurrency currency = WalletCurrency.parse(currencyCode, "currency");
    if (bankCode == null || !BANK_CODE.matcher(bankCode).matches()) {
      throw PlatformException.invalid(
          "bank_code", "bank_code_invalid", "bank_code must be the bank's 3-digit code");
    }
    if (accountNumber == null || !ACCOUNT_NUMBER.matcher(accountNumber).matches()) {
      throw PlatformException.invalid(
          "account_number", "account_number_invalid", "account_number must be 6 to 16 digits");
    }
    if (holderName == null
        || holderName.isBlank()
        || holderName.codePointCount(0, holderName.length()) > HOLDER_NAME_LENGTH_MAX) {
      throw PlatformException.invalid(
          "holder_name",
          "holder_name_invalid",
          "holder_name must be 1 to " + HOLDER_NAME_LENGTH_MAX + " characters");
    }
    BankAccount account =
        new BankAccount(
            Ids.random(),
            customer.id(),
            bankCode,
            accountNumber,
            holderName.strip(),
            currency,
            Time.micros(clock));
    database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO bank_accounts (id, customer_id, bank_code, account_number,"
                      + " holder_name, currency, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setLong(1, account.id());
            insert.setLong(2, account.customerId());
            insert.setString(3, account.bankCode());
            insert.setString(4, account.accountNumber());
            insert.setString(5, account.holderName());
            insert.setString(6, currency.name());
            insert.setLong(7, account.createdAtMicros());
            insert.executeUpdate();
          }
          return null;
        });
    return account;
  }

  public List<BankAccount> bankAccounts(long customerId) {
    return database.read(
        connection -> {
          List<BankAccount> found = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, customer_id, bank_code, account_number, holder_name, currency,"
                      + " created_at FROM bank_accounts WHERE customer_id = ? ORDER BY created_at")) {
            query.setLong(1, customerId);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) found.add(readAccount(rows));
            }
          }
          return found;
        });
  }

  /** The customer's own linked account, or not found (never another customer's). */
  public BankAccount bankAccount(long customerId, String publicId) {
    long id = Ids.parsePublicId(BankAccount.ID_PREFIX, publicId);
    return bankAccounts(customerId).stream()
        .filter(account -> account.id() == id)
        .findFirst()
        .orElseThrow(
            () ->
                new PlatformException(
                    ErrorType.NOT_FOUND,
                    "resource_missing",
                    "No such bank account",
                    "bank_account"));
  }

  private static BankAccount readAccount(ResultSet rows) throws SQLException {
    return new BankAccount(
        rows.getLong(1),
        rows.getLong(2),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        WalletCurrency.valueOf(rows.getString(6)),
        rows.getLong(7));
  }

  // ---------------------------------------------------------------------------------------------
  // Top-up and withdrawal

  public BankTransfer topUp(
      CustomerRef customer,
      String bankAccountPublicId,
      long amountMinor,
      String currencyCode,
      String idempotencyKey) {
    return start(
        customer,
        BankTransfer.Kind.TOPUP,
        bankAccountPublicId,
        amountMinor,
        currencyCode,
        null,
        idempotencyKey);
  }

  public BankTransfer withdraw(
      CustomerRef customer,
      String bankAccountPublicId,
      long amountMinor,
      String currencyCode,
      String pin,
      String idempotencyKey) {
    return start(
        customer,
        BankTransfer.Kind.WITHDRAWAL,
        bankAccountPublicId,
        amountMinor,
        currencyCode,
        pin,
        idempotencyKey);
  }

  private BankTransfer start(
      CustomerRef customer,
      BankTransfer.Kind kind,
      String bankAccountPublicId,
      long amountMinor,
      String currencyCode,
      String pin,
      String idempotencyKey) {
    WalletCurrency currency = WalletCurrency.parse(currencyCode, "currency");
    PlatformException.requirePositiveAmount(amountMinor);
    BankAccount bankAccount = bankAccount(customer.id(), bankAccountPublicId);
    if (bankAccount.currency() != currency) {
      throw PlatformException.invalid(
          "currency", "currency_mismatch", "the bank account holds " + bankAccount.currency());
    }
    boolean withdrawal = kind == BankTransfer.Kind.WITHDRAWAL;
    if (withdrawal && !customer.tier().atLeast(Tier.INTERMEDIATE)) {
      throw new PlatformException(
          ErrorType.PERMISSION,
          "tier_too_low",
          "Withdrawal needs identity verification (Intermediate tier or above)");
    }
    long id =
        idempotencyKey == null ? Ids.random() : Ids.derive(kind, customer.id(), idempotencyKey);
    Optional<BankTransfer> done = find(customer.id(), id);
    if (done.isPresent()) {
      BankTransfer existing = done.get();
      if (existing.kind() != kind
          || existing.amountMinor() != amountMinor
          || existing.currency() != currency
          || existing.bankAccountId() != bankAccount.id()) {
        throw PlatformException.idempotencyKeyReused();
      }
      if (existing.status().equals(BankTransfer.PROCESSING)) {
        // The first request may have died between committing and instructing the bank: make
        // sure someone asks the bank how it ended.
        scheduleInquiry(existing, 1);
      }
      return existing;
    }
    if (withdrawal) {
      if (amountMinor > accounts.limitsOf(customer, currency).perPaymentMinor()) {
        throw new PlatformException(
            ErrorType.DECLINED,
            "per_payment_limit_exceeded",
            "The amount is above the per-transaction limit of your tier",
            "amount");
      }
      pins.verify(customer.id(), pin);
    }
    // The day whose allowance accounts were prepared is the day the holds use, even if the clock
    // passes midnight in between.
    LocalDate day =
        withdrawal
            ? accounts.prepareSender(customer, currency)
            : accounts.prepareReceiver(customer, currency);
    long now = Time.micros(clock);
    BankTransfer transfer =
        new BankTransfer(
            id,
            customer.id(),
            kind,
            bankAccount.id(),
            currency,
            amountMinor,
            BankTransfer.PROCESSING,
            null,
            now,
            now);
    List<Transfer> holds = holds(transfer, day);
    Command reserve =
        new Command(
            holds,
            List.of(
                AttachedRecord.of(
                    "INSERT INTO bank_transfers (id, customer_id, direction, bank_account_id,"
                        + " currency, amount, status, failure_code, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
                    id,
                    customer.id(),
                    kind.column(),
                    bankAccount.id(),
                    currency.name(),
                    amountMinor,
                    BankTransfer.PROCESSING,
                    now,
                    now),
                Entries.insert(
                    Ids.derive(id, "entry"),
                    customer.id(),
                    currency,
                    kind.column(),
                    withdrawal ? -amountMinor : amountMinor,
                    Entries.PENDING,
                    bankAccount.maskedNumber(),
                    null,
                    transfer.publicId(),
                    null,
                    now)));
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(reserve)));
    if (!outcome.applied() && !outcome.alreadyDone()) {
      throw refusal(kind, outcome);
    }
    BankTransfer stored =
        find(customer.id(), id)
            .orElseThrow(() -> new IllegalStateException("bank transfer row missing after commit"));
    if (outcome.applied()) {
      instruct(stored, bankAccount);
    } else {
      scheduleInquiry(stored, 1); // a concurrent duplicate committed it; it instructs the bank
    }
    return stored;
  }

  /**
   * The holds of a bank transfer, in order. Top-up: clearing → wallet, and cap headroom used.
   * Withdrawal: wallet → clearing, daily and yearly allowance used, and cap headroom released.
   */
  private static List<Transfer> holds(BankTransfer transfer, LocalDate day) {
    long id = transfer.id();
    long customer = transfer.customerId();
    WalletCurrency currency = transfer.currency();
    String cur = currency.name();
    long amount = transfer.amountMinor();
    long wallet = WalletAccounts.wallet(customer, currency);
    long clearing = WalletAccounts.operator(LedgerCodes.BANK_CLEARING, currency);
    long sink = WalletAccounts.operator(LedgerCodes.LIMIT_SINK, currency);
    long cap = WalletAccounts.cap(customer, currency);
    if (transfer.kind() == BankTransfer.Kind.TOPUP) {
      return List.of(
          Transfer.pending(
              Ids.derive(id, "hold", 0),
              clearing,
              wallet,
              amount,
              cur,
              LedgerCodes.TOPUP,
              HOLD_TIMEOUT_SECONDS),
          Transfer.pending(
              Ids.derive(id, "hold", 1),
              cap,
              sink,
              amount,
              cur,
              LedgerCodes.CAP_USE,
              HOLD_TIMEOUT_SECONDS));
    }
    return List.of(
        Transfer.pending(
            Ids.derive(id, "hold", 0),
            wallet,
            clearing,
            amount,
            cur,
            LedgerCodes.WITHDRAWAL,
            HOLD_TIMEOUT_SECONDS),
        Transfer.pending(
            Ids.derive(id, "hold", 1),
            WalletAccounts.daily(customer, currency, day),
            sink,
            amount,
            cur,
            LedgerCodes.LIMIT_USE,
            HOLD_TIMEOUT_SECONDS),
        Transfer.pending(
            Ids.derive(id, "hold", 2),
            WalletAccounts.yearly(customer, currency, day.getYear()),
            sink,
            amount,
            cur,
            LedgerCodes.LIMIT_USE,
            HOLD_TIMEOUT_SECONDS),
        Transfer.pending(
            Ids.derive(id, "hold", 3),
            sink,
            cap,
            amount,
            cur,
            LedgerCodes.CAP_RELEASE,
            HOLD_TIMEOUT_SECONDS));
  }

  private static RuntimeException refusal(BankTransfer.Kind kind, LedgerCalls.Outcome outcome) {
    if (outcome.isConflict()) {
      return PlatformException.idempotencyKeyReused();
    }
    if (outcome.failure() == CreateTransferResult.EXCEEDS_CREDITS) {
      if (kind == BankTransfer.Kind.TOPUP && outcome.failedIndex() == 1) {
        return new PlatformException(
            ErrorType.DECLINED,
            "balance_cap_exceeded",
            "Your wallet cannot hold this much at your tier",
            "amount");
      }
      if (kind == BankTransfer.Kind.WITHDRAWAL) {
        return switch (outcome.failedIndex()) {
          case 0 ->
              new PlatformException(
                  ErrorType.DECLINED,
                  "insufficient_funds",
                  "Your wallet balance is too low",
                  "amount");
          case 1 ->
              new PlatformException(
                  ErrorType.DECLINED,
                  "daily_limit_exceeded",
                  "This would pass your daily limit",
                  "amount");
          case 2 ->
              new PlatformException(
                  ErrorType.DECLINED,
                  "yearly_limit_exceeded",
                  "This would pass your yearly limit",
                  "amount");
          default -> new IllegalStateException("withdrawal refused by the ledger: " + outcome);
        };
      }
    }
    return new IllegalStateException(kind + " refused by the ledger: " + outcome);
  }

  // ---------------------------------------------------------------------------------------------
  // The bank's side

  private void instruct(BankTransfer transfer, BankAccount account) {
    // The inquiry is scheduled first: whatever happens to the submission, someone asks.
    scheduleInquiry(transfer, 1);
    submit(transfer, account);
  }

  private void submit(BankTransfer transfer, BankAccount account) {
    BankInstruction instruction =
        new BankInstruction(
            transfer.publicId(),
            transfer.kind() == BankTransfer.Kind.TOPUP
                ? BankInstruction.Direction.DEBIT_CUSTOMER
                : BankInstruction.Direction.CREDIT_CUSTOMER,
            account.bankCode(),
            account.accountNumber(),
            account.holderName(),
            transfer.currency().name(),
            transfer.amountMinor());
    try {
      bank.submit(instruction)
          .whenComplete(
              (answer, failure) -> {
                if (answer != null) settleQuietly(transfer, answer);
              });
    } catch (RuntimeException failure) {
      // The scheduled inquiry finds out whether the bank got it, and resubmits if not.
      LOG.log(Level.WARNING, "submitting " + transfer.publicId() + " failed: " + failure);
    }
  }

  private void scheduleInquiry(BankTransfer transfer, int attempt) {
    long delayMs = Math.min(answerTimeoutMs << Math.min(attempt - 1, 20), INQUIRY_INTERVAL_MAX_MS);
    timer.schedule(() -> inquire(transfer, attempt), delayMs, TimeUnit.MILLISECONDS);
  }

  private void inquire(BankTransfer transfer, int attempt) {
    try {
      Optional<BankTransfer> current = find(transfer.customerId(), transfer.id());
      if (current.isEmpty() || !current.get().status().equals(BankTransfer.PROCESSING)) {
        return; // settled by the bank's answer already
      }
      BankAnswer answer = bank.inquire(transfer.publicId());
      if (answer.status() == BankAnswer.Status.PROCESSING) {
        if (attempt < INQUIRIES_MAX) {
          scheduleInquiry(transfer, attempt + 1);
        } else {
          LOG.log(
              Level.WARNING,
              "bank still processing "
                  + transfer.publicId()
                  + " after "
                  + attempt
                  + " inquiries; left for reconciliation");
        }
        return;
      }
      if (answer.status() == BankAnswer.Status.UNKNOWN && attempt == 1) {
        // Not received — or not yet. Banks deduplicate by reference, so sending it again is
        // safe; only a bank that still does not know it after that is taken at its word.
        bankAccounts(transfer.customerId()).stream()
            .filter(account -> account.id() == transfer.bankAccountId())
            .findFirst()
            .ifPresent(account -> submit(transfer, account));
        scheduleInquiry(transfer, attempt + 1);
        return;
      }
      settle(transfer, answer);
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "inquiry for " + transfer.publicId() + " failed: " + failure);
      if (attempt < INQUIRIES_MAX) scheduleInquiry(transfer, attempt + 1);
    }
  }

  private void settleQuietly(BankTransfer transfer, BankAnswer answer) {
    try {
      settle(transfer, answer);
    } catch (RuntimeException failure) {
      // The inquiry scheduled at instruct time will try again.
      LOG.log(Level.WARNING, "settling " + transfer.publicId() + " failed, will retry: " + failure);
    }
  }

  /**
   * Posts (confirmed) or voids (declined, or unknown to the bank) every hold of the transfer, and
   * records the outcome, in one command. Idempotent.
   */
  void settle(BankTransfer transfer, BankAnswer answer) {
    boolean confirmed = answer.status() == BankAnswer.Status.CONFIRMED;
    String failureCode =
        confirmed
            ? null
            : answer.status() == BankAnswer.Status.UNKNOWN ? "bank_no_answer" : answer.reasonCode();
    int legs = transfer.kind() == BankTransfer.Kind.TOPUP ? 2 : 4;
    List<Transfer> resolutions = new ArrayList<>(legs);
    for (int leg = 0; leg < legs; leg++) {
      long holdId = Ids.derive(transfer.id(), "hold", leg);
      long resolutionId = Ids.derive(transfer.id(), confirmed ? "post" : "void", leg);
      resolutions.add(
          confirmed
              ? Transfer.post(resolutionId, holdId, 0)
              : Transfer.voidPending(resolutionId, holdId));
    }
    long now = Time.micros(clock);
    String status = confirmed ? BankTransfer.SUCCEEDED : BankTransfer.FAILED;
    Command settle =
        new Command(
            resolutions,
            List.of(
                AttachedRecord.of(
                    "UPDATE bank_transfers SET status = ?, failure_code = ?, updated_at = ? WHERE id = ?",
                    status,
                    failureCode,
                    now,
                    transfer.id()),
                Entries.settle(
                    transfer.publicId(),
                    transfer.customerId(),
                    confirmed ? Entries.SUCCEEDED : Entries.FAILED,
                    confirmed ? resolutions.get(0).id() : null,
                    now)));
    List<CreateTransferResult> results = LedgerCalls.await(ledger.execute(settle));
    LedgerCalls.Outcome outcome = LedgerCalls.Outcome.of(results);
    if (outcome.applied() || outcome.alreadyDone()) {
      return;
    }
    // The same outcome again answers EXISTS above (resolution ids are derived). Anything else is
    // a contradiction with what was done: a confirmation for holds already voided (we took a
    // silent bank at its word), a decline for holds already posted, or holds that expired before
    // the bank answered. Money may have moved at the bank and not here, or the reverse: mark it
    // for the operator rather than guess.
    LOG.log(
        Level.ERROR,
        "bank answer contradicts the ledger for "
            + transfer.publicId()
            + " ("
            + answer
            + "): "
            + results
            + "; marked needs_reconciliation");
    database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE bank_transfers SET status = ?, failure_code = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, BankTransfer.FAILED);
            update.setString(2, "needs_reconciliation");
            update.setLong(3, now);
            update.setLong(4, transfer.id());
            update.executeUpdate();
          }
          AttachedRecord line =
              Entries.settle(transfer.publicId(), transfer.customerId(), Entries.FAILED, null, now);
          try (PreparedStatement update = connection.prepareStatement(line.sql())) {
            for (int index = 0; index < line.parameters().size(); index++) {
              update.setObject(index + 1, line.parameters().get(index));
            }
            update.executeUpdate();
          }
          return null;
        });
  }

  /** Bank transfers a crash left processing: ask the bank how they ended. Called at start. */
  public void resumeProcessing() {
    List<BankTransfer> processing =
        database.read(
            connection -> {
              List<BankTransfer> found = new ArrayList<>();
              try (PreparedStatement query =
                  connection.prepareStatement(SELECT_TRANSFER + " WHERE status = ?")) {
                query.setString(1, BankTransfer.PROCESSING);
                try (ResultSet rows = query.executeQuery()) {
                  while (rows.next()) found.add(read(rows));
                }
              }
              return found;
            });
    for (BankTransfer transfer : processing) {
      timer.execute(() -> inquire(transfer, 1));
    }
  }

  public Optional<BankTransfer> find(long customerId, long id) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(SELECT_TRANSFER + " WHERE id = ? AND customer_id = ?")) {
            query.setLong(1, id);
            query.setLong(2, customerId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? Optional.of(read(rows)) : Optional.empty();
            }
          }
        });
  }

  /** By public id ({@code tpu_…} or {@code wdl_…}), the customer's own only. */
  public BankTransfer get(long customerId, String publicId) {
    for (BankTransfer.Kind kind : BankTransfer.Kind.values()) {
      long id = Ids.parsePublicId(kind.prefix(), publicId);
      if (id > 0) {
        Optional<BankTransfer> found =
            find(customerId, id).filter(transfer -> transfer.kind() == kind);
        if (found.isPresent()) return found.get();
      }
    }
    throw PlatformException.notFound("top-up or withdrawal");
  }

  private static BankTransfer read(ResultSet rows) throws SQLException {
    return new BankTransfer(
        rows.getLong(1),
        rows.getLong(2),
        BankTransfer.Kind.valueOf(rows.getString(3).toUpperCase(java.util.Locale.ROOT)),
        rows.getLong(4),
        WalletCurrency.valueOf(rows.getString(5)),
        rows.getLong(6),
        rows.getString(7),
        rows.getString(8),
        rows.getLong(9),
        rows.getLong(10));
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}

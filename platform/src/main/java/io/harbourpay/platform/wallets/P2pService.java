package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.CustomerDirectory;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.PinVerifier;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * Send money to another customer by mobile number. One ledger command moves the money and uses the
 * sender's daily and yearly allowance and the receiver's balance-cap headroom, so the limits hold
 * under any concurrency; the transfer row and both history lines commit with it.
 */
public final class P2pService {
  public static final int MEMO_LENGTH_MAX = 140;

  /** Legs of the command, in order; a failing leg tells which rule refused the transfer. */
  private static final int LEG_MONEY = 0;

  private static final int LEG_DAILY = 1;
  private static final int LEG_YEARLY = 2;
  private static final int LEG_RECEIVER_CAP = 4;

  private final Ledger ledger;
  private final Database database;
  private final WalletAccounts accounts;
  private final CustomerDirectory customers;
  private final PinVerifier pins;
  private final Clock clock;

  public P2pService(
      Ledger ledger,
      Database database,
      WalletAccounts accounts,
      CustomerDirectory customers,
      PinVerifier pins,
      Clock clock) {
    this.ledger = ledger;
    this.database = database;
    this.accounts = accounts;
    this.customers = customers;
    this.pins = pins;
    this.clock = clock;
  }

  /**
   * Sends {@code amountMinor} to the customer with {@code receiverPhone} (E.164). With an
   * idempotency key, the transfer's id is derived from it: a retry after any failure or crash lands
   * on the same ledger transfers and returns the original transfer.
   */
  public P2pTransfer send(
      CustomerRef sender,
      String receiverPhone,
      long amountMinor,
      String currencyCode,
      String memo,
      String pin,
      String idempotencyKey) {
    WalletCurrency currency = WalletCurrency.parse(currencyCode, "currency");
    PlatformException.requirePositiveAmount(amountMinor);
    if (memo != null && memo.codePointCount(0, memo.length()) > MEMO_LENGTH_MAX) {
      throw PlatformException.invalid(
          "memo", "memo_too_long", "memo must be at most " + MEMO_LENGTH_MAX + " characters");
    }
    CustomerRef receiver =
        customers
            .byPhone(receiverPhone)
            .filter(found -> !found.locked())
            .orElseThrow(
                () ->
                    new PlatformException(
                        ErrorType.NOT_FOUND,
                        "receiver_not_found",
                        "No HarbourPay customer can receive money at that mobile number",
                        "to_phone"));
    if (receiver.id() == sender.id()) {
      throw PlatformException.invalid(
          "to_phone", "receiver_is_sender", "you cannot send money to yourself");
    }
    Limits limits = accounts.limitsOf(sender, currency);
    if (amountMinor > limits.perPaymentMinor()) {
      throw new PlatformException(
          ErrorType.DECLINED,
          "per_payment_limit_exceeded",
          "The amount is above the per-transfer limit of your tier: "
              + limits.perPaymentMinor()
              + " minor units",
          "amount");
    }
    long id =
        idempotencyKey == null ? Ids.random() : Ids.derive("p2p", sender.id(), idempotencyKey);
    Optional<P2pTransfer> done = find(sender.id(), id);
    if (done.isPresent()) {
      return sameOrConflict(done.get(), receiver, amountMinor, currency, memo);
    }
    pins.verify(sender.id(), pin);
    // The day prepared is the day the allowance legs use, even if midnight passes in between.
    LocalDate day = accounts.prepareSender(sender, currency);
    accounts.prepareReceiver(receiver, currency);

    long now = Time.micros(clock);
    String cur = currency.name();
    long sink = WalletAccounts.operator(LedgerCodes.LIMIT_SINK, currency);
    long moneyTransferId = Ids.derive(id, "money");
    List<Transfer> legs =
        List.of(
            Transfer.of(
                moneyTransferId,
                WalletAccounts.wallet(sender.id(), currency),
                WalletAccounts.wallet(receiver.id(), currency),
                amountMinor,
                cur,
                LedgerCodes.P2P),
            Transfer.of(
                Ids.derive(id, "daily"),
                WalletAccounts.daily(sender.id(), currency, day),
                sink,
                amountMinor,
                cur,
                LedgerCodes.LIMIT_USE),
            Transfer.of(
                Ids.derive(id, "yearly"),
                WalletAccounts.yearly(sender.id(), currency, day.getYear()),
                sink,
                amountMinor,
                cur,
                LedgerCodes.LIMIT_USE),
            Transfer.of(
                Ids.derive(id, "sender-cap"),
                sink,
                WalletAccounts.cap(sender.id(), currency),
                amountMinor,
                cur,
                LedgerCodes.CAP_RELEASE),
            Transfer.of(
                Ids.derive(id, "receiver-cap"),
                WalletAccounts.cap(receiver.id(), currency),
                sink,
                amountMinor,
                cur,
                LedgerCodes.CAP_USE));
    String reference = Ids.publicId(P2pTransfer.ID_PREFIX, id);
    Command command =
        new Command(
            legs,
            List.of(
                AttachedRecord.of(
                    "INSERT INTO p2p_transfers (id, sender_id, receiver_id, currency, amount, memo,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    id,
                    sender.id(),
                    receiver.id(),
                    cur,
                    amountMinor,
                    memo,
                    now),
                Entries.insert(
                    Ids.derive(id, "entry-out"),
                    sender.id(),
                    currency,
                    "p2p_out",
                    -amountMinor,
                    Entries.SUCCEEDED,
                    receiver.phone(),
                    memo,
                    reference,
                    moneyTransferId,
                    now),
                Entries.insert(
                    Ids.derive(id, "entry-in"),
                    receiver.id(),
                    currency,
                    "p2p_in",
                    amountMinor,
                    Entries.SUCCEEDED,
                    sender.phone(),
                    memo,
                    reference,
                    moneyTransferId,
                    now)));
    LedgerCalls.Outcome outcome =
        LedgerCalls.Outcome.of(LedgerCalls.await(ledger.execute(command)));
    if (outcome.applied() || outcome.alreadyDone()) {
      return find(sender.id(), id)
          .orElseThrow(() -> new IllegalStateException("p2p row missing after commit"));
    }
    throw refusal(outcome);
  }

  private static RuntimeException refusal(LedgerCalls.Outcome outcome) {
    if (outcome.isConflict()) {
      return PlatformException.idempotencyKeyReused();
    }
    boolean exceeded = outcome.failure() == CreateTransferResult.EXCEEDS_CREDITS;
    return switch (exceeded ? outcome.failedIndex() : -1) {
      case LEG_MONEY ->
          new PlatformException(
              ErrorType.DECLINED,
              "insufficient_funds",
              "Your wallet balance is too low for this transfer",
              "amount");
      case LEG_DAILY ->
          new PlatformException(
              ErrorType.DECLINED,
              "daily_limit_exceeded",
              "This transfer would pass your daily limit",
              "amount");
      case LEG_YEARLY ->
          new PlatformException(
              ErrorType.DECLINED,
              "yearly_limit_exceeded",
              "This transfer would pass your yearly limit",
              "amount");
      case LEG_RECEIVER_CAP ->
          new PlatformException(
              ErrorType.DECLINED,
              "receiver_balance_cap_exceeded",
              "The receiver's wallet cannot hold this much",
              "amount");
      default -> new IllegalStateException("ledger refused a P2P transfer: " + outcome);
    };
  }

  private static P2pTransfer sameOrConflict(
      P2pTransfer done,
      CustomerRef receiver,
      long amountMinor,
      WalletCurrency currency,
      String memo) {
    boolean same =
        done.receiverId() == receiver.id()
            && done.amountMinor() == amountMinor
            && done.currency() == currency
            && java.util.Objects.equals(done.memo(), memo);
    if (!same) {
      throw PlatformException.idempotencyKeyReused();
    }
    return done;
  }

  /** A transfer the customer sent, by its id. */
  public Optional<P2pTransfer> find(long senderId, long id) {
    return database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT id, sender_id, receiver_id, currency, amount, memo, created_at"
                      + " FROM p2p_transfers WHERE id = ? AND sender_id = ?")) {
            query.setLong(1, id);
            query.setLong(2, senderId);
            try (ResultSet rows = query.executeQuery()) {
              if (!rows.next()) return Optional.empty();
              long receiverId = rows.getLong(3);
              String receiverPhone =
                  customers.byId(receiverId).map(CustomerRef::phone).orElse(null);
              return Optional.of(
                  new P2pTransfer(
                      rows.getLong(1),
                      rows.getLong(2),
                      receiverId,
                      receiverPhone,
                      WalletCurrency.valueOf(rows.getString(4)),
                      rows.getLong(5),
                      rows.getString(6),
                      rows.getLong(7)));
            }
          }
        });
  }
}

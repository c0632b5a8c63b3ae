package io.harbourpay.ledger;

/**
 * The outcome of one transfer event. Numbers are stable (stored and sent over APIs); never
 * renumber, only append. A transient result means "nothing happened, retry the same request"; every
 * other result is final for that input.
 */
public enum CreateTransferResult {
  OK(0),
  LINKED_EVENT_FAILED(1),
  LINKED_EVENT_CHAIN_OPEN(2),
  TIMESTAMP_MUST_BE_ZERO(3),
  RESERVED_FLAG(4),
  ID_MUST_NOT_BE_ZERO(5),
  FLAGS_ARE_MUTUALLY_EXCLUSIVE(6),
  AMOUNT_MUST_NOT_BE_NEGATIVE(7),
  AMOUNT_MUST_NOT_BE_ZERO(8),
  DEBIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(9),
  CREDIT_ACCOUNT_ID_MUST_NOT_BE_ZERO(10),
  ACCOUNTS_MUST_BE_DIFFERENT(11),
  PENDING_ID_MUST_BE_ZERO(12),
  PENDING_ID_MUST_NOT_BE_ZERO(13),
  PENDING_ID_MUST_BE_DIFFERENT(14),
  TIMEOUT_RESERVED_FOR_PENDING_TRANSFER(15),
  CLOSING_TRANSFER_MUST_BE_PENDING(16),
  CURRENCY_MUST_BE_VALID(17),
  CODE_MUST_NOT_BE_ZERO(18),
  DEBIT_ACCOUNT_NOT_FOUND(19),
  CREDIT_ACCOUNT_NOT_FOUND(20),
  ACCOUNTS_MUST_HAVE_THE_SAME_CURRENCY(21),
  TRANSFER_MUST_HAVE_THE_SAME_CURRENCY_AS_ACCOUNTS(22),
  DEBIT_ACCOUNT_ALREADY_CLOSED(23),
  CREDIT_ACCOUNT_ALREADY_CLOSED(24),
  PENDING_TRANSFER_NOT_FOUND(25),
  PENDING_TRANSFER_NOT_PENDING(26),
  PENDING_TRANSFER_HAS_DIFFERENT_DEBIT_ACCOUNT_ID(27),
  PENDING_TRANSFER_HAS_DIFFERENT_CREDIT_ACCOUNT_ID(28),
  PENDING_TRANSFER_HAS_DIFFERENT_CURRENCY(29),
  PENDING_TRANSFER_HAS_DIFFERENT_CODE(30),
  EXCEEDS_PENDING_TRANSFER_AMOUNT(31),
  PENDING_TRANSFER_HAS_DIFFERENT_AMOUNT(32),
  PENDING_TRANSFER_ALREADY_POSTED(33),
  PENDING_TRANSFER_ALREADY_VOIDED(34),
  PENDING_TRANSFER_EXPIRED(35),
  EXISTS_WITH_DIFFERENT_FLAGS(36),
  EXISTS_WITH_DIFFERENT_PENDING_ID(37),
  EXISTS_WITH_DIFFERENT_TIMEOUT(38),
  EXISTS_WITH_DIFFERENT_DEBIT_ACCOUNT_ID(39),
  EXISTS_WITH_DIFFERENT_CREDIT_ACCOUNT_ID(40),
  EXISTS_WITH_DIFFERENT_AMOUNT(41),
  EXISTS_WITH_DIFFERENT_CURRENCY(42),
  EXISTS_WITH_DIFFERENT_CODE(43),
  EXISTS_WITH_DIFFERENT_USER_DATA(44),
  EXISTS(45),
  OVERFLOWS_DEBITS_PENDING(46),
  OVERFLOWS_CREDITS_PENDING(47),
  OVERFLOWS_DEBITS_POSTED(48),
  OVERFLOWS_CREDITS_POSTED(49),
  OVERFLOWS_DEBITS(50),
  OVERFLOWS_CREDITS(51),
  OVERFLOWS_TIMEOUT(52),
  EXCEEDS_CREDITS(53),
  EXCEEDS_DEBITS(54),
  /** The writer's queue is full: back off and retry. */
  BUSY(100, true),
  /** The store failed or is unreachable; nothing of this request was applied. */
  STORE_UNAVAILABLE(101, true),
  /** The ledger is shutting down; nothing of this request was applied. */
  SHUTTING_DOWN(102, true),
  /** The request holds more events than one request may. */
  TOO_MANY_EVENTS(103),
  /**
   * The store refused the command's attached records (a constraint such as a duplicate key) when it
   * was committed on its own; nothing of the command was applied. Final: sending it again fails the
   * same way.
   */
  RECORD_REJECTED(104);

  private final int number;
  private final boolean transientResult;

  CreateTransferResult(int number) {
    this(number, false);
  }

  CreateTransferResult(int number, boolean transientResult) {
    this.number = number;
    this.transientResult = transientResult;
  }

  public int number() {
    return number;
  }

  /** True when the same request may succeed if sent again unchanged. */
  public boolean isTransient() {
    return transientResult;
  }

  public boolean isOk() {
    return this == OK;
  }
}

package io.harbourpay.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.TransferFlags;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.Invariants;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The deterministic payment workload of the crash and outage tests. Every command is a pure
 * function of its id, so the process that sends it, the process that retries it and the test that
 * checks the store afterwards all agree on what it is without sharing anything but the id.
 *
 * <p>A command id is {@code (incarnation * OPS_PER_INCARNATION_MAX + op) * 2 + phase}: each worker
 * incarnation has its own id space. Phase 0 is a payment (gross customer → merchant, fee merchant →
 * fee income) or, for every fourth op, a hold (pending gross customer → merchant, service charge
 * customer → fee income); phase 1 captures that hold (post it, fee merchant → fee income). Transfer
 * ids are {@code commandId * LEGS_MAX + leg}; each command also writes one row of {@code
 * crash_orders} keyed by its id, in the same transaction.
 */
final class CrashWorkload {
  static final String CURRENCY = "HKD";
  static final long OPS_PER_INCARNATION_MAX = 1_000_000_000L;
  static final int LEGS_MAX = 4;
  static final int CUSTOMERS = 8;
  static final int MERCHANTS = 3;
  static final long CUSTOMER_FIRST = 11;
  static final long MERCHANT_FIRST = 21;
  static final long FEE_INCOME = 31;
  static final int CODE_PAYMENT = 2;
  static final int CODE_FEE = 3;
  static final int CODE_WALLET = 1;
  static final int CODE_MERCHANT = 2;
  static final int CODE_INCOME = 3;

  static final String CREATE_ORDERS_TABLE =
      "CREATE TABLE IF NOT EXISTS crash_orders (order_id BIGINT PRIMARY KEY, amount BIGINT NOT"
          + " NULL)";
  static final String INSERT_ORDER = "INSERT INTO crash_orders (order_id, amount) VALUES (?, ?)";

  private CrashWorkload() {}

  /** How a request was answered, as a client retrying with the same ids sees it. */
  enum Outcome {
    /** Every transfer OK: applied now. */
    APPLIED,
    /** Applied before (an unknown-outcome retry): EXISTS, then LINKED_EVENT_FAILED or EXISTS. */
    EXISTED,
    /** Nothing happened; send the same command again. */
    TRANSIENT,
    /** A final refusal: the workload never asks for one, so this is a failure. */
    REJECTED
  }

  /**
   * A resubmitted command answers EXISTS for each transfer (a plain linked chain would answer
   * EXISTS and then LINKED_EVENT_FAILED; both mean "already applied").
   */
  static Outcome classify(List<CreateTransferResult> results) {
    if (results.stream().allMatch(CreateTransferResult::isOk)) return Outcome.APPLIED;
    if (results.stream().allMatch(CreateTransferResult::isTransient)) return Outcome.TRANSIENT;
    if (results.get(0) == CreateTransferResult.EXISTS
        && results.stream()
            .skip(1)
            .allMatch(
                result ->
                    result == CreateTransferResult.EXISTS
                        || result == CreateTransferResult.LINKED_EVENT_FAILED)) {
      return Outcome.EXISTED;
    }
    return Outcome.REJECTED;
  }

  static long commandId(long incarnation, long op, int phase) {
    assert op >= 0 && op < OPS_PER_INCARNATION_MAX;
    assert phase == 0 || phase == 1;
    return (incarnation * OPS_PER_INCARNATION_MAX + op) * 2 + phase;
  }

  static boolean isHold(long commandId) {
    return commandId % 2 == 0 && (commandId / 2) % 4 == 3;
  }

  static boolean isCapture(long commandId) {
    return commandId % 2 == 1;
  }

  static long transferId(long commandId, int leg) {
    return commandId * LEGS_MAX + leg;
  }

  static long grossMinor(long commandId) {
    return 100 + ((commandId / 2) * 7_919) % 9_900;
  }

  static long feeMinor(long commandId) {
    return 1 + grossMinor(commandId) / 50;
  }

  private static long customer(long commandId) {
    return CUSTOMER_FIRST + (commandId / 2) % CUSTOMERS;
  }

  private static long merchant(long commandId) {
    return MERCHANT_FIRST + (commandId / 2) % MERCHANTS;
  }

  static List<Account> accounts() {
    List<Account> accounts = new ArrayList<>();
    for (int index = 0; index < CUSTOMERS; index++) {
      accounts.add(Account.create(CUSTOMER_FIRST + index, CURRENCY, CODE_WALLET, 0, 0));
    }
    for (int index = 0; index < MERCHANTS; index++) {
      accounts.add(Account.create(MERCHANT_FIRST + index, CURRENCY, CODE_MERCHANT, 0, 0));
    }
    accounts.add(Account.create(FEE_INCOME, CURRENCY, CODE_INCOME, 0, 0));
    return accounts;
  }

  static long[] accountIds() {
    return accounts().stream().mapToLong(Account::id).toArray();
  }

  static Command command(long commandId) {
    long gross = grossMinor(commandId);
    long fee = feeMinor(commandId);
    long customer = customer(commandId);
    long merchant = merchant(commandId);
    List<Transfer> transfers;
    if (isCapture(commandId)) {
      transfers =
          List.of(
              Transfer.post(transferId(commandId, 0), transferId(commandId - 1, 0), 0),
              Transfer.of(transferId(commandId, 1), merchant, FEE_INCOME, fee, CURRENCY, CODE_FEE));
    } else if (isHold(commandId)) {
      transfers =
          List.of(
              Transfer.pending(
                  transferId(commandId, 0), customer, merchant, gross, CURRENCY, CODE_PAYMENT, 0),
              Transfer.of(transferId(commandId, 1), customer, FEE_INCOME, fee, CURRENCY, CODE_FEE));
    } else {
      transfers =
          List.of(
              Transfer.of(
                  transferId(commandId, 0), customer, merchant, gross, CURRENCY, CODE_PAYMENT),
              Transfer.of(transferId(commandId, 1), merchant, FEE_INCOME, fee, CURRENCY, CODE_FEE));
    }
    return new Command(transfers, List.of(AttachedRecord.of(INSERT_ORDER, commandId, gross)));
  }

  static long[] transferIds(long commandId) {
    return command(commandId).transfers().stream().mapToLong(Transfer::id).toArray();
  }

  /** Creates the workload's accounts; they may exist already (a later incarnation). */
  static void createAccounts(Ledger ledger, int attemptsMax) throws Exception {
    for (int attempt = 0; attempt < attemptsMax; attempt++) {
      List<CreateAccountResult> results =
          ledger.createAccounts(accounts()).get(30, TimeUnit.SECONDS);
      if (results.stream().allMatch(CreateAccountResult::isTransient)) {
        Thread.sleep(50);
        continue;
      }
      for (CreateAccountResult result : results) {
        if (result != CreateAccountResult.OK && result != CreateAccountResult.EXISTS) {
          throw new IllegalStateException("accounts not created: " + results);
        }
      }
      return;
    }
    throw new IllegalStateException("accounts not created after " + attemptsMax + " attempts");
  }

  /** A plain JDBC connection to the store's database (and schema). */
  static Connection connect(StoreConfig config) throws SQLException {
    Connection connection =
        DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
    if (config.schema() != null) {
      connection.setSchema(config.schema());
    }
    return connection;
  }

  static void createOrdersTable(StoreConfig config) throws SQLException {
    try (Connection connection = connect(config);
        Statement statement = connection.createStatement()) {
      statement.execute(CREATE_ORDERS_TABLE);
    }
  }

  /**
   * Checks the store against what clients were told: every acknowledged command is there, exactly
   * once, with the fields it was sent with; every command is there completely (transfers and its
   * record) or not at all; the books balance; and every account's balances are exactly what the
   * commands present in the store add up to. Returns the ids of the commands present.
   */
  static Set<Long> assertStoreMatches(
      StoreConfig config, JdbcLedgerStore store, Set<Long> acknowledged) throws SQLException {
    Map<Long, Long> transferRows = new HashMap<>();
    Map<Long, Long> orderRows = new HashMap<>();
    try (Connection connection = connect(config);
        Statement statement = connection.createStatement()) {
      try (ResultSet rows =
          statement.executeQuery("SELECT id, count(*) FROM ledger_transfers GROUP BY id")) {
        while (rows.next()) transferRows.put(rows.getLong(1), rows.getLong(2));
      }
      try (ResultSet rows = statement.executeQuery("SELECT order_id, amount FROM crash_orders")) {
        while (rows.next()) orderRows.put(rows.getLong(1), rows.getLong(2));
      }
    }
    assertThat(transferRows)
        .as("transfers stored more than once")
        .allSatisfy(
            (id, count) -> {
              assertThat(count).as("rows of transfer %d", id).isEqualTo(1L);
            });

    Set<Long> present = new TreeSet<>(orderRows.keySet());
    transferRows.keySet().forEach(id -> present.add(id / LEGS_MAX));
    Map<Long, String> halfApplied = new TreeMap<>();
    for (long commandId : present) {
      List<Long> missing = new ArrayList<>();
      for (long id : transferIds(commandId)) {
        if (!transferRows.containsKey(id)) missing.add(id);
      }
      Long amount = orderRows.get(commandId);
      if (!missing.isEmpty() || amount == null || amount != grossMinor(commandId)) {
        halfApplied.put(commandId, "missing transfers " + missing + ", order row amount " + amount);
      }
      if (isCapture(commandId) && !present.contains(commandId - 1)) {
        halfApplied.put(commandId, "captures a hold that is not stored");
      }
    }
    assertThat(halfApplied).as("commands applied in part").isEmpty();
    assertThat(present).as("acknowledged commands in the store").containsAll(acknowledged);

    for (long commandId : acknowledged) {
      List<Transfer> sent = command(commandId).transfers();
      List<Transfer> stored = store.lookupTransfers(transferIds(commandId));
      assertThat(stored).as("transfers of command %d", commandId).hasSize(sent.size());
      for (int leg = 0; leg < sent.size(); leg++) {
        Transfer want = sent.get(leg);
        Transfer got = stored.get(leg);
        assertThat(got.id()).isEqualTo(want.id());
        assertThat(got.flags()).isEqualTo(want.flags());
        if (!want.hasFlag(TransferFlags.POST_PENDING)) {
          assertThat(got.debitAccountId()).isEqualTo(want.debitAccountId());
          assertThat(got.creditAccountId()).isEqualTo(want.creditAccountId());
          assertThat(got.amount()).isEqualTo(want.amount());
        } else {
          assertThat(got.pendingId()).isEqualTo(want.pendingId());
          assertThat(got.amount()).isEqualTo(grossMinor(commandId - 1));
        }
      }
    }

    Invariants.assertBooksBalance(store);
    assertThat(store.lookupAccounts(accountIds()))
        .as("balances are the sum of the commands in the store")
        .containsExactlyInAnyOrderElementsOf(expectedAccounts(present, store));
    return present;
  }

  /** Every account as the commands {@code present} leave it (timestamps taken from the store). */
  private static List<Account> expectedAccounts(Set<Long> present, JdbcLedgerStore store) {
    Map<Long, long[]> balances = new TreeMap<>();
    for (long id : accountIds()) balances.put(id, new long[4]);
    for (long commandId : present) {
      for (Transfer transfer : command(commandId).transfers()) {
        if (transfer.hasFlag(TransferFlags.POST_PENDING)) {
          continue; // moved by the hold it captures, below
        }
        boolean open = transfer.hasFlag(TransferFlags.PENDING) && !present.contains(commandId + 1);
        int debitColumn = open ? 0 : 1;
        int creditColumn = open ? 2 : 3;
        balances.get(transfer.debitAccountId())[debitColumn] += transfer.amount();
        balances.get(transfer.creditAccountId())[creditColumn] += transfer.amount();
      }
    }
    List<Account> expected = new ArrayList<>();
    for (Account stored : store.lookupAccounts(accountIds())) {
      long[] sums = balances.get(stored.id());
      expected.add(
          new Account(
              stored.id(),
              CURRENCY,
              stored.code(),
              0,
              0,
              sums[0],
              sums[1],
              sums[2],
              sums[3],
              stored.timestamp()));
    }
    assertThat(expected).as("accounts stored").hasSize(accountIds().length);
    return expected;
  }
}

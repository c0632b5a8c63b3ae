package io.harbourpay.ledger;

import static io.harbourpay.ledger.CreateTransferResult.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A command's business rows are written in the same transaction as its transfers, only when every
 * transfer is OK: a payment row never exists without its money movement, nor the reverse.
 */
class AttachedRecordsTest {
  static final String INSERT_PAYMENT =
      "INSERT INTO test_payments (payment_id, amount, status) VALUES (?, ?, ?)";
  static final String INSERT_OUTBOX = "INSERT INTO test_outbox (event_id, payload) VALUES (?, ?)";

  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void recordsAreWrittenWithTheTransfersOrNotAtAll(Kind kind) throws SQLException {
    try (LedgerHarness h = new LedgerHarness(TestStores.fresh(kind))) {
      createTables(h);
      h.accounts(
          Account.create(1, "HKD", 1, AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS, 0),
          Account.create(2, "HKD", 2, 0, 0),
          Account.create(3, "HKD", 3, 0, 0),
          Account.create(9, "HKD", 9, 0, 0));
      assertThat(h.transfer(Transfer.of(1, 9, 1, 10_000, "HKD", 1))).isEqualTo(OK);

      Command pay =
          Command.of(
              List.of(
                  Transfer.of(100, 1, 2, 6_000, "HKD", 2), Transfer.of(101, 2, 3, 60, "HKD", 3)),
              AttachedRecord.of(INSERT_PAYMENT, 100L, 6_000L, "succeeded"),
              AttachedRecord.of(INSERT_OUTBOX, 100L, "{\"type\":\"payment.succeeded\"}"));
      assertThat(h.execute(pay)).containsExactly(OK, OK);
      assertThat(h.ledger.lookupTransfers(100).get(0).hasFlag(TransferFlags.LINKED)).isTrue();

      Command tooMuch =
          Command.of(
              List.of(
                  Transfer.of(200, 1, 2, 6_000, "HKD", 2), Transfer.of(201, 2, 3, 60, "HKD", 3)),
              AttachedRecord.of(INSERT_PAYMENT, 200L, 6_000L, "succeeded"));
      assertThat(h.execute(tooMuch)).containsExactly(EXCEEDS_CREDITS, LINKED_EVENT_FAILED);

      // A retried command answers EXISTS for each transfer and writes its rows no second time.
      assertThat(h.execute(pay)).containsExactly(EXISTS, EXISTS);
      h.restart();
      assertThat(h.execute(pay)).containsExactly(EXISTS, EXISTS);
      Command changed =
          Command.of(
              List.of(
                  Transfer.of(100, 1, 2, 6_000, "HKD", 2), Transfer.of(101, 2, 3, 61, "HKD", 3)),
              AttachedRecord.of(INSERT_PAYMENT, 100L, 6_000L, "succeeded"));
      assertThat(h.execute(changed)).containsExactly(EXISTS, EXISTS_WITH_DIFFERENT_AMOUNT);

      assertThat(rows(h, "SELECT payment_id, amount, status FROM test_payments ORDER BY 1"))
          .containsExactly("100|6000|succeeded");
      assertThat(rows(h, "SELECT event_id FROM test_outbox")).containsExactly("100");
      assertThat(h.ledger.lookupTransfers(200, 201)).isEmpty();
    }
  }

  private static void createTables(LedgerHarness h) throws SQLException {
    try (Connection connection = connect(h);
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE test_payments (payment_id BIGINT PRIMARY KEY, amount BIGINT NOT NULL,"
              + " status VARCHAR(20) NOT NULL)");
      statement.execute(
          "CREATE TABLE test_outbox (event_id BIGINT PRIMARY KEY, payload VARCHAR(200))");
    }
  }

  static List<String> rows(LedgerHarness h, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection connection = connect(h);
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      int columns = result.getMetaData().getColumnCount();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= columns; column++) {
          row.append(column == 1 ? "" : "|").append(result.getString(column));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  static Connection connect(LedgerHarness h) throws SQLException {
    Connection connection =
        DriverManager.getConnection(h.config.jdbcUrl(), h.config.user(), h.config.password());
    if (h.config.schema() != null) {
      connection.setSchema(h.config.schema());
    }
    return connection;
  }
}

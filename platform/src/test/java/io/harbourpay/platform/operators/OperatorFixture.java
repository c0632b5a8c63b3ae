package io.harbourpay.platform.operators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** One fresh store (migrated by the platform's Database) with the operator services on it. */
final class OperatorFixture implements AutoCloseable {
  static final int TEST_HASH_ITERATIONS = 1_000;

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  final StoreConfig config;
  final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
  final Database database;
  final OperatorService operators;
  final OperatorStats stats;
  final AuditLog audit;

  OperatorFixture(Kind kind) {
    config = TestStores.fresh(kind);
    database = Database.open(config);
    operators = new OperatorService(database, clock, TEST_HASH_ITERATIONS);
    stats = new OperatorStats(database, clock);
    audit = new AuditLog(database);
  }

  void execute(String sql, Object... parameters) {
    database.read(
        connection -> {
          try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
              statement.setObject(index + 1, parameters[index]);
            }
            return statement.executeUpdate();
          }
        });
  }

  long count(String sql, Object... parameters) {
    return database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
              select.setObject(index + 1, parameters[index]);
            }
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  static void fails(ThrowingCallable call, ErrorType type, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).as(failure.getMessage()).isEqualTo(type);
              assertThat(failure.code()).as(failure.getMessage()).isEqualTo(code);
            });
  }

  @Override
  public void close() {
    database.close();
    TestStores.dispose(config);
  }
}

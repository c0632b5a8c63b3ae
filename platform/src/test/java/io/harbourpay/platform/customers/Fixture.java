package io.harbourpay.platform.customers;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.db.Database;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One store with the customer services on it, a manual clock and the demo SMS inbox. {@link
 * #restart()} builds new service instances on the same database, as a process restart would.
 */
final class Fixture implements AutoCloseable {
  /** Tests hash PINs with few iterations; one test checks the production count. */
  static final int TEST_PIN_ITERATIONS = 1_000;

  static final byte[] SECRET =
      "test-secret-test-secret-test-secret!".getBytes(StandardCharsets.US_ASCII);
  static final String IP = "203.0.113.7";

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  final StoreConfig config;
  final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
  final AtomicBoolean smsDown = new AtomicBoolean();
  final DemoSmsGateway inbox = new DemoSmsGateway(clock);
  Database database;
  OtpService otp;
  SessionService sessions;
  CustomerService customers;
  PinService pins;
  KycService kyc;
  AuditLog audit;

  Fixture(Kind kind) {
    config = TestStores.fresh(kind);
    start();
  }

  private void start() {
    database = Database.open(config);
    SmsGateway sms =
        (phone, message) -> {
          if (smsDown.get()) throw new IllegalStateException("carrier unreachable");
          inbox.send(phone, message);
        };
    otp = new OtpService(database, sms, clock, SECRET);
    sessions = new SessionService(database, clock);
    customers = new CustomerService(database, clock, otp, sessions);
    pins = new PinService(database, clock, TEST_PIN_ITERATIONS);
    kyc = new KycService(database, clock);
    audit = new AuditLog(database);
  }

  void restart() {
    database.close();
    start();
  }

  /** The code in the newest SMS to {@code phone}. */
  String lastCode(String phone) {
    String text = inbox.latestMessage(phone).orElseThrow().text();
    return text.replaceAll("(?s).*?([0-9]{6}).*", "$1");
  }

  /** Requests a code and logs in with it. */
  LoginResult login(String phone) {
    otp.request(phone, IP);
    return customers.loginWithCode(phone, lastCode(PhoneNumbers.normalize(phone)), IP);
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

  @Override
  public void close() {
    database.close();
    TestStores.dispose(config);
  }
}

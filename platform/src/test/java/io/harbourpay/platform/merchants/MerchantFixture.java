package io.harbourpay.platform.merchants;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.List;

/** One store with the merchant services on it and a manual clock; no housekeeping thread. */
final class MerchantFixture implements AutoCloseable {
  static final String OPERATOR = "ops.alice";
  static final byte[] MASTER_KEY = SecretBox.newMasterKey();

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  static NewMerchant merchant(String name) {
    return new NewMerchant(name, "5411", "HK", "HKD", 120, "004", "123-456789-001");
  }

  static NewStore store(String name) {
    return new NewStore(name, "測試店 " + name, "1 Harbour Road, Wan Chai", "Wan Chai");
  }

  final StoreConfig config;
  final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
  final Database database;
  final MerchantKeyCache cache;
  final MerchantService merchants;
  final MerchantKeys keys;
  final JdbcNonceStore nonces;
  final MerchantAuthenticator auth;
  final AuditLog audit;
  final ConsoleUsers consoleUsers;

  MerchantFixture(Kind kind) {
    this(TestStores.fresh(kind));
  }

  /** A second node on the same database: its own cache, same master key. */
  MerchantFixture(StoreConfig config) {
    this.config = config;
    database = Database.open(config);
    SecretBox box = new SecretBox(MASTER_KEY);
    cache = new MerchantKeyCache(database, box, clock);
    merchants = new MerchantService(database, clock, cache);
    keys = new MerchantKeys(database, clock, box, cache);
    nonces = new JdbcNonceStore(database);
    auth = new MerchantAuthenticator(cache, nonces, clock);
    audit = new AuditLog(database);
    consoleUsers = new ConsoleUsers(database, clock, 1_000);
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

  String text(String sql, Object... parameters) {
    return database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int index = 0; index < parameters.length; index++) {
              select.setObject(index + 1, parameters[index]);
            }
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getString(1);
            }
          }
        });
  }

  @Override
  public void close() {
    auth.close();
    database.close();
    TestStores.dispose(config);
  }
}

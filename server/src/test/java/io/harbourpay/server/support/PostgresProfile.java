package io.harbourpay.server.support;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.TestStores;
import java.util.Map;

/**
 * PostgreSQL in a fresh schema of the test database. Test classes using it carry {@link
 * RequiresPostgres}, which skips them with a message (or fails them under CI=true) before the
 * server starts when PostgreSQL is unreachable.
 */
public class PostgresProfile extends HarbourProfile {
  @Override
  protected Map<String, String> store() {
    StoreConfig store = TestStores.freshPostgres();
    // The server keeps the schema until the test JVM ends; drop it then, so runs leave nothing.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    TestStores.dispose(store);
                  } catch (RuntimeException failure) {
                    System.err.println(
                        "could not drop test schema " + store.schema() + ": " + failure);
                  }
                },
                "drop-" + store.schema()));
    return Map.of(
        "harbour.db.url", store.jdbcUrl(),
        "harbour.db.user", store.user(),
        "harbour.db.password", store.password() == null ? "" : store.password(),
        "harbour.db.schema", store.schema());
  }
}

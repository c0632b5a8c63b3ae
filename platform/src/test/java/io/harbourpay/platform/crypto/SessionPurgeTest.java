package io.harbourpay.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.bank.SimulatedBank;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.customers.LoginResult;
import io.harbourpay.platform.merchants.ConsoleRole;
import io.harbourpay.platform.merchants.ConsoleUsers;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.NewMerchant;
import io.harbourpay.platform.operators.NewOperator;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.wallets.LimitsConfig;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The session purge on each store: expired customer, operator and console sessions go, in bounded
 * batches; sessions still in use stay and keep working.
 */
class SessionPurgeTest {
  static final String PASSWORD = "correct horse battery";
  static final String IP = "203.0.113.5";
  static final String PHONE = "+85291234567";

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void expiredSessionsOfEveryKindGoInBatchesAndLiveOnesStay(Kind kind) {
    StoreConfig config = TestStores.fresh(kind);
    ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
    DemoSmsGateway sms = new DemoSmsGateway(clock);
    SimulatedBank bank = new SimulatedBank(20);
    try (Platform platform =
        Platform.start(
            new Platform.Options(
                config,
                clock,
                sms,
                bank,
                LimitsConfig.defaults(),
                "session-purge-otp-secret-0123456789".getBytes(StandardCharsets.US_ASCII),
                300,
                1_000))) {
      // Four sessions of each kind, all opened now.
      platform.otp.request(PHONE, IP);
      String code =
          sms.latestMessage(PHONE).orElseThrow().text().replaceAll("(?s).*?([0-9]{6}).*", "$1");
      LoginResult login = platform.customers.loginWithCode(PHONE, code, IP);
      List<String> customer = new ArrayList<>(List.of(login.sessionToken()));
      for (int index = 0; index < 3; index++) {
        customer.add(platform.sessions.create(login.customer().id()));
      }
      platform.operators.create(
          "bootstrap", new NewOperator("root", "Root Admin", PASSWORD, Set.of(OperatorRole.ADMIN)));
      Merchant shop =
          platform.merchants.onboard(
              new NewMerchant("Harbour Mart", "5411", "HK", "HKD", 120, "004", "123-456789-001"),
              "ops.test");
      platform.consoleUsers.create(
          shop.id(),
          new ConsoleUsers.NewUser("owner@shop.example", "Owner", PASSWORD, ConsoleRole.OWNER),
          "ops.test");
      List<String> operator = new ArrayList<>();
      List<String> console = new ArrayList<>();
      for (int index = 0; index < 4; index++) {
        operator.add(platform.operators.login("root", PASSWORD, IP).token());
        console.add(platform.consoleUsers.login("owner@shop.example", PASSWORD, IP).token());
      }
      assertThat(rows(platform)).containsExactly(4L, 4L, 4L);

      // The first of each kind is used every 20 minutes; the others are left alone until every
      // kind's idle timeout (customers and operators 30 minutes, consoles 2 hours) has passed.
      for (Duration used = Duration.ZERO;
          used.compareTo(ConsoleUsers.IDLE_TIMEOUT) <= 0;
          used = used.plusMinutes(20)) {
        clock.advance(Duration.ofMinutes(20));
        platform.sessions.authenticate(customer.get(0));
        platform.operators.authenticate(operator.get(0));
        platform.consoleUsers.authenticate(console.get(0));
      }

      // Batches of two, one batch per kind and run: the work of a run is bounded.
      Map<String, Integer> first = platform.sessionPurge(2, 1).run();
      assertThat(first)
          .containsExactly(
              Map.entry("customer", 2), Map.entry("operator", 2), Map.entry("console", 2));
      assertThat(rows(platform)).containsExactly(2L, 2L, 2L);
      Map<String, Integer> second = platform.sessionPurge(2, 10).run();
      assertThat(second)
          .containsExactly(
              Map.entry("customer", 1), Map.entry("operator", 1), Map.entry("console", 1));
      assertThat(platform.sessionPurge(2, 10).run().values()).containsOnly(0);

      // What is left is the sessions in use, and they still work.
      assertThat(rows(platform)).containsExactly(1L, 1L, 1L);
      assertThat(platform.sessions.authenticate(customer.get(0)).id())
          .isEqualTo(login.customer().id());
      assertThat(platform.operators.authenticate(operator.get(0)).username()).isEqualTo("root");
      assertThat(platform.consoleUsers.authenticate(console.get(0)).email())
          .isEqualTo("owner@shop.example");
    } finally {
      bank.close();
      TestStores.dispose(config);
    }
  }

  /** Rows in the customer, operator and console session tables. */
  private static List<Long> rows(Platform platform) {
    List<Long> counts = new ArrayList<>();
    for (String table : List.of("sessions", "operator_sessions", "merchant_console_sessions")) {
      counts.add(
          platform.database.read(
              connection -> {
                try (PreparedStatement select =
                        connection.prepareStatement("SELECT COUNT(*) FROM " + table);
                    ResultSet row = select.executeQuery()) {
                  row.next();
                  return row.getLong(1);
                }
              }));
    }
    return counts;
  }
}

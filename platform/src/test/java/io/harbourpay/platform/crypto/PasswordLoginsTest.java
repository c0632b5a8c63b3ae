package io.harbourpay.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.db.Database;
import io.harbourpay.platform.merchants.ConsoleRole;
import io.harbourpay.platform.merchants.ConsoleUsers;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantKeyCache;
import io.harbourpay.platform.merchants.MerchantService;
import io.harbourpay.platform.merchants.NewMerchant;
import io.harbourpay.platform.operators.NewOperator;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.operators.OperatorService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sign-in rules every password account shares, checked through each kind's own login (console
 * users and operators) on each store (SQLite and PostgreSQL): one table of cases, run for all four.
 */
class PasswordLoginsTest {
  static final String PASSWORD = "correct horse battery";
  static final String WRONG = "wrong password, sorry";
  static final String ADDRESS = "203.0.113.7";
  static final int HASH_ITERATIONS = 1_000;

  /** One kind of account, seen from outside: create one, try to sign in, how it refuses. */
  interface Door {
    void create(String login);

    void login(String login, String password, String clientIp);

    String refusal();

    int attemptsPerAddressMax();
  }

  enum Account {
    CONSOLE_USER,
    OPERATOR
  }

  static Stream<Arguments> cases() {
    return TestStores.kinds()
        .flatMap(kind -> Stream.of(Account.values()).map(account -> Arguments.of(kind, account)));
  }

  /** A fresh store with the account kind's service on it. */
  static final class Fixture implements AutoCloseable {
    final StoreConfig config;
    final Database database;
    final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
    final Door door;

    Fixture(Kind kind, Account account) {
      config = TestStores.fresh(kind);
      database = Database.open(config);
      door = account == Account.CONSOLE_USER ? consoleDoor() : operatorDoor();
    }

    private Door consoleDoor() {
      MerchantService merchants =
          new MerchantService(
              database,
              clock,
              new MerchantKeyCache(database, new SecretBox(SecretBox.newMasterKey()), clock));
      Merchant shop =
          merchants.onboard(
              new NewMerchant("Harbour Mart", "5411", "HK", "HKD", 120, "004", "123-456789-001"),
              "ops.test");
      ConsoleUsers users = new ConsoleUsers(database, clock, HASH_ITERATIONS);
      return new Door() {
        @Override
        public void create(String login) {
          users.create(
              shop.id(),
              new ConsoleUsers.NewUser(login, "Chan Tai Man", PASSWORD, ConsoleRole.OWNER),
              "ops.test");
        }

        @Override
        public void login(String login, String password, String clientIp) {
          users.login(login, password, clientIp);
        }

        @Override
        public String refusal() {
          return "login_failed";
        }

        @Override
        public int attemptsPerAddressMax() {
          return ConsoleUsers.LOGINS_PER_ADDRESS_MAX;
        }
      };
    }

    private Door operatorDoor() {
      OperatorService operators = new OperatorService(database, clock, HASH_ITERATIONS);
      return new Door() {
        @Override
        public void create(String login) {
          operators.create(
              "bootstrap",
              new NewOperator(login, "Chan Tai Man", PASSWORD, Set.of(OperatorRole.ADMIN)));
        }

        @Override
        public void login(String login, String password, String clientIp) {
          operators.login(login, password, clientIp);
        }

        @Override
        public String refusal() {
          return "login_invalid";
        }

        @Override
        public int attemptsPerAddressMax() {
          return OperatorService.LOGIN_ATTEMPTS_PER_ADDRESS_MAX;
        }
      };
    }

    /** "ok", or the refusal's code. */
    String attempt(String login, String password, String clientIp) {
      try {
        door.login(login, password, clientIp);
        return "ok";
      } catch (PlatformException refused) {
        return refused.code();
      }
    }

    @Override
    public void close() {
      database.close();
      TestStores.dispose(config);
    }
  }

  /** A login that both kinds accept (an email is not a username and the reverse). */
  static String login(Account account, String name) {
    return account == Account.CONSOLE_USER ? name + "@shop.example" : name;
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theFifthWrongPasswordLocksTheAccountUntilTheLockEnds(Kind kind, Account account) {
    try (Fixture f = new Fixture(kind, account)) {
      String login = login(account, "alice");
      f.door.create(login);
      String refusal = f.door.refusal();
      assertThat(f.attempt(login(account, "nobody"), PASSWORD, ADDRESS))
          .as("an unknown account answers as a wrong password")
          .isEqualTo(refusal);
      for (int attempt = 1; attempt < PasswordLogins.WRONG_PASSWORDS_MAX; attempt++) {
        assertThat(f.attempt(login, WRONG, ADDRESS)).isEqualTo(refusal);
      }
      assertThat(f.attempt(login, WRONG, ADDRESS)).isEqualTo("login_locked");
      assertThat(f.attempt(login, PASSWORD, ADDRESS))
          .as("locked: even the right password")
          .isEqualTo("login_locked");
      f.clock.advance(PasswordLogins.LOCK_DURATION.minusSeconds(1));
      assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("login_locked");
      f.clock.advance(java.time.Duration.ofSeconds(1));
      assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("ok");
      assertThat(f.attempt(login, WRONG, ADDRESS))
          .as("a new count after the lock")
          .isEqualTo(refusal);
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void theRightPasswordResetsTheCount(Kind kind, Account account) {
    try (Fixture f = new Fixture(kind, account)) {
      String login = login(account, "bob");
      f.door.create(login);
      for (int round = 0; round < 2; round++) {
        for (int attempt = 1; attempt < PasswordLogins.WRONG_PASSWORDS_MAX; attempt++) {
          assertThat(f.attempt(login, WRONG, ADDRESS)).isEqualTo(f.door.refusal());
        }
        assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("ok");
      }
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void oneAddressGetsABoundedNumberOfAttemptsWhateverTheAccounts(Kind kind, Account account) {
    try (Fixture f = new Fixture(kind, account)) {
      String login = login(account, "carol");
      f.door.create(login);
      for (int attempt = 0; attempt < f.door.attemptsPerAddressMax(); attempt++) {
        assertThat(f.attempt(login(account, "guess" + attempt), PASSWORD, ADDRESS))
            .isEqualTo(f.door.refusal());
      }
      assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("rate_limited");
      assertThat(f.attempt(login, PASSWORD, "198.51.100.1")).as("another address").isEqualTo("ok");
      assertThat(f.attempt(login, PASSWORD, null))
          .as("an embedded caller is not counted")
          .isEqualTo("ok");
      f.clock.advance(PasswordLogins.ADDRESS_WINDOW);
      assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("ok");
    }
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void parallelGuessesAllCount(Kind kind, Account account) throws Exception {
    try (Fixture f = new Fixture(kind, account)) {
      String login = login(account, "dave");
      f.door.create(login);
      int guesses = 4 * PasswordLogins.WRONG_PASSWORDS_MAX;
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<String>> answers = new ArrayList<>();
      try {
        for (int guess = 0; guess < guesses; guess++) {
          answers.add(pool.submit(() -> f.attempt(login, WRONG, ADDRESS)));
        }
        List<String> codes = new ArrayList<>();
        for (Future<String> answer : answers) codes.add(answer.get());
        // Each guess was counted before its comparison: exactly WRONG_PASSWORDS_MAX - 1 were
        // compared and refused; the one that reached the limit and every later one were locked.
        assertThat(codes.stream().filter(f.door.refusal()::equals).count())
            .isEqualTo(PasswordLogins.WRONG_PASSWORDS_MAX - 1);
        assertThat(codes.stream().filter("login_locked"::equals).count())
            .isEqualTo(guesses - PasswordLogins.WRONG_PASSWORDS_MAX + 1);
      } finally {
        pool.shutdownNow();
      }
      assertThat(f.attempt(login, PASSWORD, ADDRESS)).isEqualTo("login_locked");
    }
  }
}

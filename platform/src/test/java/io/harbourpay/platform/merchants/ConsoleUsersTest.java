package io.harbourpay.platform.merchants;

import static io.harbourpay.platform.merchants.MerchantFixture.OPERATOR;
import static io.harbourpay.platform.merchants.MerchantFixture.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.crypto.SessionTokens;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConsoleUsersTest {
  static final String PASSWORD = "correct horse battery";

  static ConsoleUsers.NewUser person(String email, ConsoleRole role) {
    return new ConsoleUsers.NewUser(email, "Chan Tai Man", PASSWORD, role);
  }

  static String code(Runnable call) {
    try {
      call.run();
      return "ok";
    } catch (PlatformException refused) {
      return refused.type() + ":" + refused.code();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void loginAuthenticateLogoutWithHashedPasswordAndToken(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant shop = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      ConsoleUser owner =
          f.consoleUsers.create(
              shop.id(), person(" Owner@Shop.Example ", ConsoleRole.OWNER), OPERATOR);
      assertThat(owner.email()).isEqualTo("owner@shop.example");
      assertThat(owner.publicId()).startsWith("mu_");
      assertThat(f.text("SELECT password_hash FROM merchant_users WHERE id = ?", owner.id()))
          .startsWith("pbkdf2-sha256$")
          .doesNotContain(PASSWORD);

      ConsoleLogin login = f.consoleUsers.login("OWNER@shop.example", PASSWORD);
      assertThat(login.token()).startsWith(ConsoleUsers.TOKEN_PREFIX).hasSize(47);
      assertThat(login.toString()).doesNotContain(login.token());
      // Only the token's hash is stored.
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM merchant_console_sessions WHERE token_hash = ?",
                  SessionTokens.hash(login.token())))
          .isEqualTo(1);
      assertThat(f.consoleUsers.authenticate(login.token()).id()).isEqualTo(owner.id());
      assertThat(f.consoleUsers.authenticate(login.token()).lastLoginAt()).isNotNull();

      f.consoleUsers.logout(login.token());
      f.consoleUsers.logout(login.token());
      assertThat(code(() -> f.consoleUsers.authenticate(login.token())))
          .isEqualTo("AUTHENTICATION:session_invalid");
      assertThat(code(() -> f.consoleUsers.authenticate("hpm_short")))
          .isEqualTo("AUTHENTICATION:session_invalid");
      assertThat(f.audit.list(shop.publicId(), 10, null).items())
          .anyMatch(entry -> entry.action().equals(ConsoleUsers.AUDIT_USER_ADD));
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void sessionsExpireWhenIdleAndAtTheAbsoluteLimit(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant shop = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      f.consoleUsers.create(shop.id(), person("a@shop.example", ConsoleRole.CASHIER), OPERATOR);
      String idle = f.consoleUsers.login("a@shop.example", PASSWORD).token();
      f.clock.advance(ConsoleUsers.IDLE_TIMEOUT);
      assertThat(code(() -> f.consoleUsers.authenticate(idle)))
          .isEqualTo("AUTHENTICATION:session_expired");

      String busy = f.consoleUsers.login("a@shop.example", PASSWORD).token();
      Duration step = ConsoleUsers.IDLE_TIMEOUT.dividedBy(2);
      for (Duration used = Duration.ZERO;
          used.plus(step).compareTo(ConsoleUsers.ABSOLUTE_TIMEOUT) < 0;
          used = used.plus(step)) {
        f.clock.advance(step);
        f.consoleUsers.authenticate(busy);
      }
      f.clock.advance(step);
      assertThat(code(() -> f.consoleUsers.authenticate(busy)))
          .isEqualTo("AUTHENTICATION:session_expired");
      // The idle one went when the second login tidied the user's sessions; this one is purged.
      assertThat(f.consoleUsers.purgeExpired(100)).isEqualTo(1);
    }
  }

  // Wrong passwords, the lockout and the per-address limit: PasswordLoginsTest (shared rules).

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void disablingAUserAndSuspendingTheMerchantEndSessions(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant shop = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      Merchant other = f.merchants.onboard(merchant("Kowloon Bakery"), OPERATOR);
      ConsoleUser owner =
          f.consoleUsers.create(shop.id(), person("o@shop.example", ConsoleRole.OWNER), OPERATOR);
      ConsoleUser cashier =
          f.consoleUsers.create(shop.id(), person("c@shop.example", ConsoleRole.CASHIER), OPERATOR);
      String ownerToken = f.consoleUsers.login("o@shop.example", PASSWORD).token();
      String cashierToken = f.consoleUsers.login("c@shop.example", PASSWORD).token();
      MerchantCaller ownerCaller = MerchantCaller.consoleUser(owner);

      assertThat(code(() -> f.consoleUsers.disable(shop.id(), owner.publicId(), ownerCaller)))
          .isEqualTo("CONFLICT:cannot_disable_self");
      assertThat(code(() -> f.consoleUsers.disable(other.id(), cashier.publicId(), ownerCaller)))
          .isEqualTo("NOT_FOUND:resource_missing");
      assertThat(f.consoleUsers.disable(shop.id(), cashier.publicId(), ownerCaller).status())
          .isEqualTo(ConsoleUser.DISABLED);
      assertThat(code(() -> f.consoleUsers.authenticate(cashierToken)))
          .isEqualTo("AUTHENTICATION:session_invalid");
      assertThat(code(() -> f.consoleUsers.login("c@shop.example", PASSWORD)))
          .isEqualTo("PERMISSION:console_user_disabled");

      f.merchants.suspend(shop.id(), OPERATOR, "review");
      assertThat(code(() -> f.consoleUsers.authenticate(ownerToken)))
          .isEqualTo("PERMISSION:merchant_suspended");
      assertThat(code(() -> f.consoleUsers.login("o@shop.example", PASSWORD)))
          .isEqualTo("PERMISSION:merchant_suspended");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void inputIsValidatedAndEmailsAreUnique(Kind kind) throws Exception {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant shop = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      f.consoleUsers.create(shop.id(), person("d@shop.example", ConsoleRole.OWNER), OPERATOR);
      assertThat(
              code(
                  () ->
                      f.consoleUsers.create(
                          shop.id(), person("D@shop.example", ConsoleRole.CASHIER), OPERATOR)))
          .isEqualTo("CONFLICT:email_taken");
      assertThat(
              code(
                  () ->
                      f.consoleUsers.create(
                          shop.id(), person("not-an-email", ConsoleRole.CASHIER), OPERATOR)))
          .isEqualTo("INVALID_REQUEST:email_invalid");
      assertThat(
              code(
                  () ->
                      f.consoleUsers.create(
                          shop.id(),
                          new ConsoleUsers.NewUser(
                              "e@shop.example", "E", "short", ConsoleRole.OWNER),
                          OPERATOR)))
          .isEqualTo("INVALID_REQUEST:password_invalid");

      // Four requests at once for one new email: one user, three 409s (the unique key decides).
      java.util.concurrent.ExecutorService pool =
          java.util.concurrent.Executors.newFixedThreadPool(4);
      try {
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<String>> outcomes = new java.util.ArrayList<>();
        for (int index = 0; index < 4; index++) {
          outcomes.add(
              pool.submit(
                  () -> {
                    start.await();
                    return code(
                        () ->
                            f.consoleUsers.create(
                                shop.id(),
                                person("race@shop.example", ConsoleRole.CASHIER),
                                OPERATOR));
                  }));
        }
        start.countDown();
        List<String> codes = new java.util.ArrayList<>();
        for (var outcome : outcomes)
          codes.add(outcome.get(30, java.util.concurrent.TimeUnit.SECONDS));
        assertThat(codes)
            .containsExactlyInAnyOrder(
                "ok", "CONFLICT:email_taken", "CONFLICT:email_taken", "CONFLICT:email_taken");
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void rolesOpenTheTillToCashiersAndPeopleAndKeysToOwnersOnly() {
    String[][] table = {
      // method, path, owner, manager, cashier
      {"POST", "/v1/merchant/orders", "y", "y", "y"},
      {"GET", "/v1/merchant/orders/ord_1", "y", "y", "y"},
      {"POST", "/v1/merchant/orders/ord_1/close", "y", "y", "y"},
      {"POST", "/v1/merchant/orders/ord_1/refunds", "y", "y", "n"},
      {"POST", "/v1/merchant/payments", "y", "y", "y"},
      {"GET", "/v1/merchant/payments", "y", "y", "y"},
      {"GET", "/v1/merchant/payments/pay_1", "y", "y", "y"},
      {"POST", "/v1/merchant/payments/pay_1/refunds", "y", "y", "n"},
      {"GET", "/v1/merchant/keys", "y", "n", "n"},
      {"POST", "/v1/merchant/keys/mk_1/rotate", "y", "n", "n"},
      {"GET", "/v1/merchant/console/users", "y", "n", "n"},
      {"GET", "/v1/merchant/webhook-endpoints", "y", "y", "n"},
      {"POST", "/v1/merchant/webhook-events/we_1/redeliver", "y", "y", "n"},
      {"POST", "/v1/merchant/stores/str_1/terminals", "y", "y", "n"},
      {"GET", "/v1/merchant/stores/str_1/terminals", "y", "y", "y"},
      {"GET", "/v1/merchant/anything-new", "y", "y", "n"},
    };
    for (String[] row : table) {
      for (ConsoleRole role : ConsoleRole.values()) {
        boolean expected = row[2 + role.ordinal()].equals("y");
        assertThat(ConsolePermissions.allows(role, row[0], row[1]))
            .as(role + " " + row[0] + " " + row[1])
            .isEqualTo(expected);
      }
    }
    MerchantCaller cashier = new MerchantCaller(1, 0, 2, ConsoleRole.CASHIER);
    assertThatThrownBy(
            () -> ConsolePermissions.require(cashier, "POST", "/v1/merchant/payments/p/refunds"))
        .isInstanceOfSatisfying(
            PlatformException.class,
            refused -> {
              assertThat(refused.type()).isEqualTo(ErrorType.PERMISSION);
              assertThat(refused.code()).isEqualTo("role_not_permitted");
            });
    // The router decodes and normalises paths; the rules match the raw one. A path that would
    // route to an owner-only endpoint without looking like it is refused to a manager.
    MerchantCaller manager = new MerchantCaller(1, 0, 3, ConsoleRole.MANAGER);
    ConsolePermissions.require(manager, "GET", "/v1/merchant/orders/ord_1/qr.png");
    for (String disguised :
        List.of(
            "/v1/merchant/%6Beys",
            "/v1/merchant/stores/../keys",
            "/v1/merchant/./keys",
            "/v1/merchant/keys;x=1",
            "/v1/merchant//keys",
            "/v1/merchant/console/users/")) {
      assertThatThrownBy(() -> ConsolePermissions.require(manager, "POST", disguised))
          .as(disguised)
          .isInstanceOfSatisfying(
              PlatformException.class,
              refused -> assertThat(refused.code()).isEqualTo("role_not_permitted"));
    }
    // An API key acts for the whole merchant.
    ConsolePermissions.require(new MerchantCaller(1, 3), "GET", "/v1/merchant/keys");
    assertThat(cashier.actor())
        .isEqualTo(
            "merchant:" + cashier.merchantPublicId() + " via console " + cashier.userPublicId());
  }
}

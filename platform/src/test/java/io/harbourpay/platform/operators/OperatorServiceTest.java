package io.harbourpay.platform.operators;

import static io.harbourpay.platform.operators.OperatorFixture.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.customers.AuditEntry;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorServiceTest {
  static final String PASSWORD = "correct horse battery";
  static final String IP = "203.0.113.9";

  static Operator admin(OperatorFixture f) {
    f.clock.advance(Duration.ofSeconds(1));
    return f.operators.create(
        "bootstrap", new NewOperator("root", "Root Admin", PASSWORD, Set.of(OperatorRole.ADMIN)));
  }

  static Operator compliance(OperatorFixture f) {
    f.clock.advance(Duration.ofSeconds(1));
    return f.operators.create(
        "operator:root",
        new NewOperator("Carol.Chan", "Carol Chan", PASSWORD, EnumSet.of(OperatorRole.COMPLIANCE)));
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void anAccountLogsInAndItsSessionAuthenticatesUntilLogout(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      admin(f);
      Operator carol = compliance(f);
      assertThat(carol.username()).as("usernames are lower case").isEqualTo("carol.chan");
      assertThat(carol.publicId()).startsWith("opr_");
      assertThat(carol.actor()).isEqualTo("operator:carol.chan");
      List<AuditEntry> audit = f.audit.list(carol.publicId(), 10, null).items();
      assertThat(audit)
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.action()).isEqualTo(OperatorService.ACTION_CREATE);
                assertThat(entry.actor()).isEqualTo("operator:root");
                assertThat(entry.detail()).doesNotContain(PASSWORD);
              });

      OperatorLogin login = f.operators.login(" Carol.Chan ", PASSWORD, IP);
      assertThat(login.token()).startsWith("hpo_").hasSize(4 + 43);
      assertThat(login.toString()).doesNotContain(login.token());
      assertThat(
              f.count("SELECT COUNT(*) FROM operator_sessions WHERE token_hash = ?", login.token()))
          .as("only the hash is stored")
          .isZero();
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM operators WHERE password_hash LIKE ?",
                  "%" + PASSWORD + "%"))
          .isZero();
      Operator me = f.operators.authenticate(login.token());
      assertThat(me.id()).isEqualTo(carol.id());
      assertThat(me.lastLoginAt()).isEqualTo(f.clock.instant());
      assertThat(me.has(OperatorRole.COMPLIANCE)).isTrue();
      assertThat(me.has(OperatorRole.ADMIN)).isFalse();
      assertThat(me.hasAny(OperatorRole.SUPPORT, OperatorRole.MERCHANT_OPS)).isFalse();

      f.operators.logout(login.token());
      f.operators.logout(login.token());
      fails(
          () -> f.operators.authenticate(login.token()),
          ErrorType.AUTHENTICATION,
          "session_invalid");
      fails(
          () -> f.operators.authenticate("hps_customer-token"),
          ErrorType.AUTHENTICATION,
          "session_invalid");
      fails(
          () ->
              f.operators.create(
                  "operator:root",
                  new NewOperator("carol.chan", "Other", PASSWORD, Set.of(OperatorRole.VIEWER))),
          ErrorType.CONFLICT,
          "username_taken");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void sessionsEndWhenIdleAndAfterTheAbsoluteTimeout(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      admin(f);
      String idle = f.operators.login("root", PASSWORD, IP).token();
      f.clock.advance(OperatorService.IDLE_TIMEOUT);
      fails(() -> f.operators.authenticate(idle), ErrorType.AUTHENTICATION, "session_expired");

      String busy = f.operators.login("root", PASSWORD, IP).token();
      Duration step = OperatorService.IDLE_TIMEOUT.minusMinutes(5);
      Duration used = Duration.ZERO;
      while (used.plus(step).compareTo(OperatorService.ABSOLUTE_TIMEOUT) < 0) {
        f.clock.advance(step);
        used = used.plus(step);
        assertThat(f.operators.authenticate(busy).username()).isEqualTo("root");
      }
      f.clock.advance(OperatorService.ABSOLUTE_TIMEOUT.minus(used));
      fails(() -> f.operators.authenticate(busy), ErrorType.AUTHENTICATION, "session_expired");
    }
  }

  // The lockout and the per-address limit themselves: PasswordLoginsTest (shared rules).
  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void aLockedAccountShowsUntilWhenItIsLocked(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      admin(f);
      for (int attempt = 1; attempt < OperatorService.LOGIN_ATTEMPTS_MAX; attempt++) {
        fails(
            () -> f.operators.login("root", "wrong password!", IP),
            ErrorType.AUTHENTICATION,
            "login_invalid");
      }
      assertThat(f.operators.byUsername("root").orElseThrow().lockedUntil()).isNull();
      fails(
          () -> f.operators.login("root", "wrong password!", IP),
          ErrorType.RATE_LIMITED,
          "login_locked");
      assertThat(f.operators.byUsername("root").orElseThrow().lockedUntil())
          .isEqualTo(f.clock.instant().plus(OperatorService.LOGIN_LOCK));
      f.clock.advance(OperatorService.LOGIN_LOCK);
      assertThat(f.operators.byUsername("root").orElseThrow().lockedUntil()).isNull();
      assertThat(f.operators.login("root", PASSWORD, IP).operator().lockedUntil()).isNull();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void adminsChangeRolesAndDisableAccountsButNeverTheLastAdmin(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      Operator root = admin(f);
      Operator carol = compliance(f);
      String carolsSession = f.operators.login("carol.chan", PASSWORD, IP).token();
      f.clock.advance(Duration.ofSeconds(1));
      Operator changed =
          f.operators.update(
              root.actor(),
              carol.id(),
              new OperatorChange(
                  null, EnumSet.of(OperatorRole.SUPPORT, OperatorRole.VIEWER), null, null));
      assertThat(changed.roles())
          .containsExactlyInAnyOrder(OperatorRole.SUPPORT, OperatorRole.VIEWER);
      assertThat(f.operators.authenticate(carolsSession).has(OperatorRole.SUPPORT))
          .as("a role change holds on the next request")
          .isTrue();
      f.clock.advance(Duration.ofSeconds(1));
      f.operators.update(
          root.actor(), carol.id(), new OperatorChange(null, null, OperatorStatus.DISABLED, null));
      fails(
          () -> f.operators.authenticate(carolsSession),
          ErrorType.AUTHENTICATION,
          "session_invalid");
      fails(
          () -> f.operators.login("carol.chan", PASSWORD, IP),
          ErrorType.AUTHENTICATION,
          "login_invalid");
      assertThat(f.audit.list(carol.publicId(), 10, null).items())
          .extracting(AuditEntry::action)
          .containsExactly(
              OperatorService.ACTION_UPDATE,
              OperatorService.ACTION_UPDATE,
              OperatorService.ACTION_CREATE);

      fails(
          () ->
              f.operators.update(
                  root.actor(),
                  root.id(),
                  new OperatorChange(null, null, OperatorStatus.DISABLED, null)),
          ErrorType.CONFLICT,
          "last_admin");
      fails(
          () ->
              f.operators.update(
                  root.actor(),
                  root.id(),
                  new OperatorChange(null, Set.of(OperatorRole.VIEWER), null, null)),
          ErrorType.CONFLICT,
          "last_admin");
      assertThat(f.operators.get(root.id()).has(OperatorRole.ADMIN)).isTrue();
      assertThat(f.operators.list(1, null).nextCursor()).isNotNull();
      assertThat(f.operators.list(10, f.operators.list(1, null).nextCursor()).items())
          .extracting(Operator::username)
          .containsExactly("carol.chan");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void changingThePasswordNeedsTheCurrentOneAndEndsOtherSessions(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      admin(f);
      String laptop = f.operators.login("root", PASSWORD, IP).token();
      String desktop = f.operators.login("root", PASSWORD, IP).token();
      fails(
          () -> f.operators.changePassword(laptop, "not it at all", "a new long passphrase"),
          ErrorType.INVALID_REQUEST,
          "password_incorrect");
      fails(
          () -> f.operators.changePassword(laptop, PASSWORD, "short"),
          ErrorType.INVALID_REQUEST,
          "password_too_short");
      fails(
          () -> f.operators.changePassword(laptop, PASSWORD, "root-is-my-name"),
          ErrorType.INVALID_REQUEST,
          "password_too_simple");
      f.operators.changePassword(laptop, PASSWORD, "a new long passphrase");
      assertThat(f.operators.authenticate(laptop).username()).isEqualTo("root");
      fails(() -> f.operators.authenticate(desktop), ErrorType.AUTHENTICATION, "session_invalid");
      fails(
          () -> f.operators.login("root", PASSWORD, IP), ErrorType.AUTHENTICATION, "login_invalid");
      assertThat(f.operators.login("root", "a new long passphrase", IP).token()).startsWith("hpo_");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void theFirstAdminIsBootstrappedOnlyIntoAnEmptyStore(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      assertThat(f.operators.bootstrapAdmin("first", "First Admin", PASSWORD)).isPresent();
      assertThat(f.operators.bootstrapAdmin("second", "Second Admin", PASSWORD)).isEmpty();
      assertThat(f.operators.count()).isEqualTo(1);
      fails(
          () ->
              f.operators.create(
                  "x", new NewOperator("ab", "A B", PASSWORD, Set.of(OperatorRole.VIEWER))),
          ErrorType.INVALID_REQUEST,
          "username_invalid");
      fails(
          () -> f.operators.create("x", new NewOperator("nobody", "No Roles", PASSWORD, Set.of())),
          ErrorType.INVALID_REQUEST,
          "roles_required");
    }
  }

  @Test
  void rolesParseByTheirWireNames() {
    assertThat(OperatorRole.parse("merchant_ops")).isEqualTo(OperatorRole.MERCHANT_OPS);
    fails(() -> OperatorRole.parse("root"), ErrorType.INVALID_REQUEST, "role_invalid");
    assertThat(OperatorService.decode(OperatorService.encode(EnumSet.allOf(OperatorRole.class))))
        .containsExactlyInAnyOrder(OperatorRole.values());
  }
}

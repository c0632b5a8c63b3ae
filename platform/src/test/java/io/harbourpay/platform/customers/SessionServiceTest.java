package io.harbourpay.platform.customers;

import static io.harbourpay.platform.customers.OtpServiceTest.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionServiceTest {
  static final String PHONE = "+8613800138000";

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void firstLoginCreatesTheCustomerAndLaterLoginsFindIt(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      LoginResult first = f.login("138 0013 8000");
      assertThat(first.created()).isTrue();
      Customer customer = first.customer();
      assertThat(customer.phone()).isEqualTo(PHONE);
      assertThat(customer.tier()).isEqualTo(Tier.UNVERIFIED);
      assertThat(customer.locked()).isFalse();
      assertThat(customer.publicId()).startsWith("cus_");
      assertThat(Ids.parsePublicId("cus", customer.publicId())).isEqualTo(customer.id());
      assertThat(first.sessionToken()).startsWith("hps_").hasSize(4 + 43);
      assertThat(first.toString()).doesNotContain(first.sessionToken());
      assertThat(
              f.count("SELECT COUNT(*) FROM sessions WHERE token_hash = ?", first.sessionToken()))
          .as("the token itself is never stored")
          .isZero();

      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      LoginResult second = f.login(PHONE);
      assertThat(second.created()).isFalse();
      assertThat(second.customer().id()).isEqualTo(customer.id());
      assertThat(second.sessionToken()).isNotEqualTo(first.sessionToken());

      assertThat(f.sessions.authenticate(first.sessionToken())).isEqualTo(customer.ref());
      assertThat(f.customers.get(customer.id())).isEqualTo(customer);
      assertThat(f.customers.byPhone("+86 138-0013-8000")).contains(customer.ref());
      assertThat(f.customers.byPhone("+86 139 0013 8000")).isEmpty();
      assertThat(f.customers.byPhone("nonsense")).isEmpty();
      assertThat(f.customers.byId(customer.id() + 1)).isEmpty();
      fails(() -> f.customers.get(customer.id() + 1), ErrorType.NOT_FOUND, "resource_missing");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aWrongCodeCreatesNoCustomer(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      String wrong = OtpServiceTest.other(f.lastCode(PHONE));
      fails(
          () -> f.customers.loginWithCode(PHONE, wrong, Fixture.IP),
          ErrorType.AUTHENTICATION,
          "code_invalid");
      assertThat(f.customers.byPhone(PHONE)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void idleSessionsExpireAfter30MinutesAndUseKeepsThemAlive(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      String token = f.login(PHONE).sessionToken();
      // Used every 20 minutes, the session lives on although it is older than 30 minutes.
      for (int step = 0; step < 3; step++) {
        f.clock.advance(Duration.ofMinutes(20));
        f.sessions.authenticate(token);
      }
      f.clock.advance(SessionService.IDLE_TIMEOUT);
      fails(() -> f.sessions.authenticate(token), ErrorType.AUTHENTICATION, "session_expired");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void lastSeenIsWrittenAtMostOnceAMinute(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      String token = f.login(PHONE).sessionToken();
      long loginMicros = Micros.of(f.clock.instant());
      f.clock.advance(Duration.ofSeconds(59));
      f.sessions.authenticate(token);
      assertThat(f.count("SELECT last_seen_at FROM sessions")).isEqualTo(loginMicros);
      f.clock.advance(Duration.ofSeconds(1));
      f.sessions.authenticate(token);
      assertThat(f.count("SELECT last_seen_at FROM sessions"))
          .isEqualTo(Micros.of(f.clock.instant()));
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void sessionsEndTwelveHoursAfterLoginHoweverBusy(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      String token = f.login(PHONE).sessionToken();
      Duration step = Duration.ofMinutes(10);
      for (Duration age = step;
          age.compareTo(SessionService.ABSOLUTE_TIMEOUT) < 0;
          age = age.plus(step)) {
        f.clock.advance(step);
        f.sessions.authenticate(token);
      }
      f.clock.advance(step);
      fails(() -> f.sessions.authenticate(token), ErrorType.AUTHENTICATION, "session_expired");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void logoutEndsOnlyThatSession(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      String phone = f.login(PHONE).sessionToken();
      String tablet = f.sessions.create(f.customers.byPhone(PHONE).orElseThrow().id());
      f.sessions.logout(phone);
      f.sessions.logout(phone); // twice is fine
      fails(() -> f.sessions.authenticate(phone), ErrorType.AUTHENTICATION, "session_invalid");
      assertThat(f.sessions.authenticate(tablet).phone()).isEqualTo(PHONE);
      for (String bad : new String[] {null, "", "hps_x", tablet.replace("hps_", "xyz_")}) {
        fails(() -> f.sessions.authenticate(bad), ErrorType.AUTHENTICATION, "session_invalid");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void lockingRevokesSessionsAndBarsLoginUntilUnlocked(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      LoginResult login = f.login(PHONE);
      long id = login.customer().id();
      Customer locked = f.customers.lock(id, "ops.alice", "reported stolen phone");
      assertThat(locked.locked()).isTrue();
      assertThat(f.customers.byId(id).orElseThrow().locked()).isTrue();
      fails(
          () -> f.sessions.authenticate(login.sessionToken()),
          ErrorType.AUTHENTICATION,
          "session_invalid");
      // A session created behind the lock's back still does not authenticate a locked customer.
      String sneaky = f.sessions.create(id);
      fails(() -> f.sessions.authenticate(sneaky), ErrorType.AUTHENTICATION, "session_invalid");

      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      f.otp.request(PHONE, Fixture.IP);
      fails(
          () -> f.customers.loginWithCode(PHONE, f.lastCode(PHONE), Fixture.IP),
          ErrorType.PERMISSION,
          "customer_locked");

      assertThat(f.customers.unlock(id, "ops.bob", "owner verified by phone").locked()).isFalse();
      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      assertThat(f.sessions.authenticate(f.login(PHONE).sessionToken()).id()).isEqualTo(id);

      List<AuditEntry> audit = f.audit.list(locked.publicId(), 10, null).items();
      assertThat(audit)
          .extracting(AuditEntry::action)
          .containsExactly(AuditLog.CUSTOMER_UNLOCK, AuditLog.CUSTOMER_LOCK);
      assertThat(audit.get(1).actor()).isEqualTo("ops.alice");
      assertThat(audit.get(1).detail())
          .contains("1 sessions ended")
          .contains("reported stolen phone");
      fails(() -> f.customers.lock(id, " ", null), ErrorType.INVALID_REQUEST, "operator_required");
      fails(
          () -> f.customers.lock(id + 1, "ops.alice", null),
          ErrorType.NOT_FOUND,
          "resource_missing");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aCustomerKeepsAtMostTenSessionsDroppingTheLeastRecentlyUsed(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = f.login(PHONE).customer().id();
      List<String> tokens = new ArrayList<>();
      for (int index = 0; index < SessionService.SESSIONS_PER_CUSTOMER_MAX + 2; index++) {
        f.clock.advance(Duration.ofSeconds(1));
        tokens.add(f.sessions.create(id));
      }
      assertThat(f.count("SELECT COUNT(*) FROM sessions"))
          .isEqualTo(SessionService.SESSIONS_PER_CUSTOMER_MAX);
      fails(
          () -> f.sessions.authenticate(tokens.get(0)),
          ErrorType.AUTHENTICATION,
          "session_invalid");
      assertThat(f.sessions.authenticate(tokens.get(tokens.size() - 1)).id()).isEqualTo(id);
      f.clock.advance(SessionService.IDLE_TIMEOUT);
      assertThat(f.sessions.purgeExpired(100)).isEqualTo(SessionService.SESSIONS_PER_CUSTOMER_MAX);
    }
  }
}

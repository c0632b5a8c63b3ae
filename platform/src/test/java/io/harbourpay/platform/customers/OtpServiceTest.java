package io.harbourpay.platform.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import java.time.Duration;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OtpServiceTest {
  static final String PHONE = "+85291234567";

  static void fails(ThrowingCallable call, ErrorType type, String code) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).as(failure.getMessage()).isEqualTo(type);
              assertThat(failure.code()).as(failure.getMessage()).isEqualTo(code);
            });
  }

  /** A code that is not {@code code}. */
  static String other(String code) {
    return String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aCodeIsSentHashedAndVerifiesOnce(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      CodeSent sent = f.otp.request("9123 4567", Fixture.IP);
      assertThat(sent.phone()).isEqualTo(PHONE);
      assertThat(sent.expiresAt()).isEqualTo(f.clock.instant().plus(OtpService.CODE_TTL));
      assertThat(sent.resendAfter()).isEqualTo(f.clock.instant().plusSeconds(30));
      String code = f.lastCode(PHONE);
      assertThat(code).matches("[0-9]{6}");
      assertThat(f.count("SELECT COUNT(*) FROM otp_codes WHERE code_hash LIKE ?", "%" + code + "%"))
          .as("only a hash is stored")
          .isZero();

      assertThat(f.otp.verify("+852 9123 4567", code)).isEqualTo(PHONE);
      fails(() -> f.otp.verify(PHONE, code), ErrorType.AUTHENTICATION, "code_invalid");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aCodeExpiresAfterFiveMinutes(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      String code = f.lastCode(PHONE);
      f.clock.advance(OtpService.CODE_TTL.minusSeconds(1));
      fails(() -> f.otp.verify(PHONE, other(code)), ErrorType.AUTHENTICATION, "code_invalid");
      f.clock.advance(Duration.ofSeconds(1));
      fails(() -> f.otp.verify(PHONE, code), ErrorType.AUTHENTICATION, "code_expired");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void fiveWrongAttemptsUseACodeUp(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      String code = f.lastCode(PHONE);
      for (int attempt = 1; attempt <= OtpService.CODE_ATTEMPTS_MAX; attempt++) {
        int left = OtpService.CODE_ATTEMPTS_MAX - attempt;
        assertThatThrownBy(() -> f.otp.verify(PHONE, other(code)))
            .hasMessageContaining(left == 0 ? "no attempts are left" : left + " attempt")
            .extracting("code")
            .isEqualTo("code_invalid");
      }
      fails(() -> f.otp.verify(PHONE, code), ErrorType.RATE_LIMITED, "too_many_attempts");
      // Attempts survive a restart: they are in the database.
      f.restart();
      fails(() -> f.otp.verify(PHONE, code), ErrorType.RATE_LIMITED, "too_many_attempts");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aNewCodeMakesTheOldOneUseless(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      String first = f.lastCode(PHONE);
      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      f.otp.request(PHONE, Fixture.IP);
      String second = f.lastCode(PHONE);
      if (!first.equals(second)) {
        fails(() -> f.otp.verify(PHONE, first), ErrorType.AUTHENTICATION, "code_invalid");
      }
      assertThat(f.otp.verify(PHONE, second)).isEqualTo(PHONE);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void malformedCodesAreRefusedWithoutCounting(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      for (String malformed : new String[] {null, "", "12345", "1234567", "12a456"}) {
        fails(() -> f.otp.verify(PHONE, malformed), ErrorType.INVALID_REQUEST, "code_malformed");
      }
      fails(
          () -> f.otp.verify("+1 415 555 2671", "123456"),
          ErrorType.INVALID_REQUEST,
          "phone_invalid");
      assertThat(f.otp.verify(PHONE, f.lastCode(PHONE))).isEqualTo(PHONE);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void perPhoneOneRequestPer30SecondsAndFivePerHour(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      f.clock.advance(Duration.ofSeconds(10));
      assertThatThrownBy(() -> f.otp.request(PHONE, "198.51.100.1"))
          .hasMessageContaining("try again in 20 s")
          .extracting("code")
          .isEqualTo("rate_limited");
      f.clock.advance(Duration.ofSeconds(20));
      for (int request = 2; request <= OtpService.PHONE_REQUESTS_PER_HOUR_MAX; request++) {
        f.otp.request(PHONE, Fixture.IP);
        f.clock.advance(Duration.ofSeconds(30));
      }
      // Five requests at 0, 30, 60, 90, 120 s: the sixth waits until the first is an hour old.
      // The limit is in the database: a restarted service (another node) enforces it too.
      f.restart();
      assertThatThrownBy(() -> f.otp.request(PHONE, Fixture.IP))
          .isInstanceOfSatisfying(
              PlatformException.class,
              failure -> assertThat(failure.type()).isEqualTo(ErrorType.RATE_LIMITED))
          .hasMessageContaining("at most 5 per hour")
          .hasMessageContaining("try again in 3450 s");
      assertThat(f.inbox.messages(PHONE)).hasSize(OtpService.PHONE_REQUESTS_PER_HOUR_MAX);
      f.clock.advance(Duration.ofSeconds(3450));
      f.otp.request(PHONE, Fixture.IP);
      // Other numbers are not affected by this one's limit.
      f.otp.request("+85366124567", Fixture.IP);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void perAddressTwentyRequestsPerHour(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      for (int index = 0; index < OtpService.IP_REQUESTS_PER_HOUR_MAX; index++) {
        f.otp.request(String.format("+852 9000 %04d", index), Fixture.IP);
        f.clock.advance(Duration.ofMinutes(1));
      }
      assertThatThrownBy(() -> f.otp.request("+852 9000 9999", Fixture.IP))
          .hasMessageContaining("from this network address")
          .hasMessageContaining("try again in 2400 s")
          .extracting("code")
          .isEqualTo("rate_limited");
      // A refused request does not count against the phone, and other addresses still work.
      f.otp.request("+852 9000 9999", "198.51.100.1");
      f.clock.advance(Duration.ofSeconds(2400));
      f.otp.request("+852 9000 8888", Fixture.IP);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aFailedSmsLeavesNoUsableCode(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      String delivered = f.lastCode(PHONE);
      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      f.smsDown.set(true);
      fails(() -> f.otp.request(PHONE, Fixture.IP), ErrorType.UNAVAILABLE, "sms_unavailable");
      assertThat(f.count("SELECT COUNT(*) FROM otp_codes WHERE used_at IS NULL")).isZero();
      fails(() -> f.otp.verify(PHONE, delivered), ErrorType.AUTHENTICATION, "code_invalid");
      f.smsDown.set(false);
      f.clock.advance(OtpService.PHONE_REQUEST_INTERVAL);
      f.otp.request(PHONE, Fixture.IP);
      assertThat(f.otp.verify(PHONE, f.lastCode(PHONE))).isEqualTo(PHONE);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void purgeDropsExpiredCodesAndOldHits(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      f.otp.request(PHONE, Fixture.IP);
      f.clock.advance(Duration.ofHours(2));
      assertThat(f.otp.purge(f.clock.instant(), 100)).isEqualTo(3); // code + 2 hits
      assertThat(f.count("SELECT COUNT(*) FROM otp_codes")).isZero();
      assertThat(f.count("SELECT COUNT(*) FROM rate_limit_hits")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void concurrentRequestsAndGuessesStayWithinTheLimits(Kind kind) throws Exception {
    int threads = 8;
    try (Fixture f = new Fixture(kind)) {
      var requests = PinServiceTest.runTogether(threads, () -> f.otp.request(PHONE, Fixture.IP));
      assertThat(requests.get("ok")).hasValue(1);
      assertThat(requests.get("rate_limited")).hasValue(threads - 1);
      assertThat(f.inbox.messages(PHONE)).hasSize(1);

      String wrong = other(f.lastCode(PHONE));
      var guesses = PinServiceTest.runTogether(threads, () -> f.otp.verify(PHONE, wrong));
      assertThat(guesses.get("code_invalid")).hasValue(OtpService.CODE_ATTEMPTS_MAX);
      assertThat(guesses.get("too_many_attempts")).hasValue(threads - OtpService.CODE_ATTEMPTS_MAX);
    }
  }
}

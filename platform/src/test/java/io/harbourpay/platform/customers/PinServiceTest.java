package io.harbourpay.platform.customers;

import static io.harbourpay.platform.customers.OtpServiceTest.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.crypto.PasswordHash;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class PinServiceTest {
  static final String PIN = "271828";
  static final String WRONG = "314159";

  static long customer(Fixture f) {
    return f.login("+852 6123 4567").customer().id();
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void setThenVerify(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      fails(() -> f.pins.verify(id, PIN), ErrorType.DECLINED, "pin_not_set");
      assertThat(f.pins.status(id).set()).isFalse();
      f.pins.setPin(id, PIN, null);
      f.pins.verify(id, PIN);
      assertThat(f.pins.status(id)).isEqualTo(new PinStatus(true, PinService.ATTEMPTS_MAX, null));
      String stored =
          f.database.read(
              c -> {
                try (var s = c.createStatement();
                    var r = s.executeQuery("SELECT pin_hash FROM customer_pins")) {
                  r.next();
                  return r.getString(1);
                }
              });
      assertThat(stored)
          .startsWith("pbkdf2-sha256$" + Fixture.TEST_PIN_ITERATIONS + "$")
          .doesNotContain(PIN);
      fails(() -> f.pins.verify(id, "12345"), ErrorType.INVALID_REQUEST, "pin_malformed");
      fails(() -> f.pins.setPin(id + 1, PIN, null), ErrorType.NOT_FOUND, "resource_missing");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "000000", "999999", "123456", "654321", "012345", "456789", "121212", "123123", "112112",
        "001100", "827364"
      })
  void trivialPinsAreRefused(String pin) {
    // 827364 is the end of the phone number.
    assertThatThrownBy(() -> PinRules.requireStrong(pin, "+85261827364"))
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.code()).isEqualTo("pin_too_simple");
              assertThat(failure.param()).isEqualTo("pin");
            });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"271828", "190847", "505122", "123457", "987655"})
  void ordinaryPinsAreAccepted(String pin) {
    PinRules.requireStrong(pin, "+85261827364");
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void changingThePinNeedsTheCurrentOne(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      f.pins.setPin(id, PIN, null);
      fails(
          () -> f.pins.setPin(id, "190847", null),
          ErrorType.INVALID_REQUEST,
          "current_pin_required");
      assertThatThrownBy(() -> f.pins.setPin(id, "190847", WRONG))
          .extracting("code", "param")
          .containsExactly("pin_incorrect", "current_pin");
      fails(() -> f.pins.setPin(id, "111111", PIN), ErrorType.INVALID_REQUEST, "pin_too_simple");
      f.pins.setPin(id, "190847", PIN);
      fails(() -> f.pins.verify(id, PIN), ErrorType.DECLINED, "pin_incorrect");
      f.pins.verify(id, "190847");
      assertThat(f.pins.status(id).attemptsLeft()).as("the change reset the count").isEqualTo(5);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void fiveWrongEntriesLockForThreeHoursAcrossRestarts(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      f.pins.setPin(id, PIN, null);
      for (int attempt = 1; attempt < PinService.ATTEMPTS_MAX; attempt++) {
        int left = PinService.ATTEMPTS_MAX - attempt;
        assertThatThrownBy(() -> f.pins.verify(id, WRONG))
            .hasMessageContaining(left + (left == 1 ? " attempt " : " attempts ") + "left")
            .extracting("code")
            .isEqualTo("pin_incorrect");
        f.restart(); // the count is in the database
      }
      assertThatThrownBy(() -> f.pins.verify(id, WRONG))
          .hasMessageContaining("2025-03-01T05:00:00Z")
          .extracting("code")
          .isEqualTo("pin_locked");
      f.restart();
      fails(() -> f.pins.verify(id, PIN), ErrorType.DECLINED, "pin_locked");
      assertThat(f.pins.status(id).lockedUntil())
          .isEqualTo(f.clock.instant().plus(PinService.LOCK_DURATION));
      f.clock.advance(PinService.LOCK_DURATION.minusSeconds(1));
      fails(() -> f.pins.verify(id, PIN), ErrorType.DECLINED, "pin_locked");
      f.clock.advance(Duration.ofSeconds(1));
      // The lock lapsed: a fresh count of five starts.
      assertThat(f.pins.status(id)).isEqualTo(new PinStatus(true, 5, null));
      assertThatThrownBy(() -> f.pins.verify(id, WRONG)).hasMessageContaining("4 attempts left");
      f.pins.verify(id, PIN);
      assertThat(f.pins.status(id).attemptsLeft()).isEqualTo(5);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aCorrectPinResetsTheCount(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      f.pins.setPin(id, PIN, null);
      for (int round = 0; round < 3; round++) {
        for (int wrong = 0; wrong < PinService.ATTEMPTS_MAX - 1; wrong++) {
          fails(() -> f.pins.verify(id, WRONG), ErrorType.DECLINED, "pin_incorrect");
        }
        f.pins.verify(id, PIN);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void concurrentWrongEntriesEachCountAndNeverExceedFive(Kind kind) throws Exception {
    int threads = 12;
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      f.pins.setPin(id, PIN, null);
      // Two at once both count.
      runTogether(2, () -> f.pins.verify(id, WRONG));
      assertThat(f.pins.status(id).attemptsLeft()).isEqualTo(3);
      f.pins.verify(id, PIN);

      Map<String, AtomicInteger> outcomes = runTogether(threads, () -> f.pins.verify(id, WRONG));
      assertThat(outcomes.get("pin_incorrect")).hasValue(PinService.ATTEMPTS_MAX - 1);
      assertThat(outcomes.get("pin_locked")).hasValue(threads - (PinService.ATTEMPTS_MAX - 1));
      fails(() -> f.pins.verify(id, PIN), ErrorType.DECLINED, "pin_locked");
    }
  }

  /** Runs {@code call} on {@code threads} threads released at once; counts the error codes. */
  static Map<String, AtomicInteger> runTogether(int threads, Runnable call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
      List<Future<?>> futures = new ArrayList<>();
      for (int index = 0; index < threads; index++) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    call.run();
                    outcomes.computeIfAbsent("ok", k -> new AtomicInteger()).incrementAndGet();
                  } catch (PlatformException failure) {
                    outcomes
                        .computeIfAbsent(failure.code(), k -> new AtomicInteger())
                        .incrementAndGet();
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> future : futures) future.get(60, TimeUnit.SECONDS);
      assertThat(outcomes).doesNotContainKey("try_again");
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void productionHashesUseTheStoredIterationCount() {
    String stored =
        PasswordHash.create(PIN, PinService.ITERATIONS, new java.security.SecureRandom());
    assertThat(stored).startsWith("pbkdf2-sha256$100000$");
    assertThat(PasswordHash.iterations(stored)).isEqualTo(PinService.ITERATIONS);
    assertThat(PasswordHash.matches(PIN, stored)).isTrue();
    assertThat(PasswordHash.matches(WRONG, stored)).isFalse();
    assertThat(PasswordHash.create(PIN, PinService.ITERATIONS, new java.security.SecureRandom()))
        .as("salted")
        .isNotEqualTo(stored);
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void aCorrectEntryUpgradesAnOlderIterationCount(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = customer(f);
      f.pins.setPin(id, PIN, null);
      PinService stronger = new PinService(f.database, f.clock, Fixture.TEST_PIN_ITERATIONS * 2);
      stronger.verify(id, PIN);
      assertThat(
              f.count(
                  "SELECT COUNT(*) FROM customer_pins WHERE pin_hash LIKE ?",
                  "pbkdf2-sha256$2000$%"))
          .isEqualTo(1);
      f.pins.verify(id, PIN);
    }
  }
}

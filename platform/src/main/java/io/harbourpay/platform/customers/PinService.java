package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.crypto.PasswordHash;
import io.harbourpay.platform.db.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Payment PINs. Stored as PBKDF2-HMAC-SHA256 with a random salt per PIN ({@link PasswordHash}).
 * After {@link #ATTEMPTS_MAX} wrong entries in a row the PIN locks for {@link #LOCK_DURATION}; a
 * correct entry resets the count. The count lives in the database, so restarts and other API nodes
 * see it.
 *
 * <p>Every attempt is <em>claimed</em> before the PIN is compared: one atomic UPDATE counts it and,
 * at the maximum, sets the lock. Concurrent attempts therefore each count, and no more than {@link
 * #ATTEMPTS_MAX} comparisons happen before the lock, however many arrive at once; the slow hash
 * runs outside any transaction. A correct entry then gives its claimed attempt back by resetting
 * the count.
 */
public final class PinService implements PinVerifier {
  public static final int ATTEMPTS_MAX = 5;
  public static final Duration LOCK_DURATION = Duration.ofHours(3);

  /**
   * PBKDF2 iterations for new PINs. Measured on the 2-core build machine (JDK 17, shared with other
   * jobs): one 100,000-iteration hash takes about 75 ms, so a verification costs one core 75 ms and
   * the machine can check at most ~25 PINs a second. A 6-digit PIN has only a million values, so
   * the hash only slows an attacker holding a database copy (~21 core-hours for all of them); the
   * lockout is what protects a PIN online.
   */
  public static final int ITERATIONS = 100_000;

  private final Database database;
  private final Clock clock;
  private final int iterations;
  private final SecureRandom random = new SecureRandom();

  public PinService(Database database, Clock clock) {
    this(database, clock, ITERATIONS);
  }

  /** Tests use fewer iterations to stay fast; the count is stored with each hash. */
  public PinService(Database database, Clock clock, int iterations) {
    this.database = database;
    this.clock = clock;
    this.iterations = iterations;
  }

  /**
   * Sets or changes the customer's payment PIN. Changing it requires {@code currentPin}, which is
   * verified (and counted) like any entry. Throws INVALID_REQUEST {@code pin_malformed} / {@code
   * pin_too_simple} (param {@code pin}), {@code current_pin_required} (param {@code current_pin}),
   * NOT_FOUND for an unknown customer, and what {@link #verify} throws for a wrong current PIN.
   */
  public void setPin(long customerId, String newPin, String currentPin) {
    PinRules.requireWellFormed("pin", newPin);
    Customer customer =
        database
            .read(connection -> CustomerRows.byId(connection, customerId))
            .orElseThrow(() -> PlatformException.notFound("customer"));
    PinRules.requireStrong(newPin, customer.phone());
    boolean exists = status(customerId).set();
    if (exists) {
      if (currentPin == null || currentPin.isEmpty()) {
        throw PlatformException.invalid(
            "current_pin", "current_pin_required", "Enter the current PIN to change it");
      }
      verify(customerId, currentPin, "current_pin");
    }
    String hash = PasswordHash.create(newPin, iterations, random);
    long nowMicros = Micros.of(clock.instant());
    int written =
        database.transaction(
            connection -> {
              String sql =
                  exists
                      ? "UPDATE customer_pins SET pin_hash = ?, failed_attempts = 0,"
                          + " locked_until = NULL, updated_at = ? WHERE customer_id = ?"
                      : "INSERT INTO customer_pins (pin_hash, updated_at, customer_id,"
                          + " failed_attempts, locked_until) VALUES (?, ?, ?, 0, NULL)"
                          + " ON CONFLICT (customer_id) DO NOTHING";
              try (PreparedStatement write = connection.prepareStatement(sql)) {
                write.setString(1, hash);
                write.setLong(2, nowMicros);
                write.setLong(3, customerId);
                return write.executeUpdate();
              }
            });
    if (written == 0) {
      // Another request set the first PIN in between: this one is now a change without the PIN.
      throw PlatformException.invalid(
          "current_pin", "current_pin_required", "Enter the current PIN to change it");
    }
  }

  /**
   * Returns normally for the right PIN. Throws DECLINED {@code pin_not_set}, {@code pin_incorrect}
   * (the message says how many attempts are left), {@code pin_locked} (the message says until
   * when); INVALID_REQUEST {@code pin_malformed} for anything but 6 digits (not counted).
   */
  @Override
  public void verify(long customerId, String pin) {
    verify(customerId, pin, "pin");
  }

  public PinStatus status(long customerId) {
    Instant now = clock.instant();
    return database.read(
        connection -> {
          Row row = select(connection, customerId);
          if (row == null) return new PinStatus(false, ATTEMPTS_MAX, null);
          if (row.lockedUntil() != null && row.lockedUntil().isAfter(now)) {
            return new PinStatus(true, 0, row.lockedUntil());
          }
          boolean lapsed = row.lockedUntil() != null;
          return new PinStatus(
              true, lapsed ? ATTEMPTS_MAX : ATTEMPTS_MAX - row.failedAttempts(), null);
        });
  }

  /**
   * Lock stripes: attempts for one customer are checked one at a time in this process. Counting
   * each attempt before comparing (below) keeps a burst of guesses from testing more than the
   * allowed number; serialising them here keeps a burst of legitimate payments (each with the right
   * PIN) from being counted as wrong attempts and locking the PIN. Across processes the database
   * count still holds, at the price of that false lock under a cross-node burst.
   */
  private static final int VERIFY_STRIPES = 64;

  private final Object[] verifyStripes = stripes();

  private static Object[] stripes() {
    Object[] stripes = new Object[VERIFY_STRIPES];
    for (int index = 0; index < VERIFY_STRIPES; index++) stripes[index] = new Object();
    return stripes;
  }

  private void verify(long customerId, String pin, String param) {
    PinRules.requireWellFormed(param, pin);
    synchronized (verifyStripes[(int) Math.floorMod(customerId, (long) VERIFY_STRIPES)]) {
      verifySerially(customerId, pin, param);
    }
  }

  private void verifySerially(long customerId, String pin, String param) {
    Instant now = clock.instant();
    long nowMicros = Micros.of(now);
    Instant lockUntil = now.plus(LOCK_DURATION);
    Row claimed =
        database.transaction(
            connection -> {
              // A lapsed lock (locked_until in the past) starts a fresh count at this attempt.
              try (PreparedStatement claim =
                  connection.prepareStatement(
                      "UPDATE customer_pins SET"
                          + " failed_attempts ="
                          + " CASE WHEN locked_until IS NULL THEN failed_attempts + 1 ELSE 1 END,"
                          + " locked_until = CASE WHEN locked_until IS NULL AND failed_attempts + 1"
                          + " >= ? THEN ? ELSE NULL END,"
                          + " updated_at = ?"
                          + " WHERE customer_id = ? AND (locked_until IS NULL OR locked_until <= ?)")) {
                claim.setInt(1, ATTEMPTS_MAX);
                claim.setLong(2, Micros.of(lockUntil));
                claim.setLong(3, nowMicros);
                claim.setLong(4, customerId);
                claim.setLong(5, nowMicros);
                int updated = claim.executeUpdate();
                Row row = select(connection, customerId);
                return row == null ? null : row.withClaimed(updated == 1);
              }
            });
    if (claimed == null) {
      throw declined("pin_not_set", "No payment PIN is set; set one first", param);
    }
    if (!claimed.claimed()) {
      throw locked(claimed.lockedUntil(), param);
    }
    if (PasswordHash.matches(pin, claimed.hash())) {
      boolean rehash = PasswordHash.iterations(claimed.hash()) < iterations;
      String newHash = rehash ? PasswordHash.create(pin, iterations, random) : claimed.hash();
      database.transaction(
          connection -> {
            try (PreparedStatement reset =
                connection.prepareStatement(
                    "UPDATE customer_pins SET failed_attempts = 0, locked_until = NULL,"
                        + " pin_hash = ?, updated_at = ? WHERE customer_id = ? AND pin_hash = ?")) {
              reset.setString(1, newHash);
              reset.setLong(2, nowMicros);
              reset.setLong(3, customerId);
              reset.setString(4, claimed.hash());
              return reset.executeUpdate();
            }
          });
      return;
    }
    int attemptsLeft = ATTEMPTS_MAX - claimed.failedAttempts();
    if (attemptsLeft <= 0) {
      throw locked(claimed.lockedUntil(), param);
    }
    throw declined(
        "pin_incorrect",
        "Incorrect PIN; "
            + attemptsLeft
            + (attemptsLeft == 1 ? " attempt" : " attempts")
            + " left before the PIN locks for "
            + LOCK_DURATION.toHours()
            + " hours",
        param);
  }

  private record Row(String hash, int failedAttempts, Instant lockedUntil, boolean claimed) {
    Row withClaimed(boolean claimed) {
      return new Row(hash, failedAttempts, lockedUntil, claimed);
    }
  }

  private static Row select(Connection connection, long customerId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT pin_hash, failed_attempts, locked_until FROM customer_pins"
                + " WHERE customer_id = ?")) {
      select.setLong(1, customerId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) return null;
        String hash = row.getString(1);
        int failedAttempts = row.getInt(2);
        long lockedUntil = row.getLong(3);
        return new Row(
            hash, failedAttempts, Micros.toInstantOrNull(lockedUntil, row.wasNull()), false);
      }
    }
  }

  private static PlatformException locked(Instant until, String param) {
    return declined(
        "pin_locked",
        "The PIN is locked after "
            + ATTEMPTS_MAX
            + " incorrect entries"
            + (until == null ? "" : "; try again after " + until.truncatedTo(ChronoUnit.SECONDS)),
        param);
  }

  private static PlatformException declined(String code, String message, String param) {
    return new PlatformException(ErrorType.DECLINED, code, message, param);
  }
}

package io.harbourpay.platform.crypto;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.RateLimiter;
import io.harbourpay.platform.db.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Supplier;

/**
 * Password sign-in with a lockout: one set of rules for every kind of account that signs in with a
 * password (merchant console users, operators), over each kind's own table.
 *
 * <ul>
 *   <li>One network address may try {@link Accounts#attemptsPerAddressMax} sign-ins per {@link
 *       #ADDRESS_WINDOW}, whichever accounts it tries (429 {@code rate_limited}): the lockout
 *       guards one account, this bounds guessing spread over many. The count is in the database
 *       ({@code rate_limit_hits}), so it holds across nodes and restarts.
 *   <li>Every attempt on an existing account is counted by one transaction <em>before</em> the
 *       password is compared, so parallel guesses all count and at most {@link
 *       #WRONG_PASSWORDS_MAX} comparisons happen before the lock.
 *   <li>The {@link #WRONG_PASSWORDS_MAX}th wrong password in a row locks the account for {@link
 *       #LOCK_DURATION} (429 {@code login_locked}, the right password included); the right password
 *       resets the count.
 *   <li>An unknown account costs a hash comparison too and answers as a wrong password, so neither
 *       the answer nor its timing tells which accounts exist.
 * </ul>
 */
public final class PasswordLogins {
  public static final int WRONG_PASSWORDS_MAX = 5;
  public static final Duration LOCK_DURATION = Duration.ofMinutes(15);
  public static final Duration ADDRESS_WINDOW = Duration.ofMinutes(15);

  /**
   * Where one kind of account keeps its password: {@code table} has the columns {@code id,
   * password_hash, failed_logins, locked_until} and {@code loginColumn}; {@code claimable} is an
   * SQL condition an account must meet to be tried at all (others answer as unknown), or null. The
   * identifiers are trusted constants, never user input. Address hits go to the rate-limit bucket
   * {@code bucketPrefix + address}.
   */
  public record Accounts(
      String table,
      String loginColumn,
      String claimable,
      String bucketPrefix,
      int attemptsPerAddressMax) {
    public Accounts {
      assert attemptsPerAddressMax > 0;
    }
  }

  private final Database database;
  private final Accounts accounts;
  private final int hashIterations;
  private final Supplier<PlatformException> refused;
  private final List<RateLimiter.Rule> addressRules;
  private final SecureRandom random = new SecureRandom();

  /** Compared against for an unknown account, so its answer takes as long as a wrong password's. */
  private final String decoyHash;

  /**
   * {@code refused} is the kind's answer to an unknown account or a wrong password; new password
   * hashes get {@code hashIterations} (older, weaker ones are rehashed at the next sign-in).
   */
  public PasswordLogins(
      Database database,
      Accounts accounts,
      int hashIterations,
      Supplier<PlatformException> refused) {
    this.database = database;
    this.accounts = accounts;
    this.hashIterations = hashIterations;
    this.refused = refused;
    this.addressRules =
        List.of(new RateLimiter.Rule(accounts.attemptsPerAddressMax, ADDRESS_WINDOW));
    this.decoyHash = PasswordHash.create("decoy-" + random.nextLong(), hashIterations, random);
  }

  /** What counting an attempt found: no such account, a locked one, or one to compare against. */
  private sealed interface Claim {}

  private record Unknown() implements Claim {}

  private record Locked(Instant until) implements Claim {}

  /** {@code locksUntil}: the lock this attempt set if its password turns out wrong, else null. */
  private record Counted(long id, String hash, Instant locksUntil) implements Claim {}

  /**
   * The id of the account {@code login} (as stored: trimmed, lower-cased by the caller) when {@code
   * password} is its password; the failed-attempt count is reset then (and a weak hash replaced).
   * Throws the kind's refusal, RATE_LIMITED {@code login_locked} or {@code rate_limited}. A null
   * {@code clientIp} is an embedded caller, not counted against an address.
   */
  public long verify(String login, String password, String clientIp, Instant now) {
    Claim claim = claim(login, clientIp, now);
    String given = password == null ? "" : password;
    if (claim instanceof Locked locked) throw locked(now, locked.until());
    if (!(claim instanceof Counted counted)) {
      PasswordHash.matches(given, decoyHash);
      throw refused.get();
    }
    if (!PasswordHash.matches(given, counted.hash())) {
      if (counted.locksUntil() != null) throw locked(now, counted.locksUntil());
      throw refused.get();
    }
    boolean rehash = PasswordHash.iterations(counted.hash()) < hashIterations;
    String newHash = rehash ? PasswordHash.create(given, hashIterations, random) : null;
    database.transaction(
        connection -> {
          try (PreparedStatement reset =
              connection.prepareStatement(
                  "UPDATE "
                      + accounts.table()
                      + " SET failed_logins = 0, locked_until = NULL,"
                      + " password_hash = COALESCE(?, password_hash) WHERE id = ?")) {
            reset.setString(1, newHash);
            reset.setLong(2, counted.id());
            return reset.executeUpdate();
          }
        });
    return counted.id();
  }

  /** Counts the attempt against the address and the account in one transaction. */
  private Claim claim(String login, String clientIp, Instant now) {
    long nowMicros = Time.micros(now);
    String where =
        " WHERE "
            + accounts.loginColumn()
            + " = ?"
            + (accounts.claimable() == null ? "" : " AND " + accounts.claimable());
    return database.transaction(
        connection -> {
          if (clientIp != null) {
            String bucket = accounts.bucketPrefix() + clientIp;
            RateLimiter.check(
                connection, bucket, now, addressRules, "to sign in from this network address");
            RateLimiter.record(connection, bucket, now);
          }
          // The no-op update locks the row (PostgreSQL) or the database (SQLite) before counting.
          try (PreparedStatement touch =
              connection.prepareStatement(
                  "UPDATE " + accounts.table() + " SET failed_logins = failed_logins" + where)) {
            touch.setString(1, login);
            if (touch.executeUpdate() == 0) return new Unknown();
          }
          long id;
          String hash;
          int failed;
          Long lockedUntil;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id, password_hash, failed_logins, locked_until FROM "
                      + accounts.table()
                      + where)) {
            select.setString(1, login);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              id = row.getLong(1);
              hash = row.getString(2);
              failed = row.getInt(3);
              long locked = row.getLong(4);
              lockedUntil = row.wasNull() ? null : locked;
            }
          }
          if (lockedUntil != null && lockedUntil > nowMicros) {
            // The address hit above stays counted: guessing at a locked account is guessing too.
            return new Locked(Time.instant(lockedUntil));
          }
          int attempts = (lockedUntil == null ? failed : 0) + 1;
          Instant locksUntil = attempts >= WRONG_PASSWORDS_MAX ? now.plus(LOCK_DURATION) : null;
          try (PreparedStatement count =
              connection.prepareStatement(
                  "UPDATE "
                      + accounts.table()
                      + " SET failed_logins = ?, locked_until = ? WHERE id = ?")) {
            count.setInt(1, attempts);
            if (locksUntil == null) count.setNull(2, Types.BIGINT);
            else count.setLong(2, Time.micros(locksUntil));
            count.setLong(3, id);
            count.executeUpdate();
          }
          return new Counted(id, hash, locksUntil);
        });
  }

  private static PlatformException locked(Instant now, Instant until) {
    long seconds = Math.max(1, Duration.between(now, until).toSeconds());
    return new PlatformException(
        ErrorType.RATE_LIMITED,
        "login_locked",
        "Too many wrong passwords; this account is locked until "
            + until.truncatedTo(ChronoUnit.SECONDS)
            + " (try again in "
            + seconds
            + " s)");
  }
}

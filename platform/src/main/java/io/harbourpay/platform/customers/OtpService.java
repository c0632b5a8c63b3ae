package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.db.Database;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time codes sent by SMS to prove a customer holds a mobile number.
 *
 * <p>A code is 6 random digits, valid for {@link #CODE_TTL}, usable once, with at most {@link
 * #CODE_ATTEMPTS_MAX} verification attempts; requesting a new code makes the older one useless.
 * Only an HMAC-SHA256 of phone and code under a server secret is stored: a copy of the database
 * alone does not reveal live codes (a plain hash of a 6-digit code would, in a million guesses).
 *
 * <p>Requests are rate limited in the database (so the limits survive restarts and hold across API
 * nodes): per phone one per {@link #PHONE_REQUEST_INTERVAL} and {@link
 * #PHONE_REQUESTS_PER_HOUR_MAX} per hour, per client IP {@link #IP_REQUESTS_PER_HOUR_MAX} per hour.
 * A request refused by a limit does not count; a request whose SMS failed does.
 */
public final class OtpService {
  public static final int CODE_DIGITS = 6;
  public static final Duration CODE_TTL = Duration.ofMinutes(5);
  public static final int CODE_ATTEMPTS_MAX = 5;
  public static final Duration PHONE_REQUEST_INTERVAL = Duration.ofSeconds(30);
  public static final int PHONE_REQUESTS_PER_HOUR_MAX = 5;
  public static final int IP_REQUESTS_PER_HOUR_MAX = 20;

  /** HMAC-SHA256 keys shorter than its 32-byte output weaken it. */
  public static final int SECRET_LENGTH_MIN = 32;

  static final int CLIENT_IP_LENGTH_MAX = 64;
  private static final int CODE_SPACE = 1_000_000;
  private static final List<RateLimiter.Rule> PHONE_RULES =
      List.of(
          new RateLimiter.Rule(1, PHONE_REQUEST_INTERVAL),
          new RateLimiter.Rule(PHONE_REQUESTS_PER_HOUR_MAX, Duration.ofHours(1)));
  private static final List<RateLimiter.Rule> IP_RULES =
      List.of(new RateLimiter.Rule(IP_REQUESTS_PER_HOUR_MAX, Duration.ofHours(1)));

  private static final System.Logger LOG = System.getLogger(OtpService.class.getName());

  private final Database database;
  private final SmsGateway sms;
  private final Clock clock;
  private final SecretKeySpec secret;
  private final SecureRandom random = new SecureRandom();

  /**
   * @param codeSecret at least {@link #SECRET_LENGTH_MIN} random bytes, the same on every node and
   *     kept out of the database; changing it invalidates codes in flight (harmless: they live 5
   *     minutes)
   */
  public OtpService(Database database, SmsGateway sms, Clock clock, byte[] codeSecret) {
    if (codeSecret == null || codeSecret.length < SECRET_LENGTH_MIN) {
      throw new IllegalArgumentException(
          "the one-time-code secret must be at least " + SECRET_LENGTH_MIN + " bytes");
    }
    this.database = database;
    this.sms = sms;
    this.clock = clock;
    this.secret = new SecretKeySpec(codeSecret.clone(), "HmacSHA256");
  }

  /**
   * Sends a new code to {@code phone}; older codes for it stop working. Throws INVALID_REQUEST for
   * a bad number, RATE_LIMITED ({@code rate_limited}, saying when to retry) past a limit, and
   * UNAVAILABLE ({@code sms_unavailable}) when the SMS could not be sent — no code is usable then.
   */
  public CodeSent request(String phone, String clientIp) {
    String e164 = PhoneNumbers.normalize(phone);
    String ip = clientIp(clientIp);
    Instant now = clock.instant();
    String code = String.format("%06d", random.nextInt(CODE_SPACE));
    String hash = hash(e164, code);
    Instant expiresAt = now.plus(CODE_TTL);
    database.transaction(
        connection -> {
          RateLimiter.check(connection, "phone:" + e164, now, PHONE_RULES, "for this number");
          RateLimiter.check(connection, "ip:" + ip, now, IP_RULES, "from this network address");
          RateLimiter.record(connection, "phone:" + e164, now);
          RateLimiter.record(connection, "ip:" + ip, now);
          try (PreparedStatement upsert =
              connection.prepareStatement(
                  "INSERT INTO otp_codes (phone, code_hash, issued_at, expires_at, attempts,"
                      + " used_at) VALUES (?, ?, ?, ?, 0, NULL) ON CONFLICT (phone) DO UPDATE SET"
                      + " code_hash = excluded.code_hash, issued_at = excluded.issued_at,"
                      + " expires_at = excluded.expires_at, attempts = 0, used_at = NULL")) {
            upsert.setString(1, e164);
            upsert.setString(2, hash);
            upsert.setLong(3, Micros.of(now));
            upsert.setLong(4, Micros.of(expiresAt));
            upsert.executeUpdate();
          }
          return null;
        });
    // Sent after the commit: a slow carrier must not hold database locks.
    try {
      sms.send(e164, message(code));
    } catch (RuntimeException failure) {
      LOG.log(Level.WARNING, "SMS to " + e164 + " failed; withdrawing its code", failure);
      withdraw(e164, hash);
      throw new PlatformException(
          ErrorType.UNAVAILABLE,
          "sms_unavailable",
          "The code could not be sent by SMS; request a new one in "
              + PHONE_REQUEST_INTERVAL.toSeconds()
              + " s");
    }
    return new CodeSent(e164, expiresAt, now.plus(PHONE_REQUEST_INTERVAL));
  }

  /**
   * Consumes the code for {@code phone} and returns the phone in E.164 form. Throws AUTHENTICATION
   * {@code code_invalid} (wrong, used or superseded code; the message says how many attempts are
   * left) or {@code code_expired}, RATE_LIMITED {@code too_many_attempts} once the code's attempts
   * are used up, INVALID_REQUEST {@code code_malformed} for anything but 6 digits (not counted).
   */
  public String verify(String phone, String code) {
    String e164 = PhoneNumbers.normalize(phone);
    if (code == null || !code.matches("[0-9]{" + CODE_DIGITS + "}")) {
      throw PlatformException.invalid(
          "code", "code_malformed", "The code is the " + CODE_DIGITS + " digits sent by SMS");
    }
    String candidate = hash(e164, code);
    Instant now = clock.instant();
    long nowMicros = Micros.of(now);
    // The attempt is claimed (counted) before the code is compared, in one transaction whose
    // first statement is that write: concurrent guesses queue on the row, and no more than
    // CODE_ATTEMPTS_MAX comparisons are ever made against one code.
    Verification result =
        database.transaction(
            connection -> {
              int claimed;
              try (PreparedStatement claim =
                  connection.prepareStatement(
                      "UPDATE otp_codes SET attempts = attempts + 1 WHERE phone = ?"
                          + " AND used_at IS NULL AND attempts < ? AND expires_at > ?")) {
                claim.setString(1, e164);
                claim.setInt(2, CODE_ATTEMPTS_MAX);
                claim.setLong(3, nowMicros);
                claimed = claim.executeUpdate();
              }
              String storedHash;
              int attempts;
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT code_hash, expires_at, attempts, used_at FROM otp_codes"
                          + " WHERE phone = ?")) {
                select.setString(1, e164);
                try (ResultSet row = select.executeQuery()) {
                  if (!row.next()) return new Verification(Outcome.NO_CODE, 0);
                  storedHash = row.getString(1);
                  long expiresAt = row.getLong(2);
                  attempts = row.getInt(3);
                  row.getLong(4);
                  if (!row.wasNull()) return new Verification(Outcome.NO_CODE, 0);
                  if (expiresAt <= nowMicros) return new Verification(Outcome.EXPIRED, 0);
                  if (claimed == 0) return new Verification(Outcome.EXHAUSTED, 0);
                }
              }
              if (!MessageDigest.isEqual(
                  storedHash.getBytes(StandardCharsets.US_ASCII),
                  candidate.getBytes(StandardCharsets.US_ASCII))) {
                return new Verification(Outcome.WRONG, CODE_ATTEMPTS_MAX - attempts);
              }
              try (PreparedStatement use =
                  connection.prepareStatement("UPDATE otp_codes SET used_at = ? WHERE phone = ?")) {
                use.setLong(1, nowMicros);
                use.setString(2, e164);
                use.executeUpdate();
              }
              return new Verification(Outcome.OK, 0);
            });
    // Thrown after the commit, so the counted attempt stays counted.
    switch (result.outcome()) {
      case OK:
        return e164;
      case NO_CODE:
        throw new PlatformException(
            ErrorType.AUTHENTICATION,
            "code_invalid",
            "There is no active code for this number; request a new one",
            "code");
      case EXPIRED:
        throw new PlatformException(
            ErrorType.AUTHENTICATION,
            "code_expired",
            "The code has expired; request a new one",
            "code");
      case EXHAUSTED:
        throw new PlatformException(
            ErrorType.RATE_LIMITED,
            "too_many_attempts",
            "Too many wrong codes; request a new one",
            "code");
      case WRONG:
        throw new PlatformException(
            ErrorType.AUTHENTICATION,
            "code_invalid",
            result.attemptsLeft() == 0
                ? "The code is wrong and no attempts are left; request a new one"
                : "The code is wrong; "
                    + result.attemptsLeft()
                    + (result.attemptsLeft() == 1 ? " attempt" : " attempts")
                    + " left",
            "code");
    }
    throw new AssertionError(result);
  }

  /**
   * Deletes codes that expired before {@code before} and rate-limit hits too old to count, at most
   * {@code max} rows of each; returns how many rows went. For a periodic housekeeping job.
   */
  public int purge(Instant before, int max) {
    return database.transaction(
        connection -> {
          int deleted;
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM otp_codes WHERE phone IN (SELECT phone FROM otp_codes"
                      + " WHERE expires_at <= ? ORDER BY expires_at LIMIT ?)")) {
            delete.setLong(1, Micros.of(before));
            delete.setInt(2, max);
            deleted = delete.executeUpdate();
          }
          return deleted + RateLimiter.purge(connection, before.minus(Duration.ofHours(1)), max);
        });
  }

  private enum Outcome {
    OK,
    NO_CODE,
    EXPIRED,
    EXHAUSTED,
    WRONG
  }

  private record Verification(Outcome outcome, int attemptsLeft) {}

  private void withdraw(String e164, String hash) {
    try {
      database.transaction(
          connection -> {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE otp_codes SET used_at = ? WHERE phone = ? AND code_hash = ?")) {
              update.setLong(1, Micros.of(clock.instant()));
              update.setString(2, e164);
              update.setString(3, hash);
              return update.executeUpdate();
            }
          });
    } catch (PlatformException failure) {
      // The code reached nobody, so it cannot be guessed faster than any other; it expires in
      // CODE_TTL either way.
      LOG.log(Level.WARNING, "could not withdraw the unsent code for " + e164, failure);
    }
  }

  private static String message(String code) {
    return "HarbourPay code: "
        + code
        + ". Valid for "
        + CODE_TTL.toMinutes()
        + " minutes. Never share it with anyone.";
  }

  private String hash(String e164, String code) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(secret);
      mac.update(e164.getBytes(StandardCharsets.US_ASCII));
      mac.update((byte) '\n');
      return HexFormat.of().formatHex(mac.doFinal(code.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException impossible) {
      throw new IllegalStateException("every JDK has HmacSHA256", impossible);
    }
  }

  static String clientIp(String clientIp) {
    if (clientIp == null || clientIp.isBlank() || clientIp.length() > CLIENT_IP_LENGTH_MAX) {
      throw PlatformException.invalid(
          "client_ip", "client_ip_invalid", "The client's network address is required");
    }
    return clientIp.strip();
  }
}

package io.harbourpay.platform.merchants;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.PasswordHash;
import io.harbourpay.platform.crypto.PasswordLogins;
import io.harbourpay.platform.crypto.SessionTable;
import io.harbourpay.platform.crypto.SessionTokens;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.db.Database;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Merchant console users and their sessions: people sign in with an email and password and get a
 * bearer token ({@code hpm_} + 32 random bytes, stored only as its SHA-256, like customers'
 * sessions), so a browser never holds an API secret. Passwords are PBKDF2 hashes ({@link
 * PasswordHash}, as payment PINs). Sign-in follows the rules every password account shares ({@link
 * PasswordLogins}: lockout after {@link #LOGIN_ATTEMPTS_MAX} wrong passwords in a row for {@link
 * #LOCK_DURATION}, {@link #LOGINS_PER_ADDRESS_MAX} attempts per address and window).
 *
 * <p>A session ends after {@link #IDLE_TIMEOUT} without use, {@link #ABSOLUTE_TIMEOUT} after login
 * in any case, at logout, when the user is disabled, and (while it lasts) when the operator
 * suspends the merchant.
 */
public final class ConsoleUsers {
  public static final String TOKEN_PREFIX = "hpm_";

  /** A till stays signed in through a shift's quiet hours, not overnight. */
  public static final Duration IDLE_TIMEOUT = Duration.ofHours(2);

  public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(12);
  public static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);
  public static final int SESSIONS_PER_USER_MAX = 10;
  public static final int LOGIN_ATTEMPTS_MAX = PasswordLogins.WRONG_PASSWORDS_MAX;
  public static final Duration LOCK_DURATION = PasswordLogins.LOCK_DURATION;
  public static final int PASSWORD_LENGTH_MIN = 10;
  public static final int PASSWORD_LENGTH_MAX = 200;
  public static final int EMAIL_LENGTH_MAX = 254;
  public static final int DISPLAY_NAME_LENGTH_MAX = 100;
  public static final int USERS_PER_MERCHANT_MAX = 200;

  /**
   * Sign-in attempts from one network address, whichever accounts they try: the lockout guards one
   * account against guessing, this bounds guessing spread across many.
   */
  public static final int LOGINS_PER_ADDRESS_MAX = 30;

  public static final Duration LOGINS_PER_ADDRESS_WINDOW = PasswordLogins.ADDRESS_WINDOW;

  private static final PasswordLogins.Accounts ACCOUNTS =
      new PasswordLogins.Accounts(
          "merchant_users", "email", null, "console-login-ip:", LOGINS_PER_ADDRESS_MAX);

  public static final String AUDIT_USER_ADD = "merchant.console_user_add";
  public static final String AUDIT_USER_DISABLE = "merchant.console_user_disable";

  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  private static final String COLUMNS =
      "u.id, u.merchant_id, u.email, u.display_name, u.role, u.status, u.last_login_at,"
          + " u.created_at";

  /** A new user as an owner (or the operator, or the demo seed) enters it. */
  public record NewUser(String email, String displayName, String password, ConsoleRole role) {
    @Override
    public String toString() {
      return "NewUser[" + email + ", " + role + "]";
    }
  }

  private static final SessionTokens.Timeouts TIMEOUTS =
      new SessionTokens.Timeouts(IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, LAST_SEEN_WRITE_INTERVAL);

  /** The same session rules as customers' and operators', over the console's own table. */
  private static final SessionTable SESSIONS =
      new SessionTable(
          "merchant_console_sessions", "user_id", TOKEN_PREFIX, TIMEOUTS, SESSIONS_PER_USER_MAX);

  private final Database database;
  private final Clock clock;
  private final int hashIterations;
  private final SecureRandom random = new SecureRandom();
  private final PasswordLogins passwords;

  public ConsoleUsers(Database database, Clock clock, int hashIterations) {
    this.database = database;
    this.clock = clock;
    this.hashIterations = hashIterations;
    this.passwords =
        new PasswordLogins(database, ACCOUNTS, hashIterations, ConsoleUsers::loginFailed);
  }

  // ---------------------------------------------------------------------------------------------
  // Users

  public ConsoleUser create(long merchantId, NewUser input, String actor) {
    String email = email(input.email());
    String displayName =
        MerchantRules.text("display_name", input.displayName(), DISPLAY_NAME_LENGTH_MAX);
    String password = password(input.password());
    if (input.role() == null) {
      throw PlatformException.invalid("role", "role_required", "role is required");
    }
    String hash = PasswordHash.create(password, hashIterations, random);
    Instant now = clock.instant();
    long id = Ids.random();
    return database.transaction(
        connection -> {
          if (MerchantRows.count(
                  connection, "SELECT COUNT(*) FROM merchants WHERE id = ?", merchantId)
              == 0) {
            throw PlatformException.notFound("merchant");
          }
          if (MerchantRows.count(
                  connection,
                  "SELECT COUNT(*) FROM merchant_users WHERE merchant_id = ?",
                  merchantId)
              >= USERS_PER_MERCHANT_MAX) {
            throw new PlatformException(
                ErrorType.CONFLICT,
                "console_users_max",
                "A merchant has at most " + USERS_PER_MERCHANT_MAX + " console users");
          }
          // The email's unique key decides, so two requests at once for one email get one user
          // and one 409, not a constraint error answered as 503.
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO merchant_users (id, merchant_id, email, display_name, password_hash,"
                      + " role, status, failed_logins, created_at, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?) ON CONFLICT (email) DO NOTHING")) {
            insert.setLong(1, id);
            insert.setLong(2, merchantId);
            insert.setString(3, email);
            insert.setString(4, displayName);
            insert.setString(5, hash);
            insert.setString(6, input.role().wireName());
            insert.setString(7, ConsoleUser.ACTIVE);
            insert.setLong(8, Time.micros(now));
            insert.setLong(9, Time.micros(now));
            if (insert.executeUpdate() == 0) {
              throw new PlatformException(
                  ErrorType.CONFLICT,
                  "email_taken",
                  "A console user with this email exists",
                  "email");
            }
          }
          ConsoleUser user = user(connection, merchantId, id).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              actor,
              AUDIT_USER_ADD,
              user.merchantPublicId(),
              user.publicId() + " " + email + " as " + input.role().wireName());
          return user;
        });
  }

  /** The merchant's console users, oldest first (bounded by {@link #USERS_PER_MERCHANT_MAX}). */
  public List<ConsoleUser> list(long merchantId) {
    return database.read(
        connection -> {
          List<ConsoleUser> users = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM merchant_users u WHERE u.merchant_id = ?"
                      + " ORDER BY u.created_at, u.id")) {
            select.setLong(1, merchantId);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) users.add(read(rows));
            }
          }
          return users;
        });
  }

  public ConsoleUser get(long merchantId, String publicId) {
    long id = Ids.parsePublicId(ConsoleUser.ID_PREFIX, publicId);
    return database
        .read(connection -> user(connection, merchantId, id))
        .orElseThrow(() -> PlatformException.notFound("console user"));
  }

  /** Disables a user and ends their sessions at once; disabling twice is not an error. */
  public ConsoleUser disable(long merchantId, String publicId, MerchantCaller caller) {
    ConsoleUser target = get(merchantId, publicId);
    if (caller.viaConsole() && caller.userId() == target.id()) {
      throw new PlatformException(
          ErrorType.CONFLICT, "cannot_disable_self", "You cannot disable your own account");
    }
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE merchant_users SET status = ?, updated_at = ? WHERE id = ?")) {
            update.setString(1, ConsoleUser.DISABLED);
            update.setLong(2, Time.micros(now));
            update.setLong(3, target.id());
            update.executeUpdate();
          }
          SESSIONS.endAll(connection, target.id(), null);
          if (target.active()) {
            AuditLog.append(
                connection,
                now,
                caller.actor(),
                AUDIT_USER_DISABLE,
                target.merchantPublicId(),
                target.publicId() + " disabled");
          }
          return user(connection, merchantId, target.id()).orElseThrow(AssertionError::new);
        });
  }

  // ---------------------------------------------------------------------------------------------
  // Sessions

  /**
   * A session for the right email and password. Refusals: AUTHENTICATION {@code login_failed}
   * (unknown email or wrong password: the same answer, so emails cannot be probed), RATE_LIMITED
   * {@code login_locked} (too many wrong passwords), PERMISSION {@code console_user_disabled} or
   * {@code merchant_suspended} (only after the right password).
   */
  public ConsoleLogin login(String emailText, String password) {
    return login(emailText, password, null);
  }

  /**
   * As {@link #login(String, String)}, counted against the caller's network address first:
   * RATE_LIMITED {@code rate_limited} beyond {@link #LOGINS_PER_ADDRESS_MAX} attempts in {@link
   * #LOGINS_PER_ADDRESS_WINDOW} ({@code clientIp} null: an embedded caller, not counted).
   */
  public ConsoleLogin login(String emailText, String password, String clientIp) {
    String email = emailText == null ? "" : emailText.strip().toLowerCase(Locale.ROOT);
    Instant now = clock.instant();
    long userId = passwords.verify(email, password, clientIp, now);
    long nowMicros = Time.micros(now);
    String[] token = new String[1];
    ConsoleUser user =
        database.transaction(
            connection -> {
              ConsoleUser found;
              boolean suspended;
              try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT m.status, "
                          + COLUMNS
                          + " FROM merchant_users u JOIN merchants m ON m.id = u.merchant_id"
                          + " WHERE u.id = ?")) {
                select.setLong(1, userId);
                try (ResultSet row = select.executeQuery()) {
                  row.next();
                  suspended = MerchantStatus.SUSPENDED.wireName().equals(row.getString(1));
                  found = read(row, 1);
                }
              }
              if (!found.active()) {
                throw new PlatformException(
                    ErrorType.PERMISSION,
                    "console_user_disabled",
                    "This console user has been disabled");
              }
              if (suspended) throw merchantSuspended();
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "UPDATE merchant_users SET last_login_at = ? WHERE id = ?")) {
                update.setLong(1, nowMicros);
                update.setLong(2, userId);
                update.executeUpdate();
              }
              token[0] = SESSIONS.open(connection, userId, clientIp, nowMicros);
              return user(connection, found.merchantId(), userId).orElseThrow(AssertionError::new);
            });
    return new ConsoleLogin(token[0], user);
  }

  /**
   * The user behind a console token, or AUTHENTICATION {@code session_invalid} (unknown, logged
   * out, user disabled) / {@code session_expired}; PERMISSION {@code merchant_suspended}.
   */
  public ConsoleUser authenticate(String token) {
    if (!SessionTokens.wellFormed(token, TOKEN_PREFIX)) throw invalidSession();
    String tokenHash = SessionTokens.hash(token);
    long nowMicros = Time.micros(clock);
    return database.read(
        connection -> {
          ConsoleUser user;
          long lastSeen;
          boolean suspended;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT s.last_seen_at, s.expires_at, m.status, "
                      + COLUMNS
                      + " FROM merchant_console_sessions s"
                      + " JOIN merchant_users u ON u.id = s.user_id"
                      + " JOIN merchants m ON m.id = u.merchant_id WHERE s.token_hash = ?")) {
            select.setString(1, tokenHash);
            try (ResultSet row = select.executeQuery()) {
              if (!row.next()) throw invalidSession();
              lastSeen = row.getLong(1);
              long expiresAt = row.getLong(2);
              suspended = MerchantStatus.SUSPENDED.wireName().equals(row.getString(3));
              user = read(row, 3);
              if (TIMEOUTS.expired(lastSeen, expiresAt, nowMicros)) {
                throw new PlatformException(
                    ErrorType.AUTHENTICATION,
                    "session_expired",
                    "The console session has expired; sign in again");
              }
            }
          }
          if (!user.active()) throw invalidSession();
          if (suspended) throw merchantSuspended();
          SESSIONS.touch(connection, token, new SessionTable.Live(user.id(), lastSeen), nowMicros);
          return user;
        });
  }

  /** Ends the session; logging out twice, or with an unknown token, is not an error. */
  public void logout(String token) {
    database.read(connection -> SESSIONS.end(connection, token));
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate; for housekeeping. */
  public int purgeExpired(int max) {
    long nowMicros = Time.micros(clock);
    return database.read(connection -> SESSIONS.purgeExpired(connection, max, nowMicros));
  }

  // ---------------------------------------------------------------------------------------------

  private static Optional<ConsoleUser> user(Connection connection, long merchantId, long id)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM merchant_users u WHERE u.id = ? AND u.merchant_id = ?")) {
      select.setLong(1, id);
      select.setLong(2, merchantId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    }
  }

  private static ConsoleUser read(ResultSet row) throws SQLException {
    return read(row, 0);
  }

  /** Reads the {@link #COLUMNS}, which start after {@code offset} other columns. */
  private static ConsoleUser read(ResultSet row, int offset) throws SQLException {
    long lastLogin = row.getLong(offset + 7);
    boolean neverLoggedIn = row.wasNull();
    return new ConsoleUser(
        row.getLong(offset + 1),
        row.getLong(offset + 2),
        row.getString(offset + 3),
        row.getString(offset + 4),
        ConsoleRole.parse(row.getString(offset + 5)),
        row.getString(offset + 6),
        neverLoggedIn ? null : Time.instant(lastLogin),
        Time.instant(row.getLong(offset + 8)));
  }

  static String email(String text) {
    String email = MerchantRules.text("email", text, EMAIL_LENGTH_MAX).toLowerCase(Locale.ROOT);
    if (!EMAIL.matcher(email).matches()) {
      throw PlatformException.invalid("email", "email_invalid", "email is not an email address");
    }
    return email;
  }

  static String password(String password) {
    if (password == null || password.isEmpty()) {
      throw PlatformException.invalid("password", "password_required", "password is required");
    }
    if (password.length() < PASSWORD_LENGTH_MIN || password.length() > PASSWORD_LENGTH_MAX) {
      throw PlatformException.invalid(
          "password",
          "password_invalid",
          "password must be " + PASSWORD_LENGTH_MIN + " to " + PASSWORD_LENGTH_MAX + " characters");
    }
    return password;
  }

  private static PlatformException loginFailed() {
    return new PlatformException(
        ErrorType.AUTHENTICATION, "login_failed", "The email or password is not right");
  }

  private static PlatformException invalidSession() {
    return new PlatformException(
        ErrorType.AUTHENTICATION,
        "session_invalid",
        "Not signed in to the console, or the session has ended");
  }

  private static PlatformException merchantSuspended() {
    return new PlatformException(
        ErrorType.PERMISSION, "merchant_suspended", "The merchant is suspended");
  }
}

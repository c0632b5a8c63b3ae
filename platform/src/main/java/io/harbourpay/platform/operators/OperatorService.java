package io.harbourpay.platform.operators;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.crypto.PasswordHash;
import io.harbourpay.platform.crypto.PasswordLogins;
import io.harbourpay.platform.crypto.SessionTable;
import io.harbourpay.platform.crypto.SessionTokens;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.Page;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Operator accounts of the console: creation and changes by an admin (audited), login with a
 * password (PBKDF2, as customers' PINs) with a lockout after repeated wrong passwords, sessions
 * (opaque tokens stored hashed, idle and absolute expiry, as customers' sessions), logout and
 * password change.
 *
 * <p>Login follows the rules every password account shares ({@link PasswordLogins}: each attempt
 * counted before the password is compared, lockout after {@link #LOGIN_ATTEMPTS_MAX} wrong
 * passwords in a row, {@link #LOGIN_ATTEMPTS_PER_ADDRESS_MAX} attempts per address per {@link
 * #LOGIN_ADDRESS_WINDOW}); a disabled account answers as an unknown one.
 */
public final class OperatorService {
  public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);
  public static final Duration ABSOLUTE_TIMEOUT = Duration.ofHours(10);
  public static final Duration LAST_SEEN_WRITE_INTERVAL = Duration.ofMinutes(1);
  public static final int LOGIN_ATTEMPTS_MAX = PasswordLogins.WRONG_PASSWORDS_MAX;
  public static final Duration LOGIN_LOCK = PasswordLogins.LOCK_DURATION;

  /**
   * Login attempts from one network address, whatever the usernames: bounds password spraying
   * across accounts, which the per-account lockout alone does not.
   */
  public static final int LOGIN_ATTEMPTS_PER_ADDRESS_MAX = 50;

  public static final Duration LOGIN_ADDRESS_WINDOW = PasswordLogins.ADDRESS_WINDOW;
  public static final int SESSIONS_PER_OPERATOR_MAX = 5;
  public static final int PASSWORD_LENGTH_MIN = 12;
  public static final int PASSWORD_LENGTH_MAX = 128;
  public static final int DISPLAY_NAME_LENGTH_MAX = 100;
  public static final String TOKEN_PREFIX = "hpo_";

  public static final String ACTION_CREATE = "operator.create";
  public static final String ACTION_UPDATE = "operator.update";
  public static final String ACTION_PASSWORD_CHANGE = "operator.password_change";

  static final SessionTokens.Timeouts TIMEOUTS =
      new SessionTokens.Timeouts(IDLE_TIMEOUT, ABSOLUTE_TIMEOUT, LAST_SEEN_WRITE_INTERVAL);
  private static final PasswordLogins.Accounts ACCOUNTS =
      new PasswordLogins.Accounts(
          "operators",
          "username",
          "status = '" + OperatorStatus.ACTIVE.wireName() + "'",
          "operator-login:",
          LOGIN_ATTEMPTS_PER_ADDRESS_MAX);
  private static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,39}");
  private static final String COLUMNS =
      "id, username, display_name, roles, status, locked_until, last_login_at, created_at";

  private final Database database;
  private final Clock clock;
  private final int hashIterations;
  private final SecureRandom random = new SecureRandom();
  private final PasswordLogins passwords;
  private final SessionTable sessions =
      new SessionTable(
          "operator_sessions", "operator_id", TOKEN_PREFIX, TIMEOUTS, SESSIONS_PER_OPERATOR_MAX);

  public OperatorService(Database database, Clock clock, int hashIterations) {
    this.database = database;
    this.clock = clock;
    this.hashIterations = hashIterations;
    this.passwords =
        new PasswordLogins(database, ACCOUNTS, hashIterations, OperatorService::loginInvalid);
  }

  /** Creates an account (audited under {@code actor}); CONFLICT {@code username_taken}. */
  public Operator create(String actor, NewOperator account) {
    String username = username(account.username());
    String displayName = displayName(account.displayName());
    requireStrongPassword("password", account.password(), username);
    Set<OperatorRole> roles = roles(account.roles());
    String hash = PasswordHash.create(account.password(), hashIterations, random);
    Instant now = clock.instant();
    long id = Ids.random();
    return database.transaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO operators (id, username, display_name, password_hash, roles,"
                      + " status, failed_logins, locked_until, last_login_at, created_at,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, 0, NULL, NULL, ?, ?)"
                      + " ON CONFLICT (username) DO NOTHING")) {
            insert.setLong(1, id);
            insert.setString(2, username);
            insert.setString(3, displayName);
            insert.setString(4, hash);
            insert.setString(5, encode(roles));
            insert.setString(6, OperatorStatus.ACTIVE.wireName());
            insert.setLong(7, Time.micros(now));
            insert.setLong(8, Time.micros(now));
            if (insert.executeUpdate() == 0) {
              throw new PlatformException(
                  ErrorType.CONFLICT,
                  "username_taken",
                  "An operator named " + username + " exists already",
                  "username");
            }
          }
          Operator created = byId(connection, id).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              actor,
              ACTION_CREATE,
              created.publicId(),
              username + " (" + displayName + ") roles " + encode(roles));
          return created;
        });
  }

  /**
   * The first admin of a store without operators (production start-up: the documented bootstrap
   * configuration). Does nothing and returns empty when any operator exists.
   */
  public Optional<Operator> bootstrapAdmin(String username, String displayName, String password) {
    if (count() > 0) return Optional.empty();
    return Optional.of(
        create(
            "bootstrap",
            new NewOperator(username, displayName, password, EnumSet.of(OperatorRole.ADMIN))));
  }

  public long count() {
    return database.read(
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT COUNT(*) FROM operators");
              ResultSet row = select.executeQuery()) {
            row.next();
            return row.getLong(1);
          }
        });
  }

  /**
   * Logs in. Throws AUTHENTICATION {@code login_invalid} for an unknown or disabled account or a
   * wrong password (one message for all three), RATE_LIMITED {@code login_locked} from the {@link
   * #LOGIN_ATTEMPTS_MAX}th wrong password in a row until {@link #LOGIN_LOCK} has passed, and {@code
   * rate_limited} beyond the address's attempts ({@code clientIp} null: not counted).
   */
  public OperatorLogin login(String usernameTyped, String password, String clientIp) {
    String username = usernameTyped == null ? "" : usernameTyped.strip().toLowerCase(Locale.ROOT);
    if (password == null || password.isEmpty() || password.length() > PASSWORD_LENGTH_MAX) {
      throw loginInvalid();
    }
    Instant now = clock.instant();
    long id = passwords.verify(username, password, clientIp, now);
    long nowMicros = Time.micros(now);
    return database.transaction(
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE operators SET last_login_at = ? WHERE id = ?")) {
            update.setLong(1, nowMicros);
            update.setLong(2, id);
            update.executeUpdate();
          }
          String token = sessions.open(connection, id, clientIp, nowMicros);
          return new OperatorLogin(token, byId(connection, id).orElseThrow(AssertionError::new));
        });
  }

  /**
   * The active account behind {@code token}, or AUTHENTICATION {@code session_invalid} (unknown,
   * ended, account disabled) / {@code session_expired}.
   */
  public Operator authenticate(String token) {
    long nowMicros = Time.micros(clock);
    return database.read(
        connection -> {
          SessionTable.Live live = sessions.find(connection, token, nowMicros);
          Operator operator = byId(connection, live.ownerId()).orElseThrow(SessionTable::invalid);
          if (operator.status() != OperatorStatus.ACTIVE) throw SessionTable.invalid();
          sessions.touch(connection, token, live, nowMicros);
          return operator;
        });
  }

  /** Ends the session; an unknown or ended token is not an error. */
  public void logout(String token) {
    database.read(connection -> sessions.end(connection, token));
  }

  /** Deletes up to {@code max} sessions that can no longer authenticate; for housekeeping. */
  public int purgeExpired(int max) {
    long nowMicros = Time.micros(clock);
    return database.read(connection -> sessions.purgeExpired(connection, max, nowMicros));
  }

  /**
   * Changes the caller's own password; needs the current one (INVALID_REQUEST {@code
   * password_incorrect}, param current_password). Every other session of the account ends.
   */
  public void changePassword(String token, String currentPassword, String newPassword) {
    Operator operator = authenticate(token);
    requireStrongPassword("new_password", newPassword, operator.username());
    String stored =
        database.read(
            connection -> {
              try (PreparedStatement select =
                  connection.prepareStatement("SELECT password_hash FROM operators WHERE id = ?")) {
                select.setLong(1, operator.id());
                try (ResultSet row = select.executeQuery()) {
                  row.next();
                  return row.getString(1);
                }
              }
            });
    if (currentPassword == null || !PasswordHash.matches(currentPassword, stored)) {
      throw PlatformException.invalid(
          "current_password", "password_incorrect", "The current password is not right");
    }
    if (newPassword.equals(currentPassword)) {
      throw PlatformException.invalid(
          "new_password", "password_unchanged", "Choose a password different from the current one");
    }
    String hash = PasswordHash.create(newPassword, hashIterations, random);
    Instant now = clock.instant();
    database.transaction(
        connection -> {
          setPassword(connection, operator.id(), hash, now);
          sessions.endAll(connection, operator.id(), token);
          return AuditLog.append(
              connection,
              now,
              operator.actor(),
              ACTION_PASSWORD_CHANGE,
              operator.publicId(),
              "own password changed; other sessions ended");
        });
  }

  /**
   * An admin's change (audited under {@code actor}). Disabling the account or setting a new
   * password ends its sessions. CONFLICT {@code last_admin} when the change would leave no active
   * admin.
   */
  public Operator update(String actor, long operatorId, OperatorChange change) {
    String displayName = change.displayName() == null ? null : displayName(change.displayName());
    Set<OperatorRole> roles = change.roles() == null ? null : roles(change.roles());
    Instant now = clock.instant();
    Operator before = get(operatorId);
    String hash = null;
    if (change.password() != null) {
      requireStrongPassword("password", change.password(), before.username());
      hash = PasswordHash.create(change.password(), hashIterations, random);
    }
    String newHash = hash;
    return database.transaction(
        connection -> {
          try (PreparedStatement touch =
              connection.prepareStatement(
                  "UPDATE operators SET updated_at = ?, display_name = COALESCE(?, display_name),"
                      + " roles = COALESCE(?, roles), status = COALESCE(?, status) WHERE id = ?")) {
            touch.setLong(1, Time.micros(now));
            touch.setString(2, displayName);
            touch.setString(3, roles == null ? null : encode(roles));
            touch.setString(4, change.status() == null ? null : change.status().wireName());
            touch.setLong(5, operatorId);
            if (touch.executeUpdate() == 0) throw PlatformException.notFound("operator");
          }
          if (newHash != null) setPassword(connection, operatorId, newHash, now);
          if (activeAdmins(connection) == 0) {
            throw new PlatformException(
                ErrorType.CONFLICT,
                "last_admin",
                "This would leave no active admin; make another operator admin first");
          }
          Operator after = byId(connection, operatorId).orElseThrow(AssertionError::new);
          if (after.status() != OperatorStatus.ACTIVE || newHash != null) {
            try (PreparedStatement end =
                connection.prepareStatement(
                    "DELETE FROM operator_sessions WHERE operator_id = ?")) {
              end.setLong(1, operatorId);
              end.executeUpdate();
            }
          }
          AuditLog.append(
              connection, now, actor, ACTION_UPDATE, after.publicId(), describe(before, after));
          return after;
        });
  }

  private static String describe(Operator before, Operator after) {
    List<String> parts = new ArrayList<>();
    if (!before.displayName().equals(after.displayName())) {
      parts.add("name " + before.displayName() + " -> " + after.displayName());
    }
    if (!before.roles().equals(after.roles())) {
      parts.add("roles " + encode(before.roles()) + " -> " + encode(after.roles()));
    }
    if (before.status() != after.status()) {
      parts.add("status " + before.status().wireName() + " -> " + after.status().wireName());
    }
    return after.username() + (parts.isEmpty() ? "" : ": " + String.join("; ", parts));
  }

  private static void setPassword(Connection connection, long id, String hash, Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE operators SET password_hash = ?, failed_logins = 0, locked_until = NULL,"
                + " updated_at = ? WHERE id = ?")) {
      update.setString(1, hash);
      update.setLong(2, Time.micros(now));
      update.setLong(3, id);
      update.executeUpdate();
    }
  }

  private static long activeAdmins(Connection connection) throws SQLException {
    long count = 0;
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT roles FROM operators WHERE status = '"
                    + OperatorStatus.ACTIVE.wireName()
                    + "'");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        if (decode(row.getString(1)).contains(OperatorRole.ADMIN)) count++;
      }
    }
    return count;
  }

  public Operator get(long operatorId) {
    return database
        .read(connection -> byId(connection, operatorId))
        .orElseThrow(() -> PlatformException.notFound("operator"));
  }

  public Optional<Operator> byUsername(String username) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + COLUMNS + " FROM operators WHERE username = ?")) {
            select.setString(1, username);
            return one(select);
          }
        });
  }

  /** Accounts, oldest first, {@code limit} at most {@link Page#LIMIT_MAX} a page. */
  public Page<Operator> list(int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM operators"
                      + (after == null
                          ? ""
                          : " WHERE (created_at > ? OR (created_at = ? AND id > ?))")
                      + " ORDER BY created_at, id LIMIT ?")) {
            int index = 1;
            if (after != null) {
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.id());
            }
            select.setInt(index, pageLimit + 1);
            List<Operator> operators = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) operators.add(read(row));
            }
            if (operators.size() <= pageLimit) return new Page<>(operators, null);
            Operator last = operators.get(pageLimit - 1);
            return new Page<>(
                operators.subList(0, pageLimit),
                new Cursor(Time.micros(last.createdAt()), last.id()).encode());
          }
        });
  }

  private Optional<Operator> byId(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM operators WHERE id = ?")) {
      select.setLong(1, id);
      return one(select);
    }
  }

  private Optional<Operator> one(PreparedStatement select) throws SQLException {
    try (ResultSet row = select.executeQuery()) {
      return row.next() ? Optional.of(read(row)) : Optional.empty();
    }
  }

  private Operator read(ResultSet row) throws SQLException {
    long lockedUntil = row.getLong(6);
    Instant locked = row.wasNull() ? null : Time.instant(lockedUntil);
    long lastLogin = row.getLong(7);
    Instant lastLoginAt = row.wasNull() ? null : Time.instant(lastLogin);
    Instant now = clock.instant();
    return new Operator(
        row.getLong(1),
        row.getString(2),
        row.getString(3),
        decode(row.getString(4)),
        OperatorStatus.valueOf(row.getString(5).toUpperCase(Locale.ROOT)),
        locked != null && locked.isAfter(now) ? locked : null,
        lastLoginAt,
        Time.instant(row.getLong(8)));
  }

  static String encode(Set<OperatorRole> roles) {
    return roles.stream().sorted().map(OperatorRole::wireName).collect(Collectors.joining(","));
  }

  static Set<OperatorRole> decode(String roles) {
    Set<OperatorRole> decoded = EnumSet.noneOf(OperatorRole.class);
    for (String name : roles.split(",")) {
      if (!name.isBlank()) decoded.add(OperatorRole.parse(name));
    }
    return decoded;
  }

  private static String username(String typed) {
    String username = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    if (!USERNAME.matcher(username).matches()) {
      throw PlatformException.invalid(
          "username",
          "username_invalid",
          "A username is 3 to 40 characters: a letter, then letters, digits, '.', '_' or '-'");
    }
    return username;
  }

  private static String displayName(String typed) {
    String name = typed == null ? "" : typed.strip();
    if (name.isEmpty()) {
      throw PlatformException.invalid(
          "display_name", "display_name_required", "Give the operator's name");
    }
    if (name.length() > DISPLAY_NAME_LENGTH_MAX) {
      throw PlatformException.invalid(
          "display_name",
          "display_name_too_long",
          "The name is at most " + DISPLAY_NAME_LENGTH_MAX + " characters");
    }
    return name;
  }

  private static Set<OperatorRole> roles(Set<OperatorRole> roles) {
    if (roles == null || roles.isEmpty()) {
      throw PlatformException.invalid("roles", "roles_required", "Give the operator a role");
    }
    return EnumSet.copyOf(roles);
  }

  /** At least {@link #PASSWORD_LENGTH_MIN} characters, not containing the username. */
  static void requireStrongPassword(String param, String password, String username) {
    if (password == null || password.length() < PASSWORD_LENGTH_MIN) {
      throw PlatformException.invalid(
          param,
          "password_too_short",
          "A password is at least " + PASSWORD_LENGTH_MIN + " characters");
    }
    if (password.length() > PASSWORD_LENGTH_MAX) {
      throw PlatformException.invalid(
          param,
          "password_too_long",
          "A password is at most " + PASSWORD_LENGTH_MAX + " characters");
    }
    if (password.toLowerCase(Locale.ROOT).contains(username)) {
      throw PlatformException.invalid(
          param, "password_too_simple", "A password must not contain the username");
    }
    if (password.chars().distinct().count() < 5) {
      throw PlatformException.invalid(
          param, "password_too_simple", "A password needs at least 5 different characters");
    }
  }

  private static PlatformException loginInvalid() {
    return new PlatformException(
        ErrorType.AUTHENTICATION, "login_invalid", "The username or password is wrong");
  }
}

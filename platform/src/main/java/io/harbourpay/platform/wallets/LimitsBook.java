package io.harbourpay.platform.wallets;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.Operators;
import io.harbourpay.platform.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier limits as versioned configuration in the database. Version 1 is seeded from the {@link
 * LimitsConfig} the platform starts with; every change after that is a new version with who, when
 * and why, audited ({@code limits.change}) in the same transaction. The current version is held in
 * memory (the payment path reads it on every payment) and replaced when a change commits, so a
 * change applies to the next payment or receipt of every customer: the per-payment limit at once,
 * the allowances when {@link WalletAccounts} next prepares the customer's accounts (the version is
 * part of what it remembers as prepared).
 *
 * <p>The book assumes one process writes limits: the one that runs the ledger's writer (which is
 * also the only one that funds allowances). Another process would read a new version only when
 * restarted.
 */
public final class LimitsBook {
  /** Versions returned per history page at most. */
  public static final int HISTORY_PAGE_MAX = 100;

  static final String SEED_ACTOR = "system";
  static final String SEED_REASON = "seeded from the configured limits";

  private final Database database;
  private final Clock clock;
  private volatile LimitsVersion current;

  public LimitsBook(Database database, Clock clock, LimitsConfig seed) {
    this.database = database;
    this.clock = clock;
    this.current =
        database.transaction(connection -> loadOrSeed(connection, seed, clock.instant()));
  }

  /** The limits in force. */
  public LimitsVersion current() {
    return current;
  }

  /**
   * Makes {@code limits} the next version. {@code baseVersion} is the version the operator edited
   * (0: not checked); if another change came first the answer is CONFLICT {@code
   * limits_version_stale}, so no one overwrites a change they never saw. Validated by {@link
   * LimitRules}; {@code reason} is required.
   */
  public synchronized LimitsVersion change(
      String operatorName,
      String reason,
      long baseVersion,
      Map<WalletCurrency, Map<Tier, Limits>> limits) {
    String actor = Operators.name(operatorName);
    String why = Operators.required("reason", reason);
    LimitRules.validate(limits);
    Instant now = clock.instant();
    LimitsVersion changed =
        database.transaction(
            connection -> {
              LimitsVersion before = latest(connection);
              if (baseVersion != 0 && baseVersion != before.version()) {
                throw new PlatformException(
                    ErrorType.CONFLICT,
                    "limits_version_stale",
                    "The limits changed to version "
                        + before.version()
                        + " since version "
                        + baseVersion
                        + " was read; reload and edit again",
                    "base_version");
              }
              LimitsVersion next = new LimitsVersion(before.version() + 1, now, actor, why, limits);
              insert(connection, next);
              AuditLog.append(
                  connection,
                  now,
                  actor,
                  AuditLog.LIMITS_CHANGE,
                  "limits_v" + next.version(),
                  "reason: " + why + "; " + LimitRules.differences(before, limits));
              return next;
            });
    current = changed;
    return changed;
  }

  /** Versions newest first, those below {@code beforeVersion} (0: from the newest). */
  public List<LimitsVersion> history(int limit, long beforeVersion) {
    if (limit < 1 || limit > HISTORY_PAGE_MAX) {
      throw PlatformException.invalid(
          "limit", "limit_invalid", "limit must be between 1 and " + HISTORY_PAGE_MAX);
    }
    return database.read(
        connection -> {
          List<Long> versions = new ArrayList<>();
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT version FROM limits_versions WHERE version < ? ORDER BY version DESC"
                      + " LIMIT ?")) {
            query.setLong(1, beforeVersion <= 0 ? Long.MAX_VALUE : beforeVersion);
            query.setInt(2, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) versions.add(rows.getLong(1));
            }
          }
          List<LimitsVersion> page = new ArrayList<>(versions.size());
          for (long version : versions) page.add(read(connection, version));
          return page;
        });
  }

  private static LimitsVersion loadOrSeed(Connection connection, LimitsConfig seed, Instant now)
      throws SQLException {
    if (newestVersion(connection) == 0) {
      Map<WalletCurrency, Map<Tier, Limits>> limits = new EnumMap<>(WalletCurrency.class);
      for (WalletCurrency currency : WalletCurrency.values()) {
        Map<Tier, Limits> tiers = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) tiers.put(tier, seed.of(currency, tier));
        limits.put(currency, tiers);
      }
      insert(connection, new LimitsVersion(1, now, SEED_ACTOR, SEED_REASON, limits));
    }
    return latest(connection);
  }

  private static long newestVersion(Connection connection) throws SQLException {
    try (PreparedStatement query =
            connection.prepareStatement("SELECT MAX(version) FROM limits_versions");
        ResultSet rows = query.executeQuery()) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  private static LimitsVersion latest(Connection connection) throws SQLException {
    return read(connection, newestVersion(connection));
  }

  private static LimitsVersion read(Connection connection, long version) throws SQLException {
    Instant createdAt;
    String actor;
    String reason;
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT created_at, actor, reason FROM limits_versions WHERE version = ?")) {
      query.setLong(1, version);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) throw new IllegalStateException("limits version missing: " + version);
        createdAt = Time.instant(rows.getLong(1));
        actor = rows.getString(2);
        reason = rows.getString(3);
      }
    }
    Map<WalletCurrency, Map<Tier, Limits>> limits = new LinkedHashMap<>();
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT currency, tier, per_payment_minor, daily_minor, yearly_minor,"
                + " balance_cap_minor FROM limits_values WHERE version = ?")) {
      query.setLong(1, version);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          limits
              .computeIfAbsent(
                  WalletCurrency.valueOf(rows.getString(1)), key -> new EnumMap<>(Tier.class))
              .put(
                  Tier.valueOf(rows.getString(2)),
                  new Limits(rows.getLong(3), rows.getLong(4), rows.getLong(5), rows.getLong(6)));
        }
      }
    }
    return new LimitsVersion(version, createdAt, actor, reason, limits);
  }

  private static void insert(Connection connection, LimitsVersion version) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO limits_versions (version, created_at, actor, reason) VALUES (?, ?, ?, ?)")) {
      insert.setLong(1, version.version());
      insert.setLong(2, Time.micros(version.createdAt()));
      insert.setString(3, version.actor());
      insert.setString(4, version.reason());
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO limits_values (version, currency, tier, per_payment_minor, daily_minor,"
                + " yearly_minor, balance_cap_minor) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (WalletCurrency currency : WalletCurrency.values()) {
        for (Tier tier : Tier.values()) {
          Limits limits = version.of(currency, tier);
          insert.setLong(1, version.version());
          insert.setString(2, currency.name());
          insert.setString(3, tier.name());
          insert.setLong(4, limits.perPaymentMinor());
          insert.setLong(5, limits.dailyMinor());
          insert.setLong(6, limits.yearlyMinor());
          insert.setLong(7, limits.balanceCapMinor());
          insert.addBatch();
        }
      }
      insert.executeBatch();
    }
  }
}

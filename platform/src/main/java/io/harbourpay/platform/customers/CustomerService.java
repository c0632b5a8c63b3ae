package io.harbourpay.platform.customers;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.db.Database;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Customers: sign-up and login by one-time code, lookup, and the operator's lock and unlock. A
 * customer is created by their first successful login (tier UNVERIFIED, active).
 */
public final class CustomerService implements CustomerDirectory {
  private final Database database;
  private final Clock clock;
  private final OtpService otp;
  private final SessionService sessions;

  public CustomerService(Database database, Clock clock, OtpService otp, SessionService sessions) {
    this.database = database;
    this.clock = clock;
    this.otp = otp;
    this.sessions = sessions;
  }

  /**
   * Verifies the code sent to {@code phone} (consuming it), creates the customer on first login,
   * and opens a session. Fails as {@link OtpService#verify} does, or with PERMISSION {@code
   * customer_locked} when the operator has locked the customer.
   */
  public LoginResult loginWithCode(String phone, String code, String clientIp) {
    String ip = OtpService.clientIp(clientIp);
    String e164 = otp.verify(phone, code);
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          boolean created = CustomerRows.insertIfAbsent(connection, Ids.random(), e164, now);
          Customer customer =
              CustomerRows.byPhone(connection, e164).orElseThrow(AssertionError::new);
          if (customer.locked()) {
            throw new PlatformException(
                ErrorType.PERMISSION,
                "customer_locked",
                "This wallet is locked; contact customer service");
          }
          String token = sessions.create(connection, customer.id(), ip, now);
          return new LoginResult(
              customer, token, now.plus(SessionService.ABSOLUTE_TIMEOUT), created);
        });
  }

  /** The customer, or NOT_FOUND. */
  public Customer get(long customerId) {
    return database
        .read(connection -> CustomerRows.byId(connection, customerId))
        .orElseThrow(() -> PlatformException.notFound("customer"));
  }

  @Override
  public Optional<CustomerRef> byId(long customerId) {
    return database
        .read(connection -> CustomerRows.byId(connection, customerId))
        .map(Customer::ref);
  }

  /** By mobile number in any accepted spelling; empty for an unknown or invalid number. */
  @Override
  public Optional<CustomerRef> byPhone(String phone) {
    if (!PhoneNumbers.isValid(phone)) return Optional.empty();
    String e164 = PhoneNumbers.normalize(phone);
    return database.read(connection -> CustomerRows.byPhone(connection, e164)).map(Customer::ref);
  }

  /**
   * Locks the customer (no login, no authentication, no payments) and ends all their sessions;
   * audited. Locking a locked customer is allowed and audited again.
   */
  public Customer lock(long customerId, String operatorName, String reason) {
    return setLocked(customerId, true, operatorName, reason);
  }

  /** Unlocks the customer; they log in again with a new code. Audited. */
  public Customer unlock(long customerId, String operatorName, String reason) {
    return setLocked(customerId, false, operatorName, reason);
  }

  /**
   * Sets the customer's tier, up or down, by an operator's decision outside an identity review;
   * audited ({@code customer.tier}) with the reason, which is required. Effective for the next
   * payment or receipt: the customer's allowances are re-targeted to the new tier's limits when the
   * wallet next prepares them (a downgrade gives back unspent allowance above the new limit, never
   * money). Setting the tier a customer already has is allowed and audited as "no change".
   */
  public Customer setTier(long customerId, Tier tier, String operatorName, String reason) {
    String why = Operators.required("reason", reason);
    if (tier == null) {
      throw PlatformException.invalid(
          "tier", "tier_invalid", "tier must be unverified, intermediate or advanced");
    }
    return operatorChange(
        customerId,
        operatorName,
        AuditLog.CUSTOMER_TIER,
        (connection, before, now) -> {
          CustomerRows.setTier(connection, customerId, tier, now);
          return (before.tier() == tier
                  ? "no change: already " + tier
                  : "tier " + before.tier() + " -> " + tier)
              + "; reason: "
              + why;
        });
  }

  private Customer setLocked(long customerId, boolean locked, String operatorName, String reason) {
    String note = Operators.note("reason", reason);
    return operatorChange(
        customerId,
        operatorName,
        locked ? AuditLog.CUSTOMER_LOCK : AuditLog.CUSTOMER_UNLOCK,
        (connection, before, now) -> {
          CustomerRows.setLocked(connection, customerId, locked, now);
          int revoked = locked ? SessionService.revokeAll(connection, customerId) : 0;
          List<String> detail = new ArrayList<>(3);
          if (before.locked() == locked)
            detail.add("no change: already " + (locked ? "locked" : "active"));
          if (locked) detail.add(revoked + " sessions ended");
          if (note != null) detail.add("reason: " + note);
          return String.join("; ", detail);
        });
  }

  /** An operator's change to a customer row; returns the audit detail. */
  @FunctionalInterface
  private interface Change {
    String apply(java.sql.Connection connection, Customer before, Instant now)
        throws java.sql.SQLException;
  }

  /**
   * One transaction: the customer row locked, {@code change} applied, the action audited with the
   * detail it returns. NOT_FOUND for an unknown customer.
   */
  private Customer operatorChange(
      long customerId, String operatorName, String action, Change change) {
    String operator = Operators.name(operatorName);
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          Customer before =
              CustomerRows.lock(connection, customerId)
                  .orElseThrow(() -> PlatformException.notFound("customer"));
          String detail = change.apply(connection, before, now);
          AuditLog.append(connection, now, operator, action, before.publicId(), detail);
          return CustomerRows.byId(connection, customerId).orElseThrow(AssertionError::new);
        });
  }
}

package io.harbourpay.platform.customers;

import io.harbourpay.platform.db.Database;
import java.time.Clock;

/**
 * The customer feature's services, wired together: what the server builds once at start-up. {@link
 * #directory()} is what other features depend on.
 */
public record Customers(
    OtpService otp,
    SessionService sessions,
    CustomerService customers,
    PinService pins,
    KycService kyc,
    AuditLog audit) {

  /**
   * @param otpSecret at least {@link OtpService#SECRET_LENGTH_MIN} random bytes, from
   *     configuration, the same on every node
   */
  public static Customers create(Database database, Clock clock, SmsGateway sms, byte[] otpSecret) {
    OtpService otp = new OtpService(database, sms, clock, otpSecret);
    SessionService sessions = new SessionService(database, clock);
    return new Customers(
        otp,
        sessions,
        new CustomerService(database, clock, otp, sessions),
        new PinService(database, clock),
        new KycService(database, clock),
        new AuditLog(database));
  }

  public CustomerDirectory directory() {
    return customers;
  }

  public PinVerifier pinVerifier() {
    return pins;
  }
}

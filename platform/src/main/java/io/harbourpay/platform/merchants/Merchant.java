package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Instant;

/**
 * A business that accepts HarbourPay: who it is (legal name, category, country), how it is paid
 * (settlement currency and bank account) and what it pays (the merchant discount rate, in basis
 * points of each payment).
 *
 * @param fpsId the merchant's own FPS identifier (FPS ID, "+852-" mobile or email), or null
 */
public record Merchant(
    long id,
    String legalName,
    String mcc,
    String country,
    String settlementCurrency,
    int discountRateBps,
    String bankCode,
    String bankAccountNumber,
    String fpsId,
    MerchantStatus status,
    Instant createdAt,
    Instant updatedAt) {
  public static final String ID_PREFIX = "mch";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public boolean active() {
    return status == MerchantStatus.ACTIVE;
  }

  /** The account number with all but its last four digits hidden, for people and logs. */
  public String bankAccountMasked() {
    int shown = Math.min(4, bankAccountNumber.length());
    return "*".repeat(bankAccountNumber.length() - shown)
        + bankAccountNumber.substring(bankAccountNumber.length() - shown);
  }
}

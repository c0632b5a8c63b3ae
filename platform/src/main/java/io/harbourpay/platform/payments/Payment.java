package io.harbourpay.platform.payments;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.platform.wallets.WalletCurrency;
import java.time.Instant;
import java.util.List;

/** A payment as stored, with its refunds (oldest first). States: docs/payments.md. */
public record Payment(
    long id,
    long merchantId,
    String merchantReference,
    long customerId,
    long storeId,
    long terminalId,
    WalletCurrency currency,
    long amountMinor,
    long feeMinor,
    long amountRefundedMinor,
    long feeRefundedMinor,
    int refundsCount,
    String status,
    String failureCode,
    long deviceId,
    long timeStep,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt,
    List<Refund> refunds) {
  public static final String ID_PREFIX = "pay";

  public static final String REQUIRES_CONFIRMATION = "requires_confirmation";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";
  public static final String CANCELED = "canceled";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String storePublicId() {
    return Ids.publicId(Store.ID_PREFIX, storeId);
  }

  public String terminalPublicId() {
    return Ids.publicId(Terminal.ID_PREFIX, terminalId);
  }

  /** What is left to refund. */
  public long refundableMinor() {
    return SUCCEEDED.equals(status) ? amountMinor - amountRefundedMinor : 0;
  }

  Payment withRefunds(List<Refund> all) {
    return new Payment(
        id,
        merchantId,
        merchantReference,
        customerId,
        storeId,
        terminalId,
        currency,
        amountMinor,
        feeMinor,
        amountRefundedMinor,
        feeRefundedMinor,
        refundsCount,
        status,
        failureCode,
        deviceId,
        timeStep,
        expiresAt,
        createdAt,
        updatedAt,
        List.copyOf(all));
  }
}

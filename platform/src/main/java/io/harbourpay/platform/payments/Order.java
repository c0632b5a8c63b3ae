package io.harbourpay.platform.payments;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import io.harbourpay.platform.wallets.WalletCurrency;
import java.time.Instant;

/** A merchant-presented dynamic QR order as stored (docs/payments.md, "Dynamic QR orders"). */
public record Order(
    long id,
    long merchantId,
    String merchantReference,
    long storeId,
    long terminalId,
    WalletCurrency currency,
    long amountMinor,
    String payload,
    String status,
    long paymentId,
    Instant expiresAt,
    Instant createdAt,
    Instant updatedAt) {
  public static final String ID_PREFIX = "ord";

  public static final String OPEN = "open";
  public static final String PAID = "paid";
  public static final String EXPIRED = "expired";
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

  /** The paying payment's public id, or null while unpaid. */
  public String paymentPublicId() {
    return paymentId == 0 ? null : Ids.publicId(Payment.ID_PREFIX, paymentId);
  }
}

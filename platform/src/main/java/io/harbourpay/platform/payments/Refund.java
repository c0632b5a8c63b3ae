package io.harbourpay.platform.payments;

import io.harbourpay.platform.Ids;
import java.time.Instant;

/** A refund of (part of) a payment, and the share of the fee it returned to the merchant. */
public record Refund(
    long id,
    long paymentId,
    int sequence,
    long amountMinor,
    long feeReturnedMinor,
    String reason,
    String reference,
    Instant createdAt) {
  public static final String ID_PREFIX = "re";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String paymentPublicId() {
    return Ids.publicId(Payment.ID_PREFIX, paymentId);
  }
}

package io.harbourpay.platform.payments;

import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * The merchant discount rate in money, and the rounding rules (docs/payments.md, "Fees and
 * rounding").
 *
 * <ul>
 *   <li>Fee of a payment: amount × rate / 10,000, rounded <b>half up</b> to the minor unit (HKD
 *       10.05 at 120 bps is 12.06 cents → 12; HKD 1.25 at 200 bps is 2.5 cents → 3).
 *   <li>Fee returned by a refund: computed on the running total, rounded <b>down</b>: after refunds
 *       totalling R of an amount A with fee F, the fee returned so far is ⌊F × R / A⌋, and each
 *       refund returns the difference from what was returned before. So the fee returned never
 *       exceeds the fee taken, and a full refund (R = A) returns exactly F.
 * </ul>
 */
public final class Fees {
  public static final int BPS_DENOMINATOR = 10_000;

  private Fees() {}

  public static long fee(long amountMinor, int rateBps) {
    if (amountMinor < 0 || rateBps < 0 || rateBps > BPS_DENOMINATOR) {
      throw new IllegalArgumentException("amount >= 0 and rate 0..10000 bps");
    }
    return new java.math.BigDecimal(
            BigInteger.valueOf(amountMinor).multiply(BigInteger.valueOf(rateBps)))
        .divide(java.math.BigDecimal.valueOf(BPS_DENOMINATOR), 0, RoundingMode.HALF_UP)
        .longValueExact();
  }

  /** The fee returned by all refunds together once {@code refundedTotal} of the amount is back. */
  public static long feeReturnedAfter(long amountMinor, long feeMinor, long refundedTotalMinor) {
    if (refundedTotalMinor < 0 || refundedTotalMinor > amountMinor || amountMinor <= 0) {
      throw new IllegalArgumentException("0 <= refunded <= amount");
    }
    return BigInteger.valueOf(feeMinor)
        .multiply(BigInteger.valueOf(refundedTotalMinor))
        .divide(BigInteger.valueOf(amountMinor))
        .longValueExact();
  }

  /** The fee share of one refund of {@code refundMinor} after {@code refundedBefore}. */
  public static long feeShare(
      long amountMinor, long feeMinor, long refundedBeforeMinor, long refundMinor) {
    return feeReturnedAfter(amountMinor, feeMinor, refundedBeforeMinor + refundMinor)
        - feeReturnedAfter(amountMinor, feeMinor, refundedBeforeMinor);
  }
}

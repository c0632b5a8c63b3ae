package io.harbourpay.platform.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FeesTest {
  @Test
  void theFeeIsRoundedHalfUp() {
    assertThat(Fees.fee(125, 200)).isEqualTo(3); // 2.5 → 3
    assertThat(Fees.fee(124, 200)).isEqualTo(2); // 2.48 → 2
    assertThat(Fees.fee(10_005, 120)).isEqualTo(120); // 120.06 → 120
    assertThat(Fees.fee(10_050, 120)).isEqualTo(121); // 120.6 → 121
    assertThat(Fees.fee(1, 0)).isZero();
    assertThat(Fees.fee(Long.MAX_VALUE / 2, 10_000)).isEqualTo(Long.MAX_VALUE / 2);
  }

  @Test
  void refundsNeverReturnMoreFeeThanTakenAndAFullRefundReturnsAllOfIt() {
    Random random = new Random(20250301);
    for (int round = 0; round < 10_000; round++) {
      long amount = 1 + random.nextInt(1_000_000);
      long fee = Fees.fee(amount, random.nextInt(1_000));
      long refunded = 0;
      long returned = 0;
      while (refunded < amount) {
        long part = Math.min(amount - refunded, 1 + random.nextInt((int) Math.min(amount, 50_000)));
        long share = Fees.feeShare(amount, fee, refunded, part);
        assertThat(share).isNotNegative();
        refunded += part;
        returned += share;
        assertThat(returned).isLessThanOrEqualTo(fee);
      }
      assertThat(returned).isEqualTo(fee);
    }
  }
}

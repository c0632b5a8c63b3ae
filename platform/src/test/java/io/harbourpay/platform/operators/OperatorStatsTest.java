package io.harbourpay.platform.operators;

import static io.harbourpay.platform.operators.OperatorFixture.fails;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Time;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class OperatorStatsTest {
  // The fixture's clock: 2025-03-01T02:00Z is 10:00 on 1 March in Hong Kong.
  static final Instant TODAY = Instant.parse("2025-03-01T02:00:00Z");
  static final Instant JUST_AFTER_HK_MIDNIGHT = Instant.parse("2025-02-28T16:30:00Z");
  static final Instant YESTERDAY = Instant.parse("2025-02-28T05:00:00Z");
  static final Instant LONG_AGO = Instant.parse("2025-02-20T05:00:00Z");

  static void entry(OperatorFixture f, long customer, String status, Instant at) {
    f.execute(
        "INSERT INTO wallet_entries (id, customer_id, currency, type, amount, fee, status,"
            + " reference, created_at, updated_at) VALUES (?, ?, 'HKD', 'topup', 100, 0, ?, 'x', ?, ?)",
        Ids.random(),
        customer,
        status,
        Time.micros(at),
        Time.micros(at));
  }

  static long payment(
      OperatorFixture f, long store, String currency, long amount, String status, Instant at) {
    long id = Ids.random();
    f.execute(
        "INSERT INTO payments (id, merchant_id, merchant_reference, customer_id, store_id,"
            + " terminal_id, currency, amount, fee, amount_refunded, fee_refunded, refunds_count,"
            + " status, device_id, time_step, created_at, updated_at)"
            + " VALUES (?, 1, ?, 1, ?, 1, ?, ?, 0, 0, 0, 0, ?, 1, 1, ?, ?)",
        id,
        "ref-" + id,
        store,
        currency,
        amount,
        status,
        Time.micros(at),
        Time.micros(at));
    return id;
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.operators.OperatorFixture#stores")
  void countsActiveCustomersAcceptingStoresAndVolumePerHongKongDay(Kind kind) {
    try (OperatorFixture f = new OperatorFixture(kind)) {
      entry(f, 1, "succeeded", TODAY);
      entry(f, 1, "succeeded", YESTERDAY);
      entry(f, 2, "succeeded", YESTERDAY);
      entry(f, 3, "succeeded", JUST_AFTER_HK_MIDNIGHT);
      entry(f, 4, "failed", TODAY);
      entry(f, 5, "succeeded", LONG_AGO);
      payment(f, 10, "HKD", 1_000, "succeeded", TODAY);
      payment(f, 11, "CNY", 500, "succeeded", JUST_AFTER_HK_MIDNIGHT);
      long refunded = payment(f, 10, "HKD", 300, "succeeded", YESTERDAY);
      payment(f, 12, "HKD", 9_999, "failed", TODAY);
      payment(f, 13, "HKD", 7_777, "succeeded", LONG_AGO);
      f.execute(
          "INSERT INTO refunds (id, payment_id, merchant_id, seq, amount, fee_returned, created_at)"
              + " VALUES (?, ?, 1, 1, 200, 0, ?)",
          Ids.random(),
          refunded,
          Time.micros(TODAY));

      OperatorStats.Summary summary = f.stats.lastDays(3);
      assertThat(summary.from()).isEqualTo(LocalDate.of(2025, 2, 27));
      assertThat(summary.to()).isEqualTo(LocalDate.of(2025, 3, 1));
      assertThat(summary.activeCustomers()).isEqualTo(3);
      assertThat(summary.acceptingStores()).isEqualTo(2);
      assertThat(summary.days()).hasSize(3);
      OperatorStats.Day first = summary.days().get(0);
      assertThat(first.activeCustomers()).isZero();
      assertThat(first.capturedMinor()).isEmpty();
      OperatorStats.Day yesterday = summary.days().get(1);
      assertThat(yesterday.day()).isEqualTo(LocalDate.of(2025, 2, 28));
      assertThat(yesterday.activeCustomers()).isEqualTo(2);
      assertThat(yesterday.acceptingStores()).isEqualTo(1);
      assertThat(yesterday.capturedMinor()).isEqualTo(Map.of("HKD", 300L));
      assertThat(yesterday.refundedMinor()).isEmpty();
      OperatorStats.Day today = summary.days().get(2);
      assertThat(today.activeCustomers()).as("customers 1 and 3 (after HK midnight)").isEqualTo(2);
      assertThat(today.acceptingStores()).isEqualTo(2);
      assertThat(today.capturedMinor()).isEqualTo(Map.of("HKD", 1_000L, "CNY", 500L));
      assertThat(today.refundedMinor()).isEqualTo(Map.of("HKD", 200L));

      assertThat(f.stats.lastDays(30).activeCustomers()).isEqualTo(4);
      fails(() -> f.stats.lastDays(0), ErrorType.INVALID_REQUEST, "days_invalid");
      fails(() -> f.stats.lastDays(367), ErrorType.INVALID_REQUEST, "days_invalid");
    }
  }
}

package io.harbourpay.server.api;

import io.harbourpay.platform.payments.PayCode;
import io.harbourpay.platform.payments.PayCodeDevice;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.platform.payments.Refund;
import java.time.Instant;
import java.util.List;

/** Request and response shapes of pay-code payments (docs/payments.md). */
public final class PaymentDto {
  private PaymentDto() {}

  public record ChargeRequest(
      String payCode,
      Long amount,
      String currency,
      String store,
      String terminal,
      String merchantReference) {}

  public record RefundRequest(Long amount, String reason, String merchantRefundReference) {}

  public record ConfirmRequest(String pin) {}

  public record DeviceView(
      String object, String deviceId, String secret, Instant offlineUntil, Instant created) {
    static DeviceView of(PayCodeDevice device) {
      return new DeviceView(
          "paycode_device",
          device.deviceNumber(),
          device.secretHex(),
          device.key().offlineUntil(),
          device.createdAt());
    }
  }

  public record PayCodeView(String object, String code, String deviceId, Instant expiresAt) {
    static PayCodeView of(PayCode code) {
      return new PayCodeView(
          "paycode", code.code(), String.format("%08d", code.deviceId()), code.expiresAt());
    }
  }

  public record RefundView(
      String object,
      String id,
      String payment,
      long amount,
      long feeReturned,
      String reason,
      String merchantRefundReference,
      Instant created) {
    static RefundView of(Refund refund) {
      return new RefundView(
          "refund",
          refund.publicId(),
          refund.paymentPublicId(),
          refund.amountMinor(),
          refund.feeReturnedMinor(),
          refund.reason(),
          refund.reference(),
          refund.createdAt());
    }
  }

  /** A payment as its merchant sees it. */
  public record PaymentView(
      String object,
      String id,
      String status,
      String failureCode,
      long amount,
      String currency,
      long fee,
      long amountRefunded,
      long feeRefunded,
      String merchantReference,
      String store,
      String terminal,
      Instant expiresAt,
      Instant created,
      Instant updated,
      List<RefundView> refunds) {
    static PaymentView of(Payment payment) {
      return new PaymentView(
          "payment",
          payment.publicId(),
          payment.status(),
          payment.failureCode(),
          payment.amountMinor(),
          payment.currency().name(),
          payment.feeMinor(),
          payment.amountRefundedMinor(),
          payment.feeRefundedMinor(),
          payment.merchantReference(),
          payment.storePublicId(),
          payment.terminalPublicId(),
          payment.expiresAt(),
          payment.createdAt(),
          payment.updatedAt(),
          payment.refunds().stream().map(RefundView::of).toList());
    }
  }

  /** A payment as the paying customer sees it: who is charging, how much, until when. */
  public record CustomerPaymentView(
      String object,
      String id,
      String status,
      String failureCode,
      long amount,
      String currency,
      String merchant,
      String merchantName,
      long amountRefunded,
      Instant expiresAt,
      Instant created) {
    static CustomerPaymentView of(Payment payment, String merchantName) {
      return new CustomerPaymentView(
          "payment",
          payment.publicId(),
          payment.status(),
          payment.failureCode(),
          payment.amountMinor(),
          payment.currency().name(),
          io.harbourpay.platform.Ids.publicId(
              io.harbourpay.platform.merchants.Merchant.ID_PREFIX, payment.merchantId()),
          merchantName,
          payment.amountRefundedMinor(),
          payment.expiresAt(),
          payment.createdAt());
    }
  }
}

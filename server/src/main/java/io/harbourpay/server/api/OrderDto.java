package io.harbourpay.server.api;

import io.harbourpay.platform.payments.Order;
import io.harbourpay.platform.payments.OrderService;
import java.time.Instant;

/** Request and response shapes of merchant-presented dynamic QR orders (docs/payments.md). */
public final class OrderDto {
  private OrderDto() {}

  public record CreateRequest(
      Long amount,
      String currency,
      String store,
      String terminal,
      String merchantReference,
      Integer expiresInSeconds) {}

  public record DecodeRequest(String payload) {}

  public record PayRequest(String pin) {}

  /** An order as its merchant sees it; {@code payment} once paid. */
  public record OrderView(
      String object,
      String id,
      String status,
      long amount,
      String currency,
      String merchantReference,
      String store,
      String terminal,
      String payload,
      String qrUrl,
      String payment,
      Instant expiresAt,
      Instant created,
      Instant updated) {
    static OrderView of(Order order) {
      return new OrderView(
          "order",
          order.publicId(),
          order.status(),
          order.amountMinor(),
          order.currency().name(),
          order.merchantReference(),
          order.storePublicId(),
          order.terminalPublicId(),
          order.payload(),
          "/v1/merchant/orders/" + order.publicId() + "/qr.png",
          order.paymentPublicId(),
          order.expiresAt(),
          order.createdAt(),
          order.updatedAt());
    }
  }

  /** What the wallet shows after scanning: who, where, how much. */
  public record DecodedView(
      String object,
      String order,
      String status,
      String merchant,
      String merchantName,
      String store,
      String storeName,
      String storeNameZh,
      long amount,
      String currency,
      Instant expiresAt) {
    static DecodedView of(OrderService.DecodedOrder decoded) {
      Order order = decoded.order();
      return new DecodedView(
          "decoded_order",
          order.publicId(),
          order.status(),
          io.harbourpay.platform.Ids.publicId(
              io.harbourpay.platform.merchants.Merchant.ID_PREFIX, order.merchantId()),
          decoded.merchantName(),
          decoded.store().publicId(),
          decoded.store().nameEn(),
          decoded.store().nameZh(),
          decoded.amountMinor(),
          decoded.currency().name(),
          order.expiresAt());
    }
  }
}

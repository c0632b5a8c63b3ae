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

  /** What the customer sends to pay a store's static code: the amount they entered. */
  public record StorePayRequest(Long amount, String currency, String pin) {}

  /** A store's static sticker payload, for the merchant to print. */
  public record StoreQrView(String object, String store, String payload, String qrUrl) {
    static StoreQrView of(String storePublicId, String payload) {
      return new StoreQrView(
          "store_qr", storePublicId, payload, "/v1/merchant/stores/" + storePublicId + "/qr.png");
    }
  }

  /** What the wallet shows after scanning a store sticker: the customer enters the amount. */
  public record DecodedStoreView(
      String object,
      String order,
      String merchant,
      String merchantName,
      String store,
      String storeName,
      String storeNameZh,
      Long amount,
      String currency,
      String payUrl) {
    static DecodedStoreView of(io.harbourpay.platform.payments.StaticQrService.DecodedStore d) {
      return new DecodedStoreView(
          "decoded_store",
          null,
          d.merchant().publicId(),
          d.merchant().legalName(),
          d.store().publicId(),
          d.store().nameEn(),
          d.store().nameZh(),
          null,
          d.currency().name(),
          "/v1/stores/" + d.store().publicId() + "/pay");
    }
  }

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

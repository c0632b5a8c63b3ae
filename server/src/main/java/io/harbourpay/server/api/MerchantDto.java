package io.harbourpay.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.merchants.IssuedKey;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantKey;
import io.harbourpay.platform.merchants.NewMerchant;
import io.harbourpay.platform.merchants.NewStore;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.merchants.Terminal;
import java.time.Instant;

/** What the merchant endpoints read and write (snake_case on the wire, public ids). */
public final class MerchantDto {
  private MerchantDto() {}

  // Requests
  public record MerchantRequest(
      String legalName,
      String mcc,
      String country,
      String settlementCurrency,
      Integer discountRateBps,
      String bankCode,
      String bankAccountNumber,
      String fpsId) {
    NewMerchant toNew() {
      return new NewMerchant(
          legalName,
          mcc,
          country,
          settlementCurrency,
          discountRateBps,
          bankCode,
          bankAccountNumber,
          fpsId);
    }
  }

  public record StoreRequest(String nameEn, String nameZh, String address, String district) {
    NewStore toNew() {
      return new NewStore(nameEn, nameZh, address, district);
    }
  }

  public record TerminalRequest(String label) {}

  public record DiscountRateRequest(Integer discountRateBps) {}

  /** {@code fps_id} must be present; {@code null} removes the identifier. */
  public record FpsIdRequest(String fpsId) {}

  public record StatusChange(String reason) {}

  // Responses
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record MerchantView(
      String object,
      String id,
      String legalName,
      String mcc,
      String country,
      String settlementCurrency,
      int discountRateBps,
      String bankCode,
      String bankAccountNumber,
      String fpsId,
      String status,
      Long storesCount,
      Instant createdAt,
      Instant updatedAt) {
    static MerchantView of(Merchant merchant, Long storesCount) {
      return new MerchantView(
          "merchant",
          merchant.publicId(),
          merchant.legalName(),
          merchant.mcc(),
          merchant.country(),
          merchant.settlementCurrency(),
          merchant.discountRateBps(),
          merchant.bankCode(),
          merchant.bankAccountMasked(),
          merchant.fpsId(),
          merchant.status().wireName(),
          storesCount,
          merchant.createdAt(),
          merchant.updatedAt());
    }
  }

  public record StoreView(
      String object,
      String id,
      String merchant,
      String nameEn,
      String nameZh,
      String address,
      String district,
      Instant createdAt) {
    static StoreView of(Store store) {
      return new StoreView(
          "store",
          store.publicId(),
          Ids.publicId(Merchant.ID_PREFIX, store.merchantId()),
          store.nameEn(),
          store.nameZh(),
          store.address(),
          store.district(),
          store.createdAt());
    }
  }

  public record TerminalView(
      String object,
      String id,
      String merchant,
      String store,
      String label,
      String status,
      Instant createdAt) {
    static TerminalView of(Terminal terminal) {
      return new TerminalView(
          "terminal",
          terminal.publicId(),
          Ids.publicId(Merchant.ID_PREFIX, terminal.merchantId()),
          Ids.publicId(Store.ID_PREFIX, terminal.storeId()),
          terminal.label(),
          terminal.status().wireName(),
          terminal.createdAt());
    }
  }

  /** A key; {@code secret} only in the response that created it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record KeyView(
      String object,
      String id,
      String merchant,
      String status,
      String secret,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt) {
    static KeyView of(MerchantKey key, Instant now) {
      return new KeyView(
          "api_key",
          key.publicId(),
          key.merchantPublicId(),
          key.status(now),
          null,
          key.createdAt(),
          key.expiresAt(),
          key.revokedAt());
    }

    static KeyView of(IssuedKey issued, Instant now) {
      MerchantKey key = issued.key();
      return new KeyView(
          "api_key",
          key.publicId(),
          key.merchantPublicId(),
          key.status(now),
          issued.secret(),
          key.createdAt(),
          key.expiresAt(),
          key.revokedAt());
    }
  }
}

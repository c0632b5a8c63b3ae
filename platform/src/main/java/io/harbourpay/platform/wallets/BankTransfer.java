package io.harbourpay.platform.wallets;

import io.harbourpay.platform.Ids;

/** A top-up (bank → wallet) or a withdrawal (wallet → bank) and where it stands. */
public record BankTransfer(
    long id,
    long customerId,
    Kind kind,
    long bankAccountId,
    WalletCurrency currency,
    long amountMinor,
    String status,
    String failureCode,
    long createdAtMicros,
    long updatedAtMicros) {
  public static final String PROCESSING = "processing";
  public static final String SUCCEEDED = "succeeded";
  public static final String FAILED = "failed";

  public enum Kind {
    TOPUP("tpu"),
    WITHDRAWAL("wdl");

    final String prefix;

    Kind(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }

    String column() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public String publicId() {
    return Ids.publicId(kind.prefix, id);
  }
}

package io.harbourpay.server.api;

import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.wallets.HistoryEntry;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** A plain-text receipt, in Hong Kong time. */
final class Receipts {
  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'HKT'")
          .withZone(ZoneId.of("Asia/Hong_Kong"));

  private Receipts() {}

  static String text(HistoryEntry entry, CustomerRef customer) {
    StringBuilder receipt = new StringBuilder();
    receipt.append("HarbourPay receipt\n");
    receipt.append("Transaction   ").append(entry.publicId()).append('\n');
    receipt.append("Reference     ").append(entry.reference()).append('\n');
    receipt.append("Customer      ").append(customer.publicId()).append('\n');
    receipt.append("Type          ").append(entry.type()).append('\n');
    receipt
        .append("Amount        ")
        .append(entry.currency())
        .append(' ')
        .append(major(entry.amountMinor()))
        .append('\n');
    receipt
        .append("Fee           ")
        .append(entry.currency())
        .append(' ')
        .append(major(entry.feeMinor()))
        .append('\n');
    receipt.append("Status        ").append(entry.status()).append('\n');
    if (entry.counterparty() != null)
      receipt.append("Counterparty  ").append(entry.counterparty()).append('\n');
    if (entry.memo() != null) receipt.append("Memo          ").append(entry.memo()).append('\n');
    if (entry.balanceAfterMinor() != null) {
      receipt
          .append("Balance after ")
          .append(entry.currency())
          .append(' ')
          .append(major(entry.balanceAfterMinor()))
          .append('\n');
    }
    receipt
        .append("Time          ")
        .append(WHEN.format(Dto.instant(entry.createdAtMicros())))
        .append('\n');
    return receipt.toString();
  }

  /** Minor units shown with two decimals, exactly (HKD, CNY and MOP all have two). */
  private static String major(long minor) {
    return BigDecimal.valueOf(minor, 2).toPlainString();
  }
}

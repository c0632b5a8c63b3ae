package io.harbourpay.server.api;

import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.customers.Customer;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.wallets.BankAccount;
import io.harbourpay.platform.wallets.BankTransfer;
import io.harbourpay.platform.wallets.HistoryEntry;
import io.harbourpay.platform.wallets.LimitStatus;
import io.harbourpay.platform.wallets.P2pTransfer;
import io.harbourpay.platform.wallets.Wallet;
import java.time.Instant;
import java.util.List;

/**
 * What the API reads and writes. Field names go out in snake_case; amounts are integers in minor
 * units with an ISO 4217 currency; ids are prefixed public ids; times are ISO-8601 instants.
 */
public final class Dto {
  private Dto() {}

  static <T> T required(T value, String field) {
    if (value == null || (value instanceof String text && text.isBlank())) {
      throw PlatformException.invalid(
          field, "parameter_missing", "Field " + field + " is required");
    }
    return value;
  }

  static Instant instant(long micros) {
    return Time.instant(micros);
  }

  // Requests
  public record OtpRequest(String phone) {}

  public record LoginRequest(String phone, String code) {}

  public record PinRequest(String pin, String currentPin) {}

  public record KycRequest(
      String documentType,
      String documentNumber,
      String fullName,
      String dateOfBirth,
      String requestedTier) {}

  public record OpenWalletRequest(String currency) {}

  public record BankAccountRequest(
      String bankCode, String accountNumber, String holderName, String currency) {}

  public record TopUpRequest(String bankAccount, Long amount, String currency) {}

  public record WithdrawalRequest(String bankAccount, Long amount, String currency, String pin) {}

  public record TransferRequest(
      String toPhone, Long amount, String currency, String memo, String pin) {}

  public record ReviewDecision(String note, String reason) {}

  // Responses
  public record PinView(boolean set, int attemptsLeft, Instant lockedUntil) {}

  public record OtpSent(String object, String phone, Instant expiresAt, Instant resendAfter) {}

  public record Session(
      String object, String token, Instant expiresAt, boolean created, CustomerView customer) {}

  public record CustomerView(
      String object, String id, String phone, String tier, String status, Instant createdAt) {
    static CustomerView of(Customer customer) {
      return new CustomerView(
          "customer",
          customer.publicId(),
          customer.phone(),
          customer.tier().name().toLowerCase(java.util.Locale.ROOT),
          customer.locked() ? "locked" : "active",
          customer.createdAt());
    }
  }

  public record Limits(
      long perPayment,
      long daily,
      long dailyRemaining,
      long yearly,
      long yearlyRemaining,
      long balanceCap) {
    static Limits of(LimitStatus status) {
      return new Limits(
          status.perPaymentMinor(),
          status.dailyMinor(),
          status.dailyRemainingMinor(),
          status.yearlyMinor(),
          status.yearlyRemainingMinor(),
          status.balanceCapMinor());
    }
  }

  public record WalletView(
      String object, String currency, long balance, long available, long incoming, Limits limits) {
    static WalletView of(Wallet wallet) {
      return new WalletView(
          "wallet",
          wallet.currency().name(),
          wallet.balanceMinor(),
          wallet.availableMinor(),
          wallet.incomingMinor(),
          Limits.of(wallet.limits()));
    }
  }

  public record ListView<T>(String object, List<T> data, boolean hasMore, String nextCursor) {
    static <T> ListView<T> of(List<T> data, String nextCursor) {
      return new ListView<>("list", data, nextCursor != null, nextCursor);
    }
  }

  public record BankAccountView(
      String object,
      String id,
      String bankCode,
      String accountNumber,
      String holderName,
      String currency) {
    static BankAccountView of(BankAccount account) {
      return new BankAccountView(
          "bank_account",
          account.publicId(),
          account.bankCode(),
          account.maskedNumber(),
          account.holderName(),
          account.currency().name());
    }
  }

  public record BankTransferView(
      String object,
      String id,
      long amount,
      String currency,
      String status,
      String failureCode,
      String bankAccount,
      Instant created,
      Instant updated) {
    static BankTransferView of(BankTransfer transfer, String bankAccountPublicId) {
      return new BankTransferView(
          transfer.kind() == BankTransfer.Kind.TOPUP ? "topup" : "withdrawal",
          transfer.publicId(),
          transfer.amountMinor(),
          transfer.currency().name(),
          transfer.status(),
          transfer.failureCode(),
          bankAccountPublicId,
          instant(transfer.createdAtMicros()),
          instant(transfer.updatedAtMicros()));
    }
  }

  public record TransferView(
      String object,
      String id,
      String toPhone,
      long amount,
      String currency,
      String memo,
      String status,
      Instant created) {
    static TransferView of(P2pTransfer transfer) {
      return new TransferView(
          "transfer",
          transfer.publicId(),
          transfer.receiverPhone(),
          transfer.amountMinor(),
          transfer.currency().name(),
          transfer.memo(),
          "succeeded",
          instant(transfer.createdAtMicros()));
    }
  }

  public record TransactionView(
      String object,
      String id,
      String type,
      long amount,
      long fee,
      String currency,
      String status,
      String counterparty,
      String memo,
      String reference,
      Long balanceAfter,
      Instant created,
      Instant updated) {
    static TransactionView of(HistoryEntry entry) {
      return new TransactionView(
          "transaction",
          entry.publicId(),
          entry.type(),
          entry.amountMinor(),
          entry.feeMinor(),
          entry.currency().name(),
          entry.status(),
          entry.counterparty(),
          entry.memo(),
          entry.reference(),
          entry.balanceAfterMinor(),
          instant(entry.createdAtMicros()),
          instant(entry.updatedAtMicros()));
    }
  }

  public record KycView(
      String object,
      String id,
      String customer,
      String documentType,
      String documentNumber,
      String fullName,
      String requestedTier,
      String status,
      String decidedBy,
      String note,
      Instant submitted,
      Instant decided) {
    static KycView of(KycReview review) {
      return new KycView(
          "identity_review",
          review.publicId(),
          review.customerPublicId(),
          review.documentType().name(),
          review.documentNumberMasked(),
          review.fullName(),
          review.requestedTier().name().toLowerCase(java.util.Locale.ROOT),
          review.status().name().toLowerCase(java.util.Locale.ROOT),
          review.decidedBy(),
          review.decisionNote(),
          review.submittedAt(),
          review.decidedAt());
    }
  }
}

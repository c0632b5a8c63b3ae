package io.harbourpay.platform.payments;

/** The {@code data} of payment webhook events, as JSON (the platform has no JSON library). */
final class PaymentJson {
  private PaymentJson() {}

  static String payment(Payment payment) {
    return "{\"object\":\"payment\",\"id\":"
        + string(payment.publicId())
        + ",\"status\":"
        + string(payment.status())
        + ",\"amount\":"
        + payment.amountMinor()
        + ",\"currency\":"
        + string(payment.currency().name())
        + ",\"fee\":"
        + payment.feeMinor()
        + ",\"amount_refunded\":"
        + payment.amountRefundedMinor()
        + ",\"merchant_reference\":"
        + string(payment.merchantReference())
        + ",\"store\":"
        + string(payment.storePublicId())
        + ",\"terminal\":"
        + string(payment.terminalPublicId())
        + ",\"failure_code\":"
        + string(payment.failureCode())
        + "}";
  }

  static String refund(Refund refund, Payment payment) {
    return "{\"object\":\"refund\",\"id\":"
        + string(refund.publicId())
        + ",\"payment\":"
        + string(payment.publicId())
        + ",\"merchant_reference\":"
        + string(payment.merchantReference())
        + ",\"amount\":"
        + refund.amountMinor()
        + ",\"currency\":"
        + string(payment.currency().name())
        + ",\"fee_returned\":"
        + refund.feeReturnedMinor()
        + ",\"reason\":"
        + string(refund.reason())
        + ",\"payment_amount_refunded\":"
        + (payment.amountRefundedMinor() + refund.amountMinor())
        + "}";
  }

  static String string(String text) {
    if (text == null) return "null";
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
          else out.append(c);
        }
      }
    }
    return out.append('"').toString();
  }
}

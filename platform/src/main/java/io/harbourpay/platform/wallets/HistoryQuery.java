package io.harbourpay.platform.wallets;

import io.harbourpay.platform.PlatformException;
import java.util.Set;

/**
 * Filters and the cursor of a history page, newest first. Null filters match everything; {@code
 * fromMicros} is inclusive and {@code toMicros} exclusive.
 */
public record HistoryQuery(
    String currency, String type, Long fromMicros, Long toMicros, int limit, String cursor) {
  public static final int LIMIT_MAX = 100;
  public static final Set<String> TYPES =
      Set.of("topup", "withdrawal", "p2p_in", "p2p_out", "payment", "refund");

  public HistoryQuery {
    if (limit < 1 || limit > LIMIT_MAX) {
      throw PlatformException.invalid(
          "limit", "limit_invalid", "limit must be between 1 and " + LIMIT_MAX);
    }
    if (currency != null) currency = WalletCurrency.parse(currency, "currency").name();
    if (type != null && !TYPES.contains(type)) {
      throw PlatformException.invalid("type", "type_invalid", "type must be one of " + TYPES);
    }
    if (fromMicros != null && toMicros != null && fromMicros >= toMicros) {
      throw PlatformException.invalid("from", "range_invalid", "from must be before to");
    }
  }
}

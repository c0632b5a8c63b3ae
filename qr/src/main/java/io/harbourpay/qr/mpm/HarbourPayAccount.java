package io.harbourpay.qr.mpm;

import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * HarbourPay's own merchant account template: GUID {@value #GUID} in template {@value
 * #TEMPLATE_ID}, which Hong Kong's allocation leaves to payment operators (32–51). Beside an FPS
 * template on one sticker, a HarbourPay wallet pays through the platform and any FPS app pays by
 * FPS. See docs/qr.md.
 *
 * @param merchantId 01, the platform's merchant id
 * @param storeId 02, optional
 * @param terminalId 03, optional: the till that shows a dynamic code
 * @param orderReference 04, optional: the order a dynamic code pays
 */
public record HarbourPayAccount(
    String merchantId, String storeId, String terminalId, String orderReference) {

  public static final String GUID = "io.harbourpay";
  public static final String TEMPLATE_ID = "32";

  // The four bounds and the GUID keep the whole template within 99 characters.
  public static final int MERCHANT_ID_LENGTH_MAX = 16;
  public static final int STORE_ID_LENGTH_MAX = 12;
  public static final int TERMINAL_ID_LENGTH_MAX = 12;
  public static final int ORDER_REFERENCE_LENGTH_MAX = 25;

  public HarbourPayAccount {
    Objects.requireNonNull(merchantId, "merchantId");
    requireId("merchant id", merchantId, MERCHANT_ID_LENGTH_MAX);
    requireId("store id", storeId, STORE_ID_LENGTH_MAX);
    requireId("terminal id", terminalId, TERMINAL_ID_LENGTH_MAX);
    requireId("order reference", orderReference, ORDER_REFERENCE_LENGTH_MAX);
  }

  public GuidTemplate toTemplate() {
    TreeMap<String, String> fields = new TreeMap<>();
    FpsAccount.putIfPresent(fields, "01", merchantId);
    FpsAccount.putIfPresent(fields, "02", storeId);
    FpsAccount.putIfPresent(fields, "03", terminalId);
    FpsAccount.putIfPresent(fields, "04", orderReference);
    return new GuidTemplate(TEMPLATE_ID, GUID, fields);
  }

  /** The HarbourPay account of a template, if it is a well-formed HarbourPay template. */
  public static Optional<HarbourPayAccount> from(GuidTemplate template) {
    if (!template.hasGuid(GUID) || template.fields().get("01") == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new HarbourPayAccount(
              template.fields().get("01"),
              template.fields().get("02"),
              template.fields().get("03"),
              template.fields().get("04")));
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
  }

  private static void requireId(String name, String value, int lengthMax) {
    if (value == null) {
      return;
    }
    if (value.isEmpty() || value.length() > lengthMax) {
      throw new IllegalArgumentException(name + " must be 1 to " + lengthMax + " characters");
    }
    if (!EmvText.ALPHANUMERIC_SPECIAL.accepts(value)) {
      throw new IllegalArgumentException(name + " must be printable ASCII: " + value);
    }
  }
}

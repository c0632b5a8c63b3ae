package io.harbourpay.qr.mpm;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a {@link MerchantPresentedPayload} as EMVCo MPM text: data objects in ascending ID order
 * (so 00 comes first), the CRC data object 63 last. The encoder checks only what it cannot write (a
 * value longer than 99 characters); the rules of the specification are the decoder's, so a
 * generator checks its output with {@code MpmDecoder.decode(text, DecodeMode.STRICT)}.
 */
public final class MpmEncoder {
  /** Two length digits: no value can be longer. */
  public static final int VALUE_LENGTH_MAX = 99;

  static final String CRC_HEADER = "6304";

  private MpmEncoder() {}

  /**
   * The payload's text, CRC included.
   *
   * @throws IllegalArgumentException if a value or template is longer than {@value
   *     #VALUE_LENGTH_MAX} characters
   */
  public static String encode(MerchantPresentedPayload payload) {
    SortedMap<String, String> objects = new TreeMap<>();
    objects.put("00", payload.payloadFormatIndicator());
    if (payload.pointOfInitiation() != null) {
      objects.put("01", payload.pointOfInitiation().code());
    }
    objects.putAll(payload.primitiveAccounts());
    payload.merchantAccountTemplates().forEach(t -> objects.put(t.id(), template(t)));
    putIfPresent(objects, "52", payload.merchantCategoryCode());
    putIfPresent(objects, "53", payload.transactionCurrency());
    putIfPresent(objects, "54", payload.transactionAmount());
    if (payload.tipOrConvenienceIndicator() != null) {
      objects.put("55", payload.tipOrConvenienceIndicator().code());
    }
    putIfPresent(objects, "56", payload.convenienceFeeFixed());
    putIfPresent(objects, "57", payload.convenienceFeePercentage());
    putIfPresent(objects, "58", payload.countryCode());
    putIfPresent(objects, "59", payload.merchantName());
    putIfPresent(objects, "60", payload.merchantCity());
    putIfPresent(objects, "61", payload.postalCode());
    if (payload.additionalData() != null) {
      objects.put("62", additionalData(payload.additionalData()));
    }
    if (payload.alternateLanguage() != null) {
      objects.put("64", alternateLanguage(payload.alternateLanguage()));
    }
    objects.putAll(payload.reservedForFutureUse());
    payload.unreservedTemplates().forEach(t -> objects.put(t.id(), template(t)));

    StringBuilder text = new StringBuilder();
    objects.forEach((id, value) -> append(text, id, value));
    text.append(CRC_HEADER);
    text.append(Crc16.hexOf(text));
    return text.toString();
  }

  static String template(GuidTemplate template) {
    SortedMap<String, String> fields = new TreeMap<>(template.fields());
    putIfPresent(fields, "00", template.globallyUniqueIdentifier());
    return concatenate(fields);
  }

  private static String additionalData(AdditionalData data) {
    SortedMap<String, String> fields = new TreeMap<>(data.otherFields());
    putIfPresent(fields, "01", data.billNumber());
    putIfPresent(fields, "02", data.mobileNumber());
    putIfPresent(fields, "03", data.storeLabel());
    putIfPresent(fields, "04", data.loyaltyNumber());
    putIfPresent(fields, "05", data.referenceLabel());
    putIfPresent(fields, "06", data.customerLabel());
    putIfPresent(fields, "07", data.terminalLabel());
    putIfPresent(fields, "08", data.purposeOfTransaction());
    putIfPresent(fields, "09", data.consumerDataRequest());
    data.paymentSystemTemplates().forEach(t -> fields.put(t.id(), template(t)));
    return concatenate(fields);
  }

  private static String alternateLanguage(AlternateLanguage language) {
    SortedMap<String, String> fields = new TreeMap<>(language.otherFields());
    putIfPresent(fields, "00", language.language());
    putIfPresent(fields, "01", language.merchantName());
    putIfPresent(fields, "02", language.merchantCity());
    return concatenate(fields);
  }

  private static String concatenate(Map<String, String> fields) {
    StringBuilder text = new StringBuilder();
    fields.forEach((id, value) -> append(text, id, value));
    return text.toString();
  }

  private static void putIfPresent(Map<String, String> fields, String id, String value) {
    if (value != null) {
      fields.put(id, value);
    }
  }

  private static void append(StringBuilder text, String id, String value) {
    int length = EmvText.length(value);
    if (length > VALUE_LENGTH_MAX) {
      throw new IllegalArgumentException(
          "data object "
              + id
              + " is "
              + length
              + " characters long; at most "
              + VALUE_LENGTH_MAX
              + " fit in its length field");
    }
    text.append(id).append(length < 10 ? "0" : "").append(length).append(value);
  }
}

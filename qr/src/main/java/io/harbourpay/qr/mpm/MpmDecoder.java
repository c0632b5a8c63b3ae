package io.harbourpay.qr.mpm;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.ProblemCollector;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.Rule;
import io.harbourpay.qr.mpm.MpmTlv.DataObject;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and validates EMVCo MPM text. Every problem is reported with the data object's path, its
 * position in code points and the rule broken; a decode goes on after a problem wherever the
 * structure still allows it, so the caller sees all of them. Nothing but {@link QrFormatException}
 * escapes, whatever the input.
 */
public final class MpmDecoder {
  /** The specification's maximum payload length in characters. */
  public static final int PAYLOAD_LENGTH_MAX = 512;

  /**
   * The longest text read at all: a QR symbol of version 40 at level L carries 2953 bytes, so
   * nothing longer was ever scanned.
   */
  public static final int INPUT_LENGTH_MAX = 2953;

  public static final int FORMAT_INDICATOR_LENGTH = 2;
  public static final int MERCHANT_CATEGORY_CODE_LENGTH = 4;
  public static final int CURRENCY_LENGTH = 3;
  public static final int PERCENTAGE_LENGTH_MAX = 5;
  public static final int COUNTRY_CODE_LENGTH = 2;
  public static final int MERCHANT_NAME_LENGTH_MAX = 25;
  public static final int MERCHANT_CITY_LENGTH_MAX = 15;
  public static final int POSTAL_CODE_LENGTH_MAX = 10;
  static final int CRC_LENGTH = 4;

  /** 57 is a percentage from 00.01 to 99.99: in hundredths, 1 to 9999. */
  private static final long PERCENTAGE_HUNDREDTHS_MAX = 9_999;

  private final int[] codePoints;
  private final ProblemCollector problems;
  private final MerchantPresentedPayload.Builder builder = MerchantPresentedPayload.builder();

  private MpmDecoder(int[] codePoints, ProblemCollector problems) {
    this.codePoints = codePoints;
    this.problems = problems;
  }

  /**
   * Decodes {@code text}.
   *
   * @return the payload and the warnings the mode tolerated
   * @throws QrFormatException with every problem found, if any is an error in {@code mode}
   */
  public static Decoded<MerchantPresentedPayload> decode(String text, DecodeMode mode)
      throws QrFormatException {
    ProblemCollector problems = new ProblemCollector(mode);
    if (text == null || text.isEmpty()) {
      problems.report("payload", 0, Rule.SYNTAX, "the payload is empty");
      throw problems.failure();
    }
    if (text.length() > INPUT_LENGTH_MAX) {
      problems.report(
          "payload",
          0,
          Rule.INPUT_TOO_LONG,
          text.length() + " characters; no QR symbol carries more than " + INPUT_LENGTH_MAX);
      throw problems.failure();
    }
    return new MpmDecoder(text.codePoints().toArray(), problems).decodePayload();
  }

  private Decoded<MerchantPresentedPayload> decodePayload() throws QrFormatException {
    List<DataObject> objects = MpmTlv.parse(codePoints, 0, codePoints.length, "", problems);
    if (objects == null) {
      throw problems.failure();
    }
    if (codePoints.length > PAYLOAD_LENGTH_MAX) {
      problems.report(
          "payload",
          0,
          Rule.PAYLOAD_TOO_LONG,
          codePoints.length + " characters; the specification allows " + PAYLOAD_LENGTH_MAX);
    }
    checkCrc(objects);
    Map<String, DataObject> byId = MpmTlv.byId(objects, problems);
    DataObject formatIndicator = byId.get("00");
    if (formatIndicator == null) {
      problems.report(
          "00", 0, Rule.MISSING_ESSENTIAL, "no payload format indicator: not an EMVCo payload");
    } else if (formatIndicator != objects.get(0)) {
      problems.report(
          "00",
          formatIndicator.position(),
          Rule.ORDER,
          "the payload starts with " + objects.get(0).id() + " instead");
    }
    for (DataObject object : byId.values()) {
      readTopLevel(object);
    }
    checkPresence(byId);
    if (problems.hasErrors()) {
      throw problems.failure();
    }
    return problems.finish(builder.build());
  }

  private void readTopLevel(DataObject object) {
    int id = Ids.number(object.id());
    if (id >= MerchantPresentedPayload.PRIMITIVE_ACCOUNT_FIRST
        && id <= MerchantPresentedPayload.PRIMITIVE_ACCOUNT_LAST) {
      checkText(object, EmvText.ALPHANUMERIC_SPECIAL, 1, MpmEncoder.VALUE_LENGTH_MAX);
      builder.primitiveAccount(object.id(), object.value());
    } else if (id >= MerchantPresentedPayload.ACCOUNT_TEMPLATE_FIRST
        && id <= MerchantPresentedPayload.ACCOUNT_TEMPLATE_LAST) {
      GuidTemplate template = guidTemplate(object);
      if (template != null) {
        builder.merchantAccount(template);
      }
    } else if (id >= MerchantPresentedPayload.RESERVED_FIRST
        && id <= MerchantPresentedPayload.RESERVED_LAST) {
      checkText(object, EmvText.ANY, 1, MpmEncoder.VALUE_LENGTH_MAX);
      builder.reservedForFutureUse(object.id(), object.value());
    } else if (id >= MerchantPresentedPayload.UNRESERVED_FIRST) {
      GuidTemplate template = guidTemplate(object);
      if (template != null) {
        builder.unreservedTemplate(template);
      }
    } else {
      readNamed(object);
    }
  }

  private void readNamed(DataObject object) {
    String value = object.value();
    switch (object.id()) {
      case "00" -> {
        checkText(object, EmvText.NUMERIC, FORMAT_INDICATOR_LENGTH, FORMAT_INDICATOR_LENGTH);
        if (!value.isEmpty() && !MerchantPresentedPayload.FORMAT_VERSION_1.equals(value)) {
          report(object, Rule.FORMAT_INDICATOR, "is '" + value + "', this codec reads '01'");
        }
        builder.payloadFormatIndicator(value);
      }
      case "01" -> {
        if (value.isEmpty()) {
          report(object, Rule.EMPTY_VALUE, "zero-length point of initiation");
        } else {
          PointOfInitiation.fromCode(value)
              .ifPresentOrElse(
                  builder::pointOfInitiation,
                  () ->
                      report(
                          object,
                          Rule.INVALID_VALUE,
                          "is '" + value + "'; 11 (static) or 12 (dynamic)"));
        }
      }
      case "52" -> {
        checkText(
            object, EmvText.NUMERIC, MERCHANT_CATEGORY_CODE_LENGTH, MERCHANT_CATEGORY_CODE_LENGTH);
        builder.merchantCategoryCode(value);
      }
      case "53" -> {
        if (value.length() != CURRENCY_LENGTH || !EmvText.NUMERIC.accepts(value)) {
          report(object, Rule.INVALID_VALUE, "is '" + value + "'; an ISO 4217 numeric code");
        }
        builder.transactionCurrency(value);
      }
      case "54" -> {
        checkAmount(object);
        builder.transactionAmount(value);
      }
      case "55" -> {
        if (value.isEmpty()) {
          report(object, Rule.EMPTY_VALUE, "zero-length tip or convenience indicator");
        } else {
          TipOrConvenienceIndicator.fromCode(value)
              .ifPresentOrElse(
                  builder::tipOrConvenienceIndicator,
                  () ->
                      report(
                          object,
                          Rule.INVALID_VALUE,
                          "is '" + value + "'; 01 (tip), 02 (fixed fee) or 03 (percentage)"));
        }
      }
      case "56" -> {
        checkAmount(object);
        builder.convenienceFeeFixed(value);
      }
      case "57" -> {
        checkPercentage(object);
        builder.convenienceFeePercentage(value);
      }
      case "58" -> {
        checkText(object, EmvText.ALPHANUMERIC_SPECIAL, COUNTRY_CODE_LENGTH, COUNTRY_CODE_LENGTH);
        builder.countryCode(value);
      }
      case "59" -> {
        checkText(object, EmvText.ALPHANUMERIC_SPECIAL, 1, MERCHANT_NAME_LENGTH_MAX);
        builder.merchantName(value);
      }
      case "60" -> {
        checkText(object, EmvText.ALPHANUMERIC_SPECIAL, 1, MERCHANT_CITY_LENGTH_MAX);
        builder.merchantCity(value);
      }
      case "61" -> {
        checkText(object, EmvText.ALPHANUMERIC_SPECIAL, 1, POSTAL_CODE_LENGTH_MAX);
        builder.postalCode(value);
      }
      case "62" -> {
        AdditionalData data = additionalData(object);
        if (data != null) {
          builder.additionalData(data);
        }
      }
      case "63" -> {
        // Checked with the payload as a whole in checkCrc: it is not part of the model.
      }
      case "64" -> {
        AlternateLanguage language = alternateLanguage(object);
        if (language != null) {
          builder.alternateLanguage(language);
        }
      }
      default -> throw new AssertionError("every ID from 00 to 99 is handled: " + object.id());
    }
  }

  private void checkCrc(List<DataObject> objects) {
    DataObject last = objects.get(objects.size() - 1);
    DataObject crc = objects.stream().filter(o -> o.id().equals("63")).findFirst().orElse(null);
    if (crc == null) {
      problems.report(
          "63", codePoints.length, Rule.CRC_MISSING, "the payload ends without a CRC (6304....)");
      return;
    }
    if (crc != last || crc.value().length() != CRC_LENGTH) {
      report(
          crc,
          Rule.CRC_POSITION,
          crc != last
              ? "data objects follow the CRC, which must be last"
              : "the CRC has length " + crc.value().length() + " instead of 04");
      return;
    }
    if (!crc.value().chars().allMatch(MpmDecoder::isHexDigit)) {
      report(crc, Rule.CRC_FORMAT, "'" + crc.value() + "' is not four hexadecimal digits");
      return;
    }
    String expected = Crc16.hexOf(new String(codePoints, 0, crc.valueStart()));
    if (!expected.equals(crc.value().toUpperCase(Locale.ROOT))) {
      report(crc, Rule.CRC_MISMATCH, "is " + crc.value() + " but the payload's CRC is " + expected);
    }
  }

  private void checkPresence(Map<String, DataObject> byId) {
    if (!byId.containsKey("53")) {
      problems.report("53", 0, Rule.MISSING_ESSENTIAL, "no transaction currency");
    }
    boolean hasAccount =
        byId.keySet().stream()
            .mapToInt(Ids::number)
            .anyMatch(
                id ->
                    id >= MerchantPresentedPayload.PRIMITIVE_ACCOUNT_FIRST
                        && id <= MerchantPresentedPayload.ACCOUNT_TEMPLATE_LAST);
    if (!hasAccount) {
      problems.report(
          "02-51", 0, Rule.MISSING_ESSENTIAL, "no merchant account information: nobody to pay");
    }
    requireMandatory(byId, "52", "merchant category code");
    requireMandatory(byId, "58", "country code");
    requireMandatory(byId, "59", "merchant name");
    requireMandatory(byId, "60", "merchant city");

    DataObject indicator = byId.get("55");
    DataObject fixedFee = byId.get("56");
    DataObject percentageFee = byId.get("57");
    if (indicator != null) {
      if (indicator.value().equals(TipOrConvenienceIndicator.FIXED_FEE.code())
          && fixedFee == null) {
        report(indicator, Rule.INCONSISTENT, "asks for a fixed fee but 56 is missing");
      }
      if (indicator.value().equals(TipOrConvenienceIndicator.PERCENTAGE_FEE.code())
          && percentageFee == null) {
        report(indicator, Rule.INCONSISTENT, "asks for a percentage fee but 57 is missing");
      }
    }
    String indicatorValue = indicator == null ? "" : indicator.value();
    if (fixedFee != null && !indicatorValue.equals(TipOrConvenienceIndicator.FIXED_FEE.code())) {
      report(fixedFee, Rule.UNUSED, "a fixed fee counts only when 55 is 02");
    }
    if (percentageFee != null
        && !indicatorValue.equals(TipOrConvenienceIndicator.PERCENTAGE_FEE.code())) {
      report(percentageFee, Rule.UNUSED, "a percentage fee counts only when 55 is 03");
    }
  }

  private void requireMandatory(Map<String, DataObject> byId, String id, String name) {
    if (!byId.containsKey(id)) {
      problems.report(id, 0, Rule.MISSING_MANDATORY, "no " + name);
    }
  }

  private GuidTemplate guidTemplate(DataObject object) {
    if (object.value().isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length template");
      return new GuidTemplate(object.id(), null, new TreeMap<>());
    }
    Map<String, DataObject> fields = subFields(object);
    if (fields == null) {
      return null;
    }
    DataObject guid = fields.remove("00");
    if (guid == null) {
      report(object, Rule.GUID_MISSING, "template " + object.id() + " has no sub-field 00");
    } else {
      checkText(guid, EmvText.ALPHANUMERIC_SPECIAL, 1, GuidTemplate.GUID_LENGTH_MAX);
    }
    TreeMap<String, String> values = new TreeMap<>();
    for (DataObject field : fields.values()) {
      checkText(field, EmvText.ANY, 1, MpmEncoder.VALUE_LENGTH_MAX);
      values.put(field.id(), field.value());
    }
    return new GuidTemplate(object.id(), guid == null ? null : guid.value(), values);
  }

  private AdditionalData additionalData(DataObject object) {
    AdditionalData.Builder data = AdditionalData.builder();
    if (object.value().isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length additional data template");
      return data.build();
    }
    Map<String, DataObject> fields = subFields(object);
    if (fields == null) {
      return null;
    }
    for (DataObject field : fields.values()) {
      int id = Ids.number(field.id());
      String value = field.value();
      if (id >= AdditionalData.PAYMENT_SYSTEM_FIRST) {
        GuidTemplate template = guidTemplate(field);
        if (template != null) {
          data.paymentSystemTemplate(template);
        }
        continue;
      }
      checkText(field, EmvText.ALPHANUMERIC_SPECIAL, 1, AdditionalData.LABEL_LENGTH_MAX);
      if (id == 9 && !isConsumerDataRequest(value)) {
        report(field, Rule.UNUSED, "'" + value + "' asks for more than A, M and E");
      }
      switch (id) {
        case 1 -> data.billNumber(value);
        case 2 -> data.mobileNumber(value);
        case 3 -> data.storeLabel(value);
        case 4 -> data.loyaltyNumber(value);
        case 5 -> data.referenceLabel(value);
        case 6 -> data.customerLabel(value);
        case 7 -> data.terminalLabel(value);
        case 8 -> data.purposeOfTransaction(value);
        case 9 -> data.consumerDataRequest(value);
        default -> data.otherField(field.id(), value);
      }
    }
    return data.build();
  }

  private AlternateLanguage alternateLanguage(DataObject object) {
    if (object.value().isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length alternate language template");
      return new AlternateLanguage(null, null, null, new TreeMap<>());
    }
    Map<String, DataObject> fields = subFields(object);
    if (fields == null) {
      return null;
    }
    DataObject language = fields.remove("00");
    DataObject name = fields.remove("01");
    DataObject city = fields.remove("02");
    if (language == null) {
      report(object, Rule.MISSING_MANDATORY, "no language (64/00)");
    } else {
      checkText(
          language,
          EmvText.ALPHANUMERIC_SPECIAL,
          AlternateLanguage.LANGUAGE_LENGTH,
          AlternateLanguage.LANGUAGE_LENGTH);
    }
    if (name == null) {
      report(object, Rule.MISSING_MANDATORY, "no merchant name in the alternate language (64/01)");
    } else {
      checkText(name, EmvText.ANY, 1, AlternateLanguage.MERCHANT_NAME_LENGTH_MAX);
    }
    if (city != null) {
      checkText(city, EmvText.ANY, 1, AlternateLanguage.MERCHANT_CITY_LENGTH_MAX);
    }
    TreeMap<String, String> others = new TreeMap<>();
    for (DataObject field : fields.values()) {
      checkText(field, EmvText.ANY, 1, MpmEncoder.VALUE_LENGTH_MAX);
      others.put(field.id(), field.value());
    }
    return new AlternateLanguage(
        language == null ? null : language.value(),
        name == null ? null : name.value(),
        city == null ? null : city.value(),
        others);
  }

  /** The sub-fields of a template by ID in read order, or null after a syntax error. */
  private Map<String, DataObject> subFields(DataObject template) {
    List<DataObject> fields =
        MpmTlv.parse(
            codePoints, template.valueStart(), template.valueEnd(), template.path(), problems);
    return fields == null ? null : MpmTlv.byId(fields, problems);
  }

  /**
   * 09 lists what the payer should send: A (address), M (mobile), E (email). Published payloads
   * carry other text here and are paid, so anything else is only flagged.
   */
  private static boolean isConsumerDataRequest(String value) {
    return value.length() <= AdditionalData.CONSUMER_DATA_REQUEST_LENGTH_MAX
        && value.chars().allMatch(c -> c == 'A' || c == 'M' || c == 'E')
        && value.chars().distinct().count() == value.length();
  }

  private void checkAmount(DataObject object) {
    String value = object.value();
    if (value.isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length amount");
      return;
    }
    if (value.length() > Amounts.AMOUNT_LENGTH_MAX) {
      report(
          object,
          Rule.LENGTH,
          value.length() + " characters; at most " + Amounts.AMOUNT_LENGTH_MAX);
    }
    if (!Amounts.isDecimal(value)) {
      report(object, Rule.INVALID_VALUE, "'" + value + "' is not digits with at most one '.'");
    } else if (Amounts.isZero(value)) {
      report(object, Rule.INVALID_VALUE, "an amount must not be zero");
    }
  }

  private void checkPercentage(DataObject object) {
    String value = object.value();
    if (value.isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length percentage");
      return;
    }
    if (value.length() > PERCENTAGE_LENGTH_MAX) {
      report(object, Rule.LENGTH, value.length() + " characters; at most " + PERCENTAGE_LENGTH_MAX);
    }
    long hundredths = -1;
    if (Amounts.isDecimal(value) && value.length() <= Amounts.AMOUNT_LENGTH_MAX) {
      try {
        hundredths = Amounts.toMinorUnits(value, 2);
      } catch (ArithmeticException tooPrecise) {
        hundredths = -1;
      }
    }
    if (hundredths < 1 || hundredths > PERCENTAGE_HUNDREDTHS_MAX) {
      report(object, Rule.INVALID_VALUE, "'" + value + "' is not a percentage from 00.01 to 99.99");
    }
  }

  private void checkText(DataObject object, EmvText characters, int lengthMin, int lengthMax) {
    String value = object.value();
    if (value.isEmpty()) {
      report(object, Rule.EMPTY_VALUE, "zero-length value");
      return;
    }
    int length = EmvText.length(value);
    if (length < lengthMin || length > lengthMax) {
      report(
          object,
          Rule.LENGTH,
          length
              + " characters; the specification allows "
              + (lengthMin == lengthMax ? "exactly " + lengthMin : lengthMin + " to " + lengthMax));
    }
    if (!characters.accepts(value)) {
      report(
          object,
          Rule.CHARSET,
          "'" + value + "' holds characters outside " + characters.name().toLowerCase(Locale.ROOT));
    }
  }

  private void report(DataObject object, Rule rule, String detail) {
    problems.report(object.path(), object.position(), rule, detail);
  }

  private static boolean isHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
  }
}

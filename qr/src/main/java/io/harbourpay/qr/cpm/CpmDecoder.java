package io.harbourpay.qr.cpm;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.ProblemCollector;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and validates the base64 text of an EMVCo consumer-presented QR. Problems name the data
 * object (e.g. {@code 61[1]/4F}), its byte offset in the decoded BER-TLV and the rule broken.
 * Nothing but {@link QrFormatException} escapes, whatever the input.
 */
public final class CpmDecoder {
  /** A terminal knows a QR is CPM when its text starts so: base64 of 85 05 "CPV". */
  public static final String TEXT_PREFIX = "hQVDUFY";

  /** Base64 of the most bytes a QR symbol carries (2953, version 40 at level L). */
  public static final int TEXT_LENGTH_MAX = 3940;

  static final String FORMAT_INDICATOR_TAG = "85";
  static final String APPLICATION_TEMPLATE_TAG = "61";
  static final String COMMON_DATA_TEMPLATE_TAG = "62";

  private final byte[] data;
  private final ProblemCollector problems;

  private CpmDecoder(byte[] data, ProblemCollector problems) {
    this.data = data;
    this.problems = problems;
  }

  public static boolean looksLikeCpm(String text) {
    return text != null && text.startsWith(TEXT_PREFIX);
  }

  /**
   * Decodes base64 {@code text}.
   *
   * @throws QrFormatException with every problem found, if any is an error in {@code mode}
   */
  public static Decoded<ConsumerPresentedPayload> decode(String text, DecodeMode mode)
      throws QrFormatException {
    ProblemCollector problems = new ProblemCollector(mode);
    if (text == null || text.isEmpty()) {
      problems.report("payload", 0, Rule.SYNTAX, "the payload is empty");
      throw problems.failure();
    }
    if (text.length() > TEXT_LENGTH_MAX) {
      problems.report(
          "payload",
          0,
          Rule.INPUT_TOO_LONG,
          text.length() + " characters; no QR symbol carries more than " + TEXT_LENGTH_MAX);
      throw problems.failure();
    }
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      boolean base64 =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '+'
              || c == '/'
              || c == '=';
      if (!base64) {
        problems.report("payload", index, Rule.SYNTAX, "'" + c + "' is not a base64 character");
        throw problems.failure();
      }
    }
    byte[] data;
    try {
      data = Base64.getDecoder().decode(text);
    } catch (IllegalArgumentException broken) {
      problems.report("payload", 0, Rule.SYNTAX, "broken base64: " + broken.getMessage());
      throw problems.failure();
    }
    if (data.length == 0) {
      problems.report("payload", 0, Rule.SYNTAX, "the payload decodes to no bytes");
      throw problems.failure();
    }
    return new CpmDecoder(data, problems).decodePayload();
  }

  /** Decodes BER-TLV bytes that came without base64. */
  public static Decoded<ConsumerPresentedPayload> decodeBytes(byte[] data, DecodeMode mode)
      throws QrFormatException {
    ProblemCollector problems = new ProblemCollector(mode);
    if (data == null || data.length == 0 || data.length > TEXT_LENGTH_MAX) {
      problems.report("payload", 0, Rule.SYNTAX, "no bytes, or more than a QR symbol carries");
      throw problems.failure();
    }
    return new CpmDecoder(data, problems).decodePayload();
  }

  private Decoded<ConsumerPresentedPayload> decodePayload() throws QrFormatException {
    List<BerTlv.DataObject> objects = BerTlv.parse(data, 0, data.length, "", problems);
    if (objects == null) {
      throw problems.failure();
    }
    String formatIndicator = null;
    List<BerTlv.DataObject> applicationTemplates = new ArrayList<>();
    BerTlv.DataObject commonTemplate = null;
    for (BerTlv.DataObject object : objects) {
      switch (object.tag()) {
        case FORMAT_INDICATOR_TAG -> {
          if (formatIndicator != null) {
            report(object, Rule.DUPLICATE_ID, "a second payload format indicator");
          } else {
            formatIndicator = formatIndicator(object, object == objects.get(0));
          }
        }
        case APPLICATION_TEMPLATE_TAG -> applicationTemplates.add(object);
        case COMMON_DATA_TEMPLATE_TAG -> {
          if (commonTemplate != null) {
            report(object, Rule.DUPLICATE_ID, "a second common data template");
          } else {
            commonTemplate = object;
          }
        }
        default ->
            report(
                object,
                Rule.UNEXPECTED,
                "only 85, 61 and 62 belong at the top level; a lenient decode drops it");
      }
    }
    if (formatIndicator == null) {
      problems.report(
          FORMAT_INDICATOR_TAG, 0, Rule.MISSING_ESSENTIAL, "no payload format indicator (85)");
    }
    if (applicationTemplates.isEmpty()) {
      problems.report(
          APPLICATION_TEMPLATE_TAG, 0, Rule.MISSING_ESSENTIAL, "no application template (61)");
    } else if (applicationTemplates.size() > ConsumerPresentedPayload.APPLICATIONS_MAX) {
      report(
          applicationTemplates.get(ConsumerPresentedPayload.APPLICATIONS_MAX),
          Rule.UNEXPECTED,
          "more than " + ConsumerPresentedPayload.APPLICATIONS_MAX + " application templates");
    }

    List<ApplicationData> applications = new ArrayList<>();
    Map<String, BerTlv.DataObject> applicationPrimitives = new HashMap<>();
    for (int index = 0; index < applicationTemplates.size(); index++) {
      BerTlv.DataObject template = applicationTemplates.get(index);
      String path = APPLICATION_TEMPLATE_TAG + "[" + index + "]";
      Map<String, BerTlv.DataObject> children = children(template, path);
      if (children == null) {
        continue;
      }
      if (!children.containsKey(CpmTag.APPLICATION_IDENTIFIER.tag())) {
        problems.report(
            path, template.position(), Rule.MISSING_ESSENTIAL, "no application identifier (4F)");
      }
      children.values().stream()
          .filter(child -> !child.constructed())
          .forEach(child -> applicationPrimitives.putIfAbsent(child.tag(), child));
      applications.add(templateData(children, path, ApplicationData.APPLICATION_TRANSPARENT_TAG));
    }
    ApplicationData commonData = null;
    if (commonTemplate != null) {
      String path = COMMON_DATA_TEMPLATE_TAG;
      Map<String, BerTlv.DataObject> children = children(commonTemplate, path);
      if (children != null) {
        for (BerTlv.DataObject child : children.values()) {
          BerTlv.DataObject inApplication = applicationPrimitives.get(child.tag());
          if (!child.constructed() && inApplication != null) {
            report(
                child,
                Rule.INCONSISTENT,
                "also in "
                    + inApplication.path()
                    + "; a data object sits in 61 or in 62, not both");
          }
        }
        commonData = templateData(children, path, ApplicationData.COMMON_TRANSPARENT_TAG);
      }
    }
    if (problems.hasErrors()) {
      throw problems.failure();
    }
    return problems.finish(new ConsumerPresentedPayload(formatIndicator, applications, commonData));
  }

  private String formatIndicator(BerTlv.DataObject object, boolean first) {
    if (!first) {
      report(object, Rule.ORDER, "the payload format indicator must come first");
    }
    String value = text(object);
    if (!ConsumerPresentedPayload.FORMAT_VERSION_1.equals(value)) {
      report(object, Rule.FORMAT_INDICATOR, "is '" + value + "', this codec reads 'CPV01'");
    }
    return value;
  }

  /** A template's children by tag in read order, or null after a syntax error. */
  private Map<String, BerTlv.DataObject> children(BerTlv.DataObject template, String path) {
    List<BerTlv.DataObject> children =
        BerTlv.parse(data, template.valueStart(), template.valueEnd(), path, problems);
    if (children == null) {
      return null;
    }
    Map<String, BerTlv.DataObject> byTag = new LinkedHashMap<>();
    for (BerTlv.DataObject child : children) {
      if (byTag.putIfAbsent(child.tag(), child) != null) {
        report(child, Rule.DUPLICATE_ID, child.tag() + " appears twice in " + path);
      }
    }
    return byTag;
  }

  private ApplicationData templateData(
      Map<String, BerTlv.DataObject> children, String path, String transparentTag) {
    ApplicationData.Builder builder = ApplicationData.builder();
    for (BerTlv.DataObject child : children.values()) {
      Optional<CpmTag> named = CpmTag.of(child.tag());
      if (named.isPresent()) {
        builder.set(named.get(), value(child, named.get()));
      } else if (child.tag().equals(transparentTag)) {
        List<BerTlv.DataObject> inner =
            BerTlv.parse(data, child.valueStart(), child.valueEnd(), child.path(), problems);
        if (inner != null) {
          Map<String, Boolean> seen = new HashMap<>();
          for (BerTlv.DataObject field : inner) {
            if (seen.putIfAbsent(field.tag(), Boolean.TRUE) != null) {
              report(field, Rule.DUPLICATE_ID, field.tag() + " appears twice in " + child.path());
            } else {
              builder.transparentData(field(field));
            }
          }
        }
      } else if (child.tag().equals(ApplicationData.APPLICATION_TRANSPARENT_TAG)
          || child.tag().equals(ApplicationData.COMMON_TRANSPARENT_TAG)) {
        report(child, Rule.UNEXPECTED, "63 belongs in 61 and 64 in 62; a lenient decode drops it");
      } else {
        builder.otherData(field(child));
      }
    }
    return builder.build();
  }

  private BerField field(BerTlv.DataObject object) {
    return new BerField(object.tag(), Hex.of(data, object.valueStart(), object.valueEnd()));
  }

  private String value(BerTlv.DataObject object, CpmTag tag) {
    int length = object.valueEnd() - object.valueStart();
    if (length < tag.lengthMin() || length > tag.lengthMax()) {
      report(
          object,
          Rule.LENGTH,
          length
              + " bytes; the specification allows "
              + tag.lengthMin()
              + " to "
              + tag.lengthMax());
    }
    return switch (tag.format()) {
      case BINARY -> Hex.of(data, object.valueStart(), object.valueEnd());
      case TEXT -> {
        String text = text(object);
        if (!text.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
          report(object, Rule.CHARSET, "holds characters outside printable ASCII");
        }
        yield text;
      }
      case TRACK_2, COMPRESSED_NUMERIC -> {
        String nibbles = Hex.of(data, object.valueStart(), object.valueEnd());
        int end = nibbles.length();
        while (end > 0 && nibbles.charAt(end - 1) == 'F') {
          end--;
        }
        String digits = nibbles.substring(0, end);
        if (!isNibbleText(digits, tag.format() == CpmTag.Format.TRACK_2)) {
          report(object, Rule.INVALID_VALUE, nibbles + " is not digits with trailing F padding");
        }
        yield digits;
      }
    };
  }

  /** Digits, with at most one "D" separator where allowed, and at least one digit. */
  static boolean isNibbleText(String value, boolean separatorAllowed) {
    int separators = 0;
    for (int index = 0; index < value.length(); index++) {
      char c = value.charAt(index);
      if (c == 'D' && separatorAllowed) {
        separators++;
      } else if (c < '0' || c > '9') {
        return false;
      }
    }
    return separators <= 1 && value.length() > separators;
  }

  private String text(BerTlv.DataObject object) {
    return new String(
        data,
        object.valueStart(),
        object.valueEnd() - object.valueStart(),
        StandardCharsets.ISO_8859_1);
  }

  private void report(BerTlv.DataObject object, Rule rule, String detail) {
    problems.report(object.path(), object.position(), rule, detail);
  }
}

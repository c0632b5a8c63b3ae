package io.harbourpay.qr.mpm;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** The two-digit IDs of MPM data objects and the checks the model records share. */
final class Ids {
  static final int ID_MAX = 99;

  private Ids() {}

  static boolean isId(String id) {
    return id != null
        && id.length() == 2
        && Character.isDigit(id.charAt(0))
        && Character.isDigit(id.charAt(1))
        && id.charAt(0) < 0x80
        && id.charAt(1) < 0x80;
  }

  static int number(String id) {
    return Integer.parseInt(id);
  }

  static String of(int number) {
    assert number >= 0 && number <= ID_MAX : number;
    return number < 10 ? "0" + number : Integer.toString(number);
  }

  static void requireInRange(String id, int first, int last, String what) {
    if (!isId(id) || number(id) < first || number(id) > last) {
      throw new IllegalArgumentException(
          what + " ID must be " + of(first) + " to " + of(last) + ": " + id);
    }
  }

  /** An unmodifiable copy sorted by ID, the order in which the encoder writes. */
  static SortedMap<String, String> sortedFields(
      Map<String, String> fields, int first, int last, String what) {
    TreeMap<String, String> copy = new TreeMap<>();
    for (Map.Entry<String, String> field : fields.entrySet()) {
      requireInRange(field.getKey(), first, last, what);
      if (field.getValue() == null) {
        throw new IllegalArgumentException(what + " " + field.getKey() + " has no value");
      }
      copy.put(field.getKey(), field.getValue());
    }
    return Collections.unmodifiableSortedMap(copy);
  }

  /** An unmodifiable copy sorted by ID; two templates with one ID cannot be encoded. */
  static List<GuidTemplate> sortedTemplates(
      List<GuidTemplate> templates, int first, int last, String what) {
    TreeMap<String, GuidTemplate> byId = new TreeMap<>();
    for (GuidTemplate template : templates) {
      requireInRange(template.id(), first, last, what);
      if (byId.put(template.id(), template) != null) {
        throw new IllegalArgumentException(what + " " + template.id() + " appears twice");
      }
    }
    return List.copyOf(byId.values());
  }
}

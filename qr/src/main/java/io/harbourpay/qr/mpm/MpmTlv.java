package io.harbourpay.qr.mpm;

import io.harbourpay.qr.ProblemCollector;
import io.harbourpay.qr.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ID-length-value grammar of MPM over code points: an ID of two digits, a length of two digits
 * counting characters, then the value. Positions are indexes in code points of the whole text.
 */
final class MpmTlv {
  private static final int HEADER_LENGTH = 4;

  private MpmTlv() {}

  /**
   * One data object as read.
   *
   * @param path where it sits, e.g. "62/05"
   * @param position index of its ID
   * @param valueStart index of its value's first character
   * @param valueEnd index after its value's last character
   */
  record DataObject(
      String id, String value, String path, int position, int valueStart, int valueEnd) {}

  /**
   * Reads the data objects in {@code codePoints[from, to)}, or reports a syntax error and returns
   * null: after a broken length nothing further can be located.
   */
  static List<DataObject> parse(
      int[] codePoints, int from, int to, String parentPath, ProblemCollector problems) {
    List<DataObject> objects = new ArrayList<>();
    int index = from;
    while (index < to) {
      String where = parentPath.isEmpty() ? "payload" : parentPath;
      if (to - index < HEADER_LENGTH) {
        problems.report(
            where,
            index,
            Rule.SYNTAX,
            "a data object needs a two-digit ID and a two-digit length, but only "
                + (to - index)
                + " characters remain");
        return null;
      }
      if (!isDigit(codePoints[index]) || !isDigit(codePoints[index + 1])) {
        problems.report(
            where,
            index,
            Rule.SYNTAX,
            "expected a two-digit ID, found '" + new String(codePoints, index, 2) + "'");
        return null;
      }
      String id = new String(codePoints, index, 2);
      String path = parentPath.isEmpty() ? id : parentPath + "/" + id;
      if (!isDigit(codePoints[index + 2]) || !isDigit(codePoints[index + 3])) {
        problems.report(
            path,
            index,
            Rule.SYNTAX,
            "expected a two-digit length, found '" + new String(codePoints, index + 2, 2) + "'");
        return null;
      }
      int length = (codePoints[index + 2] - '0') * 10 + (codePoints[index + 3] - '0');
      int valueStart = index + HEADER_LENGTH;
      if (length > to - valueStart) {
        problems.report(
            path,
            index,
            Rule.SYNTAX,
            "length "
                + length
                + " runs past the end of "
                + (parentPath.isEmpty() ? "the payload" : "template " + parentPath)
                + ": only "
                + (to - valueStart)
                + " characters remain");
        return null;
      }
      int valueEnd = valueStart + length;
      objects.add(
          new DataObject(
              id, new String(codePoints, valueStart, length), path, index, valueStart, valueEnd));
      index = valueEnd;
    }
    return objects;
  }

  /** The objects by ID, first occurrence kept; every repeat is reported. */
  static Map<String, DataObject> byId(List<DataObject> objects, ProblemCollector problems) {
    Map<String, DataObject> byId = new LinkedHashMap<>();
    for (DataObject object : objects) {
      DataObject first = byId.putIfAbsent(object.id(), object);
      if (first != null) {
        problems.report(
            object.path(),
            object.position(),
            Rule.DUPLICATE_ID,
            "ID " + object.id() + " already appeared at position " + first.position());
      }
    }
    return byId;
  }

  private static boolean isDigit(int codePoint) {
    return codePoint >= '0' && codePoint <= '9';
  }
}

package io.harbourpay.qr.cli;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Just enough JSON for the CLI: records become objects (null and empty components left out), maps
 * objects, collections arrays, enums their names. Strings are escaped per RFC 8259.
 */
final class Json {
  /** Payload models nest four deep at most; the bound catches a cycle, never real data. */
  private static final int DEPTH_MAX = 16;

  private static final String INDENT = "  ";

  private Json() {}

  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(out, value, 0);
    return out.append('\n').toString();
  }

  /** A record's components as an ordered map, for callers that add computed members. */
  static Map<String, Object> members(Record value) {
    Map<String, Object> members = new LinkedHashMap<>();
    for (RecordComponent component : value.getClass().getRecordComponents()) {
      Object member;
      try {
        member = component.getAccessor().invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        throw new IllegalStateException("record accessor failed: " + component, e);
      }
      if (member != null) {
        members.put(component.getName(), member);
      }
    }
    return members;
  }

  private static void write(StringBuilder out, Object value, int depth) {
    if (depth > DEPTH_MAX) {
      throw new IllegalStateException("JSON nested deeper than " + DEPTH_MAX);
    }
    if (value == null) {
      out.append("null");
    } else if (value instanceof String text) {
      string(out, text);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Enum<?> constant) {
      string(out, constant.name());
    } else if (value instanceof Record record) {
      write(out, members(record), depth);
    } else if (value instanceof Map<?, ?> map) {
      object(out, map, depth);
    } else if (value instanceof Collection<?> items) {
      array(out, items, depth);
    } else {
      string(out, value.toString());
    }
  }

  private static void object(StringBuilder out, Map<?, ?> map, int depth) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      if (isBlank(entry.getValue())) {
        continue;
      }
      out.append(first ? "" : ",").append('\n').append(INDENT.repeat(depth + 1));
      string(out, String.valueOf(entry.getKey()));
      out.append(": ");
      write(out, entry.getValue(), depth + 1);
      first = false;
    }
    if (!first) {
      out.append('\n').append(INDENT.repeat(depth));
    }
    out.append('}');
  }

  private static void array(StringBuilder out, Collection<?> items, int depth) {
    out.append('[');
    boolean first = true;
    for (Object item : items) {
      out.append(first ? "" : ",").append('\n').append(INDENT.repeat(depth + 1));
      write(out, item, depth + 1);
      first = false;
    }
    if (!first) {
      out.append('\n').append(INDENT.repeat(depth));
    }
    out.append(']');
  }

  private static boolean isBlank(Object value) {
    return value == null
        || (value instanceof Map<?, ?> map && map.isEmpty())
        || (value instanceof Collection<?> items && items.isEmpty());
  }

  static void string(StringBuilder out, String text) {
    out.append('"');
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // Control characters must be escaped; U+2028/9 too, so the output is also valid JS.
          if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}

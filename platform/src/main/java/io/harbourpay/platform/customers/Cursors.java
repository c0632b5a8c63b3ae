package io.harbourpay.platform.customers;

import io.harbourpay.platform.PlatformException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque pagination cursors: the sort key of the last row returned (a timestamp and the id that
 * breaks ties), so a page never depends on the cursor's row still being there.
 */
final class Cursors {
  record Position(long atMicros, long id) {}

  private Cursors() {}

  static String encode(long atMicros, long id) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((atMicros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** The position in a cursor, or {@code null} for the first page. */
  static Position decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) return null;
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int colon = text.indexOf(':');
      return new Position(
          Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
      throw PlatformException.invalid(
          "cursor", "cursor_invalid", "The cursor is not one we issued");
    }
  }

  static int limit(int requested) {
    if (requested < 1) {
      throw PlatformException.invalid("limit", "limit_invalid", "limit must be at least 1");
    }
    return Math.min(requested, Page.LIMIT_MAX);
  }
}

package io.harbourpay.platform;

import io.harbourpay.platform.customers.Page;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An opaque listing cursor: the sort key (a time in epoch microseconds, and the id that breaks
 * ties) of the last row returned, so a page never depends on that row still being there.
 */
public record Cursor(long atMicros, long id) {
  public String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((atMicros + ":" + id).getBytes(StandardCharsets.US_ASCII));
  }

  /** The position in {@code cursor}, or {@code null} for the first page. */
  public static Cursor decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) return null;
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
      int colon = text.indexOf(':');
      return new Cursor(
          Long.parseLong(text.substring(0, colon)), Long.parseLong(text.substring(colon + 1)));
    } catch (IllegalArgumentException | StringIndexOutOfBoundsException malformed) {
      throw PlatformException.invalid(
          "cursor", "cursor_invalid", "The cursor is not one we issued");
    }
  }

  /** A page size: at least 1 (else an error naming limit), at most Page.LIMIT_MAX. */
  public static int limit(int requested) {
    if (requested < 1) {
      throw PlatformException.invalid("limit", "limit_invalid", "limit must be at least 1");
    }
    return Math.min(requested, Page.LIMIT_MAX);
  }
}

package io.harbourpay.platform.customers;

import java.util.List;

/**
 * One page of a listing. {@code nextCursor} is opaque; pass it back as {@code afterCursor} for the
 * next page. It is {@code null} on the last page.
 */
public record Page<T>(List<T> items, String nextCursor) {
  /** Pages are bounded: a caller asking for more gets this many. */
  public static final int LIMIT_MAX = 100;

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasMore() {
    return nextCursor != null;
  }
}

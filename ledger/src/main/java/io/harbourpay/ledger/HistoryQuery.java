package io.harbourpay.ledger;

/**
 * A page of one account's transfers. {@code afterTimestamp} is the cursor: the timestamp of the
 * last transfer of the previous page (zero for the first page in ascending order, {@code
 * Long.MAX_VALUE} in descending order).
 */
public record HistoryQuery(long accountId, long afterTimestamp, int limit, boolean descending) {
  /** The most a page can hold; larger requests are an error, not silently clipped. */
  public static final int LIMIT_MAX = 1000;

  public HistoryQuery {
    if (limit < 1 || limit > LIMIT_MAX) {
      throw new IllegalArgumentException("limit must be between 1 and " + LIMIT_MAX);
    }
  }

  public static HistoryQuery oldestFirst(long accountId, int limit) {
    return new HistoryQuery(accountId, 0, limit, false);
  }

  public static HistoryQuery newestFirst(long accountId, int limit) {
    return new HistoryQuery(accountId, Long.MAX_VALUE, limit, true);
  }

  public HistoryQuery next(HistoryPage page) {
    return new HistoryQuery(accountId, page.nextCursor(), limit, descending);
  }
}

package io.harbourpay.ledger;

import java.util.List;

/** One page of history; {@code hasMore} says whether asking for the next page can find more. */
public record HistoryPage(List<Transfer> transfers, boolean hasMore, long nextCursor) {}

package io.harbourpay.platform.wallets;

import java.util.List;

/** A page of history; {@code nextCursor} is null on the last page. */
public record HistoryPage(List<HistoryEntry> entries, String nextCursor) {}

package io.harbourpay.ledger;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The account history a batch writes: for each account whose row the batch writes, the timestamps
 * of its transfers since its row was last written, cut into chunks of at most {@link #ENTRIES_MAX}.
 * A chunk is one {@code ledger_history} row: (account, first, last, entries).
 *
 * <p>Why chunks and not an index on the transfers: an index on (account, timestamp) takes a random
 * B-tree insert per transfer and side, which was most of a batch's cost in the database (see
 * docs/architecture.md, "History is written with the checkpoint"). A chunk costs one insert for
 * every transfer of the account since the last write-back. Entries are encoded as big-endian 64-bit
 * timestamps, ascending.
 */
public final class HistoryChunks {
  /** Entries per chunk at most: a page of history reads a few chunks, not one huge one. */
  public static final int ENTRIES_MAX = 256;

  private long[] accountIds = new long[64];
  private int[] starts = new int[65];
  private long[] entries = new long[1024];
  private int count;

  void clear() {
    count = 0;
  }

  /** Adds {@code length} timestamps of one account, ascending, as one or more chunks. */
  void add(long accountId, long[] timestamps, int length) {
    for (int from = 0; from < length; from += ENTRIES_MAX) {
      int size = Math.min(ENTRIES_MAX, length - from);
      if (count == accountIds.length) {
        accountIds = Arrays.copyOf(accountIds, 2 * count);
        starts = Arrays.copyOf(starts, 2 * count + 1);
      }
      int start = starts[count];
      if (start + size > entries.length) {
        entries = Arrays.copyOf(entries, Math.max(2 * entries.length, start + size));
      }
      System.arraycopy(timestamps, from, entries, start, size);
      accountIds[count] = accountId;
      starts[count + 1] = start + size;
      count++;
    }
  }

  public int size() {
    return count;
  }

  public long accountId(int chunk) {
    return accountIds[chunk];
  }

  public long firstTimestamp(int chunk) {
    return entries[starts[chunk]];
  }

  public long lastTimestamp(int chunk) {
    return entries[starts[chunk + 1] - 1];
  }

  /** The chunk's entries as stored: 8 bytes per timestamp, big-endian. */
  public byte[] encodedEntries(int chunk) {
    int start = starts[chunk];
    int end = starts[chunk + 1];
    ByteBuffer bytes = ByteBuffer.allocate(8 * (end - start));
    for (int index = start; index < end; index++) bytes.putLong(entries[index]);
    return bytes.array();
  }

  /** The timestamps of a stored chunk. */
  public static long[] decode(byte[] encoded) {
    if (encoded.length % 8 != 0) {
      throw new IllegalStateException("history entries of " + encoded.length + " bytes");
    }
    ByteBuffer bytes = ByteBuffer.wrap(encoded);
    long[] timestamps = new long[encoded.length / 8];
    for (int index = 0; index < timestamps.length; index++) timestamps[index] = bytes.getLong();
    return timestamps;
  }
}

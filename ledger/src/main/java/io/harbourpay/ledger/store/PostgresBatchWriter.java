package io.harbourpay.ledger.store;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.HistoryChunks;
import io.harbourpay.ledger.Hold;
import io.harbourpay.ledger.StoreBatch;
import io.harbourpay.ledger.Transfer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL is a round trip away, so a batch costs a fixed number of statements whatever its size:
 * transfers stream in with COPY, accounts are inserted (new) or updated (changed) and holds
 * upserted from arrays with unnest.
 *
 * <p>Changed accounts are updated, not upserted: INSERT … ON CONFLICT pays a speculative insertion
 * per row before it finds the conflict, and every changed account is known to be stored already
 * (the writer rebuilds its state from the store after any failed commit). An update that misses a
 * row means memory and database disagree, so it fails the batch instead of inserting.
 */
final class PostgresBatchWriter extends BatchWriter {
  private static final String COPY_TRANSFERS =
      "COPY ledger_transfers (" + TRANSFER_INSERT_COLUMNS + ") FROM STDIN (FORMAT binary)";
  private static final String COPY_HISTORY =
      "COPY ledger_history (" + HISTORY_COLUMNS + ") FROM STDIN (FORMAT binary)";
  private static final short HISTORY_FIELDS = 4;
  private static final String INSERT_ACCOUNTS =
      "INSERT INTO ledger_accounts ("
          + ACCOUNT_COLUMNS
          + ", covered_ts) SELECT *, ?::bigint FROM unnest(?::bigint[], ?::varchar[], ?::int[],"
          + " ?::int[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::bigint[])";
  private static final String UPDATE_ACCOUNTS =
      "UPDATE ledger_accounts AS a SET flags = u.flags, debits_pending = u.debits_pending,"
          + " debits_posted = u.debits_posted, credits_pending = u.credits_pending,"
          + " credits_posted = u.credits_posted, covered_ts = ?::bigint"
          + " FROM unnest(?::bigint[], ?::int[], ?::bigint[], ?::bigint[], ?::bigint[],"
          + " ?::bigint[]) AS u (id, flags, debits_pending, debits_posted, credits_pending,"
          + " credits_posted) WHERE a.id = u.id";
  private static final String UPSERT_HOLDS =
      "INSERT INTO ledger_holds ("
          + HOLD_COLUMNS
          + ") SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::smallint[], ?::bigint[])"
          + HOLD_UPSERT_SET;

  private final CopyBuffer copyBuffer = new CopyBuffer();

  @Override
  void write(Connection connection, StoreBatch batch) throws SQLException {
    copyTransfers(connection, batch);
    insertAccounts(connection, batch.createdAccounts(), batch.coveredTimestamp());
    updateAccounts(connection, batch.changedAccounts(), batch.coveredTimestamp());
    upsertHolds(connection, batch);
    copyHistory(connection, batch.history());
    writeCheckpoint(connection, batch);
    writeRecords(connection, batch.records());
  }

  private void copyHistory(Connection connection, HistoryChunks history) throws SQLException {
    if (history.size() == 0) {
      return;
    }
    CopyBuffer buffer = copyBuffer;
    buffer.begin();
    for (int chunk = 0; chunk < history.size(); chunk++) {
      buffer.tuple(HISTORY_FIELDS);
      buffer.int8(history.accountId(chunk));
      buffer.int8(history.firstTimestamp(chunk));
      buffer.int8(history.lastTimestamp(chunk));
      buffer.bytes(history.encodedEntries(chunk));
    }
    buffer.end();
    copy(connection, COPY_HISTORY, buffer);
  }

  private static void copy(Connection connection, String sql, CopyBuffer buffer)
      throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    try {
      copy.writeToCopy(buffer.bytes(), 0, buffer.length());
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private void copyTransfers(Connection connection, StoreBatch batch) throws SQLException {
    List<Transfer> transfers = batch.transfers();
    if (transfers.isEmpty()) {
      return;
    }
    CopyBuffer buffer = copyBuffer;
    buffer.begin();
    for (int index = 0; index < transfers.size(); index++) {
      Transfer transfer = transfers.get(index);
      buffer.tuple(TRANSFER_FIELDS);
      buffer.int8(transfer.timestamp());
      buffer.int8(transfer.id());
      buffer.int8(transfer.debitAccountId());
      buffer.int8(transfer.creditAccountId());
      buffer.int8(transfer.amount());
      buffer.int8(transfer.pendingId());
      buffer.int8(transfer.userData());
      buffer.int4(transfer.timeoutSeconds());
      buffer.ascii(transfer.currency());
      buffer.int4(transfer.code());
      buffer.int4(transfer.flags());
      buffer.int8(batch.debitBalanceAfter(index));
      buffer.int8(batch.creditBalanceAfter(index));
    }
    buffer.end();
    copy(connection, COPY_TRANSFERS, buffer);
  }

  private static void insertAccounts(
      Connection connection, List<Account> accounts, long coveredTimestamp) throws SQLException {
    int count = accounts.size();
    if (count == 0) {
      return;
    }
    long[] ids = new long[count];
    String[] currencies = new String[count];
    int[] codes = new int[count];
    int[] flags = new int[count];
    long[] userData = new long[count];
    long[] debitsPending = new long[count];
    long[] debitsPosted = new long[count];
    long[] creditsPending = new long[count];
    long[] creditsPosted = new long[count];
    long[] timestamps = new long[count];
    for (int index = 0; index < count; index++) {
      Account account = accounts.get(index);
      ids[index] = account.id();
      currencies[index] = account.currency();
      codes[index] = account.code();
      flags[index] = account.flags();
      userData[index] = account.userData();
      debitsPending[index] = account.debitsPending();
      debitsPosted[index] = account.debitsPosted();
      creditsPending[index] = account.creditsPending();
      creditsPosted[index] = account.creditsPosted();
      timestamps[index] = account.timestamp();
    }
    try (PreparedStatement insert = connection.prepareStatement(INSERT_ACCOUNTS)) {
      insert.setLong(1, coveredTimestamp);
      insert.setObject(2, ids);
      insert.setArray(3, connection.createArrayOf("varchar", currencies));
      insert.setObject(4, codes);
      insert.setObject(5, flags);
      insert.setObject(6, userData);
      insert.setObject(7, debitsPending);
      insert.setObject(8, debitsPosted);
      insert.setObject(9, creditsPending);
      insert.setObject(10, creditsPosted);
      insert.setObject(11, timestamps);
      insert.executeUpdate();
    }
  }

  private static void updateAccounts(
      Connection connection, List<Account> accounts, long coveredTimestamp) throws SQLException {
    int count = accounts.size();
    if (count == 0) {
      return;
    }
    long[] ids = new long[count];
    int[] flags = new int[count];
    long[] debitsPending = new long[count];
    long[] debitsPosted = new long[count];
    long[] creditsPending = new long[count];
    long[] creditsPosted = new long[count];
    for (int index = 0; index < count; index++) {
      Account account = accounts.get(index);
      ids[index] = account.id();
      flags[index] = account.flags();
      debitsPending[index] = account.debitsPending();
      debitsPosted[index] = account.debitsPosted();
      creditsPending[index] = account.creditsPending();
      creditsPosted[index] = account.creditsPosted();
    }
    int updated;
    try (PreparedStatement update = connection.prepareStatement(UPDATE_ACCOUNTS)) {
      update.setLong(1, coveredTimestamp);
      update.setObject(2, ids);
      update.setObject(3, flags);
      update.setObject(4, debitsPending);
      update.setObject(5, debitsPosted);
      update.setObject(6, creditsPending);
      update.setObject(7, creditsPosted);
      updated = update.executeUpdate();
    }
    if (updated != count) {
      throw new SQLException(
          "updated " + updated + " of " + count + " changed accounts: store and memory disagree");
    }
  }

  private static void upsertHolds(Connection connection, StoreBatch batch) throws SQLException {
    int count = batch.holdCount();
    if (count == 0) {
      return;
    }
    long[] pendingIds = new long[count];
    long[] expiresAt = new long[count];
    short[] statuses = new short[count];
    long[] resolvedAt = new long[count];
    int index = 0;
    for (Hold hold : batch.holds()) {
      pendingIds[index] = hold.pendingId();
      expiresAt[index] = hold.expiresAt();
      statuses[index] = (short) hold.status();
      resolvedAt[index] = hold.resolvedAt();
      index++;
    }
    try (PreparedStatement upsert = connection.prepareStatement(UPSERT_HOLDS)) {
      upsert.setObject(1, pendingIds);
      upsert.setObject(2, expiresAt);
      upsert.setObject(3, statuses);
      upsert.setObject(4, resolvedAt);
      upsert.executeUpdate();
    }
  }

  /** Columns of TRANSFER_INSERT_COLUMNS, in order, as COPY's binary format counts them. */
  private static final short TRANSFER_FIELDS = 13;

  /**
   * COPY's binary format: the server stores the bytes as they come instead of parsing text into
   * numbers, which is most of what a COPY costs it. Big-endian, a length before every field.
   */
  static final class CopyBuffer {
    private static final byte[] SIGNATURE = {
      'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0
    };
    private static final int INITIAL_BYTES = 1 << 20;
    private java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(INITIAL_BYTES);

    void begin() {
      bytes.clear();
      ensure(SIGNATURE.length + 8);
      bytes.put(SIGNATURE).putInt(0).putInt(0); // flags, header extension length
    }

    void tuple(short fields) {
      ensure(2);
      bytes.putShort(fields);
    }

    void int8(long value) {
      ensure(12);
      bytes.putInt(8).putLong(value);
    }

    void int4(int value) {
      ensure(8);
      bytes.putInt(4).putInt(value);
    }

    void ascii(String text) {
      ensure(4 + text.length());
      bytes.putInt(text.length());
      for (int index = 0; index < text.length(); index++) {
        char character = text.charAt(index);
        assert character < 128 : "currency codes are ASCII";
        bytes.put((byte) character);
      }
    }

    void bytes(byte[] value) {
      ensure(4 + value.length);
      bytes.putInt(value.length).put(value);
    }

    void end() {
      ensure(2);
      bytes.putShort((short) -1);
    }

    byte[] bytes() {
      return bytes.array();
    }

    int length() {
      return bytes.position();
    }

    private void ensure(int more) {
      if (bytes.remaining() < more) {
        java.nio.ByteBuffer larger =
            java.nio.ByteBuffer.allocate(Math.max(bytes.capacity() * 2, bytes.position() + more));
        bytes.flip();
        larger.put(bytes);
        bytes = larger;
      }
    }
  }
}

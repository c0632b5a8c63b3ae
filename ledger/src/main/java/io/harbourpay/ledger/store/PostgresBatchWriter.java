package io.harbourpay.ledger.store;

import io.harbourpay.ledger.Account;
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
      "COPY ledger_transfers (" + TRANSFER_COLUMNS + ") FROM STDIN";
  private static final String INSERT_ACCOUNTS =
      "INSERT INTO ledger_accounts ("
          + ACCOUNT_COLUMNS
          + ") SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::int[], ?::int[], ?::bigint[],"
          + " ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[])";
  private static final String UPDATE_ACCOUNTS =
      "UPDATE ledger_accounts AS a SET flags = u.flags, debits_pending = u.debits_pending,"
          + " debits_posted = u.debits_posted, credits_pending = u.credits_pending,"
          + " credits_posted = u.credits_posted"
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
    copyTransfers(connection, batch.transfers());
    insertAccounts(connection, batch.createdAccounts());
    updateAccounts(connection, batch.changedAccounts());
    upsertHolds(connection, batch);
    writeRecords(connection, batch.records());
  }

  private void copyTransfers(Connection connection, List<Transfer> transfers) throws SQLException {
    if (transfers.isEmpty()) {
      return;
    }
    CopyBuffer buffer = copyBuffer;
    buffer.reset();
    for (Transfer transfer : transfers) {
      buffer.field(transfer.timestamp());
      buffer.field(transfer.id());
      buffer.field(transfer.debitAccountId());
      buffer.field(transfer.creditAccountId());
      buffer.field(transfer.amount());
      buffer.field(transfer.pendingId());
      buffer.field(transfer.userData());
      buffer.field(transfer.timeoutSeconds());
      buffer.field(transfer.currency());
      buffer.field(transfer.code());
      buffer.lastField(transfer.flags());
    }
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_TRANSFERS);
    try {
      copy.writeToCopy(buffer.bytes(), 0, buffer.length());
      copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void insertAccounts(Connection connection, List<Account> accounts)
      throws SQLException {
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
      insert.setObject(1, ids);
      insert.setArray(2, connection.createArrayOf("varchar", currencies));
      insert.setObject(3, codes);
      insert.setObject(4, flags);
      insert.setObject(5, userData);
      insert.setObject(6, debitsPending);
      insert.setObject(7, debitsPosted);
      insert.setObject(8, creditsPending);
      insert.setObject(9, creditsPosted);
      insert.setObject(10, timestamps);
      insert.executeUpdate();
    }
  }

  private static void updateAccounts(Connection connection, List<Account> accounts)
      throws SQLException {
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
      update.setObject(1, ids);
      update.setObject(2, flags);
      update.setObject(3, debitsPending);
      update.setObject(4, debitsPosted);
      update.setObject(5, creditsPending);
      update.setObject(6, creditsPosted);
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

  /**
   * COPY text format written straight as ASCII bytes: the values are integers and ISO currency
   * codes, which never need escaping.
   */
  static final class CopyBuffer {
    private static final int INITIAL_BYTES = 1 << 20;
    private byte[] bytes = new byte[INITIAL_BYTES];
    private int length;

    void reset() {
      length = 0;
    }

    byte[] bytes() {
      return bytes;
    }

    int length() {
      return length;
    }

    void field(long value) {
      number(value);
      put((byte) '\t');
    }

    void field(String ascii) {
      ensure(ascii.length() + 1);
      for (int index = 0; index < ascii.length(); index++) {
        char character = ascii.charAt(index);
        assert character > ' ' && character < 127 && character != '\\' : "needs COPY escaping";
        bytes[length++] = (byte) character;
      }
      bytes[length++] = '\t';
    }

    void lastField(long value) {
      number(value);
      put((byte) '\n');
    }

    private void number(long value) {
      ensure(20);
      if (value == Long.MIN_VALUE) {
        for (byte digit :
            Long.toString(value).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) {
          bytes[length++] = digit;
        }
        return;
      }
      if (value < 0) {
        bytes[length++] = '-';
        value = -value;
      }
      int start = length;
      do {
        bytes[length++] = (byte) ('0' + (value % 10));
        value /= 10;
      } while (value != 0);
      for (int left = start, right = length - 1; left < right; left++, right--) {
        byte swap = bytes[left];
        bytes[left] = bytes[right];
        bytes[right] = swap;
      }
    }

    private void put(byte value) {
      ensure(1);
      bytes[length++] = value;
    }

    private void ensure(int more) {
      if (length + more > bytes.length) {
        bytes = java.util.Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
      }
    }
  }
}

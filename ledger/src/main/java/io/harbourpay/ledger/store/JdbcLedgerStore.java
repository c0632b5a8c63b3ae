package io.harbourpay.ledger.store;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.CurrencyTotals;
import io.harbourpay.ledger.HistoryChunks;
import io.harbourpay.ledger.HistoryPage;
import io.harbourpay.ledger.HistoryQuery;
import io.harbourpay.ledger.Hold;
import io.harbourpay.ledger.JournalReplay;
import io.harbourpay.ledger.LedgerStore;
import io.harbourpay.ledger.StoreBatch;
import io.harbourpay.ledger.Transfer;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.flywaydb.core.Flyway;

/**
 * The ledger's tables on SQLite or PostgreSQL over plain JDBC. The writer has one connection of its
 * own; reads borrow from a small pool, so history and reports never wait for a commit.
 */
public final class JdbcLedgerStore implements LedgerStore {
  /** Idle read connections kept open; more are opened on demand and closed after use. */
  static final int READ_CONNECTIONS_IDLE_MAX = 4;

  /**
   * Page cache of the SQLite writer connection (the default is 2 MB). A batch dirties a page per
   * account and per index leaf it touches; when they do not fit, SQLite spills them to the WAL in
   * the middle of the transaction and rereads clean pages every batch. Allocated as used.
   */
  static final int SQLITE_WRITER_CACHE_KIB = 64 * 1024;

  /**
   * WAL pages after which a commit also checkpoints (the default is 1000, 4 MB). A batch writes
   * more than that, so with the default every commit copied its pages into the database file and
   * synced it; a longer interval copies a page rewritten by several batches once. Durability is the
   * WAL's and does not change: a commit is still synced to the WAL before it is acknowledged.
   */
  static final int SQLITE_WAL_AUTOCHECKPOINT_PAGES = 16 * 1024;

  static final int LOOKUP_IDS_MAX = 8190;
  private static final int FETCH_ROWS = 10_000;

  private static final String TRANSFER_SELECT =
      "SELECT " + BatchWriter.TRANSFER_COLUMNS + " FROM ledger_transfers";
  private static final String ACCOUNT_SELECT =
      "SELECT " + BatchWriter.ACCOUNT_COLUMNS + ", covered_ts FROM ledger_accounts";

  /** What replay needs of a journal transfer. */
  private static final String JOURNAL_COLUMNS =
      "t.ts, t.id, t.debit_account_id, t.credit_account_id, t.amount, t.pending_id, t.flags";

  private final StoreConfig config;
  private final Dialect dialect;
  private final BatchWriter batchWriter;
  private final BlockingQueue<Connection> idleReaders =
      new ArrayBlockingQueue<>(READ_CONNECTIONS_IDLE_MAX);
  private Connection writerConnection;

  /** PostgreSQL backend of the writer's connection; fenced off before a reload. */
  private int writerBackendPid;

  /** A dropped writer session that may still be committing; zero when there is none. */
  private int unfencedBackendPid;

  /** How long a reload waits for a dropped writer session to end, in 50 ms steps. */
  static final int FENCE_WAIT_STEPS_MAX = 200;

  private JdbcLedgerStore(StoreConfig config) {
    this.config = config;
    this.dialect = config.dialect();
    this.batchWriter = dialect.newBatchWriter();
  }

  /** Opens the store, creating or migrating its tables first. */
  public static JdbcLedgerStore open(StoreConfig config) {
    JdbcLedgerStore store = new JdbcLedgerStore(config);
    store.migrate();
    return store;
  }

  public Dialect dialect() {
    return dialect;
  }

  private void migrate() {
    if (dialect == Dialect.SQLITE) {
      createParentDirectory();
      // WAL is a property of the database file: set it once before Flyway connects.
      try (Connection connection = connect()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA journal_mode=WAL");
        }
      } catch (SQLException failure) {
        throw new StoreException("cannot open " + config.jdbcUrl(), failure);
      }
    }
    var flyway =
        Flyway.configure()
            .dataSource(config.jdbcUrl(), config.user(), config.password())
            .locations(migrationLocations())
            .table("ledger_schema_history")
            // The ledger and the platform share a schema, each with its own history table: the
            // second to arrive finds tables it did not make, which is expected, not an error.
            .baselineOnMigrate(true)
            .baselineVersion("0")
            .placeholders(
                Map.of(
                    "timestamp_column",
                    dialect.timestampColumn(),
                    "blob_column",
                    dialect.blobColumn()));
    if (config.schema() != null) {
      flyway.schemas(config.schema()).defaultSchema(config.schema());
    }
    flyway.load().migrate();
  }

  /** The shared schema, plus what each dialect says its own way (db/ledger-{dialect}). */
  private String[] migrationLocations() {
    return dialect == Dialect.POSTGRESQL
        ? new String[] {"classpath:db/ledger", "classpath:db/ledger-postgresql"}
        : new String[] {"classpath:db/ledger", "classpath:db/ledger-sqlite"};
  }

  private void createParentDirectory() {
    Path file = Path.of(config.jdbcUrl().substring("jdbc:sqlite:".length()));
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
    } catch (IOException failure) {
      throw new StoreException("cannot create the folder of " + file, failure);
    }
  }

  Connection connect() throws SQLException {
    return config.connect();
  }

  // ---------------------------------------------------------------------------------------------
  // Writer side

  @Override
  public void persist(StoreBatch batch) {
    try {
      Connection connection = writerConnection();
      try {
        batchWriter.write(connection, batch);
        connection.commit();
      } catch (SQLException | RuntimeException failure) {
        rollbackQuietly(connection);
        throw failure;
      }
    } catch (SQLException | RuntimeException failure) {
      dropWriterConnection();
      throw new StoreException("batch not committed: " + failure.getMessage(), failure);
    }
  }

  private Connection writerConnection() throws SQLException {
    if (writerConnection == null) {
      Connection connection = connect();
      if (dialect == Dialect.POSTGRESQL) {
        try (Statement statement = connection.createStatement();
            ResultSet rows = statement.executeQuery("SELECT pg_backend_pid()")) {
          rows.next();
          writerBackendPid = rows.getInt(1);
        } catch (SQLException failure) {
          closeQuietly(connection);
          throw failure;
        }
      } else {
        try (Statement statement = connection.createStatement()) {
          statement.execute("PRAGMA cache_size=-" + SQLITE_WRITER_CACHE_KIB);
          statement.execute("PRAGMA wal_autocheckpoint=" + SQLITE_WAL_AUTOCHECKPOINT_PAGES);
        } catch (SQLException failure) {
          closeQuietly(connection);
          throw failure;
        }
      }
      connection.setAutoCommit(false);
      writerConnection = connection;
    }
    return writerConnection;
  }

  private void dropWriterConnection() {
    if (writerConnection != null) {
      closeQuietly(writerConnection);
      writerConnection = null;
      unfencedBackendPid = writerBackendPid;
    }
  }

  /**
   * After a failed commit, the server may still be processing the dropped session's COMMIT (the
   * connection died, not the server). Reloading before that session has ended could read the
   * database as it was before the commit and then write stale balances over it. So the old session
   * is terminated and the reload waits until it is gone: whatever it committed is then visible, and
   * it can commit nothing more.
   */
  private void fenceDroppedWriter(Connection connection) throws SQLException {
    if (unfencedBackendPid == 0) {
      return;
    }
    try (PreparedStatement terminate =
            connection.prepareStatement("SELECT pg_terminate_backend(?)");
        PreparedStatement alive =
            connection.prepareStatement("SELECT 1 FROM pg_stat_activity WHERE pid = ?")) {
      terminate.setInt(1, unfencedBackendPid);
      terminate.execute();
      alive.setInt(1, unfencedBackendPid);
      for (int step = 0; step < FENCE_WAIT_STEPS_MAX; step++) {
        try (ResultSet rows = alive.executeQuery()) {
          if (!rows.next()) {
            unfencedBackendPid = 0;
            return;
          }
        }
        sleepFenceStep();
      }
    }
    throw new SQLException("the dropped writer session " + unfencedBackendPid + " did not end");
  }

  private static void sleepFenceStep() throws SQLException {
    try {
      Thread.sleep(50);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new SQLException("interrupted while fencing the dropped writer session");
    }
  }

  @Override
  public LoadedState load() {
    try (Connection connection = connect()) {
      fenceDroppedWriter(connection);
      beginSnapshot(connection); // PostgreSQL also streams with a fetch size only in a transaction
      long checkpoint = checkpointTimestamp(connection);
      JournalReplay replay = new JournalReplay();
      List<Account> accounts = currentAccounts(connection, replay, checkpoint);
      List<Transfer> openHolds = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT t.ts, t.id, t.debit_account_id, t.credit_account_id, t.amount,"
                  + " t.pending_id, t.user_data, t.timeout_seconds, t.currency, t.code, t.flags"
                  + " FROM ledger_holds h JOIN ledger_transfers t ON t.id = h.pending_id"
                  + " WHERE h.status = 0")) {
        query.setFetchSize(FETCH_ROWS);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) openHolds.add(readTransfer(rows));
        }
      }
      // One scan for both: the set of every id, and the greatest timestamp (PostgreSQL has no
      // index on ts, see V1__ledger.sql).
      LongHashSet ids = new LongHashSet();
      long lastTransfer = 0;
      try (PreparedStatement query =
          connection.prepareStatement("SELECT id, ts FROM ledger_transfers")) {
        query.setFetchSize(FETCH_ROWS);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getLong(1));
            lastTransfer = Math.max(lastTransfer, rows.getLong(2));
          }
        }
      }
      long lastTimestamp =
          Math.max(
              Math.max(lastTransfer, checkpoint),
              Math.max(
                  maxOf(connection, "SELECT max(ts) FROM ledger_accounts"),
                  maxOf(connection, "SELECT max(resolved_at) FROM ledger_holds")));
      connection.commit();
      return new LoadedState(
          accounts,
          openHolds,
          ids,
          lastTimestamp,
          checkpoint,
          replay.replayedAccountIds(),
          replay.replayedHistory());
    } catch (SQLException | RuntimeException failure) {
      throw new StoreException("cannot load the ledger: " + failure.getMessage(), failure);
    }
  }

  /**
   * Reads of the checkpoint and the journal after it must see one committed state: a transaction
   * with one snapshot (REPEATABLE READ on PostgreSQL; any transaction on SQLite in WAL mode).
   */
  private void beginSnapshot(Connection connection) throws SQLException {
    connection.setAutoCommit(false);
    if (dialect == Dialect.POSTGRESQL) {
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    }
  }

  private void endSnapshot(Connection connection) throws SQLException {
    connection.commit();
    connection.setAutoCommit(true);
    if (dialect == Dialect.POSTGRESQL) {
      connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    }
  }

  /** Runs {@code read} on a pooled connection inside one snapshot. */
  private <T> T readSnapshot(Read<T> read) {
    return read(
        connection -> {
          beginSnapshot(connection);
          try {
            T result = read.run(connection);
            endSnapshot(connection);
            return result;
          } catch (SQLException failure) {
            rollbackQuietly(connection);
            throw failure;
          } catch (RuntimeException failure) {
            // A journal that does not replay (a pending transfer missing): the connection is
            // closed like after any failed read, not returned to the pool mid-transaction.
            rollbackQuietly(connection);
            throw new SQLException(failure.getMessage(), failure);
          }
        });
  }

  private static long checkpointTimestamp(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT covered_ts FROM ledger_checkpoint WHERE id = 1")) {
      if (!rows.next()) throw new SQLException("ledger_checkpoint has no row");
      return rows.getLong(1);
    }
  }

  /**
   * Adds to {@code replay} the journal after {@code after}: every transfer and expiry (with {@code
   * ids} null), or the transfers that touch one of {@code ids} and the expiries. The replay skips
   * what each account's row already covers. Then the pending transfers that the events resolve.
   * Both read a range of timestamps, which the write-back keeps short (see {@link
   * io.harbourpay.ledger.LedgerConfig.AccountFlush}).
   */
  private static void addJournal(
      Connection connection, JournalReplay replay, long after, long[] ids) throws SQLException {
    String transfersSql = "SELECT " + JOURNAL_COLUMNS + " FROM ledger_transfers t WHERE t.ts > ?";
    if (ids != null) {
      String in = placeholders(ids.length);
      transfersSql +=
          " AND (t.debit_account_id IN " + in + " OR t.credit_account_id IN " + in + ")";
    }
    try (PreparedStatement query = connection.prepareStatement(transfersSql)) {
      query.setLong(1, after);
      if (ids != null) {
        for (int index = 0; index < ids.length; index++) {
          query.setLong(2 + index, ids[index]);
          query.setLong(2 + ids.length + index, ids[index]);
        }
      }
      query.setFetchSize(FETCH_ROWS);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          replay.addTransfer(
              rows.getLong(1),
              rows.getLong(2),
              rows.getLong(3),
              rows.getLong(4),
              rows.getLong(5),
              rows.getLong(6),
              rows.getInt(7));
        }
      }
    }
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT resolved_at, pending_id FROM ledger_holds"
                + " WHERE status = 3 AND resolved_at > ?")) {
      query.setLong(1, after);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) replay.addExpiry(rows.getLong(1), rows.getLong(2));
      }
    }
    long[] needed = replay.pendingIdsNeeded();
    for (int from = 0; from < needed.length; from += LOOKUP_IDS_MAX) {
      int count = Math.min(LOOKUP_IDS_MAX, needed.length - from);
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT id, debit_account_id, credit_account_id, amount, flags"
                  + " FROM ledger_transfers WHERE id IN "
                  + placeholders(count))) {
        for (int index = 0; index < count; index++) {
          query.setLong(index + 1, needed[from + index]);
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            replay.addPending(
                rows.getLong(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getInt(5));
          }
        }
      }
    }
  }

  /** Every account as it stands: the rows and the journal after {@code checkpoint}. */
  private static List<Account> currentAccounts(
      Connection connection, JournalReplay replay, long checkpoint) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(ACCOUNT_SELECT)) {
      query.setFetchSize(FETCH_ROWS);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) replay.addAccount(readAccount(rows), rows.getLong("covered_ts"));
      }
    }
    addJournal(connection, replay, checkpoint, null);
    return replay.replay();
  }

  /** "(?,?,…)" with {@code count} parameters. */
  private static String placeholders(int count) {
    StringBuilder sql = new StringBuilder(2 * count + 1).append('(');
    for (int index = 0; index < count; index++) {
      sql.append(index == 0 ? "?" : ",?");
    }
    return sql.append(')').toString();
  }

  private static long maxOf(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      return rows.next() ? rows.getLong(1) : 0;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reads

  @FunctionalInterface
  private interface Read<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T read(Read<T> read) {
    Connection pooled = idleReaders.poll();
    if (pooled != null) {
      try {
        T result = read.run(pooled);
        release(pooled);
        return result;
      } catch (SQLException failure) {
        // An idle connection can have died since its last use (database restart, network cut),
        // and its idle siblings with it: drop them all and try once more on a new connection.
        // Reads change nothing, so the second try is safe; without it each dead connection would
        // fail one read, and the writer's EXISTS lookups would fail whole batches.
        closeQuietly(pooled);
        closeIdleReaders();
      }
    }
    Connection connection = null;
    try {
      connection = connect();
      T result = read.run(connection);
      release(connection);
      return result;
    } catch (SQLException failure) {
      if (connection != null) closeQuietly(connection);
      throw new StoreException("read failed: " + failure.getMessage(), failure);
    }
  }

  private void release(Connection connection) {
    if (!idleReaders.offer(connection)) {
      closeQuietly(connection);
    }
  }

  private void closeIdleReaders() {
    Connection idle;
    while ((idle = idleReaders.poll()) != null) {
      closeQuietly(idle);
    }
  }

  @Override
  public Transfer transfer(long id) {
    List<Transfer> found = lookupTransfers(id);
    return found.isEmpty() ? null : found.get(0);
  }

  @Override
  public Hold hold(long pendingId) {
    return read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT "
                      + BatchWriter.HOLD_COLUMNS
                      + " FROM ledger_holds WHERE pending_id = ?")) {
            query.setLong(1, pendingId);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next()
                  ? new Hold(rows.getLong(1), rows.getLong(2), rows.getInt(3), rows.getLong(4))
                  : null;
            }
          }
        });
  }

  @Override
  public List<Account> lookupAccounts(long... ids) {
    if (ids.length == 0) {
      return List.of();
    }
    checkLookupSize(ids);
    return readSnapshot(
        connection -> {
          JournalReplay replay = new JournalReplay();
          try (PreparedStatement query =
              connection.prepareStatement(
                  ACCOUNT_SELECT + " WHERE id IN " + placeholders(ids.length))) {
            for (int index = 0; index < ids.length; index++) {
              query.setLong(index + 1, ids[index]);
            }
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                replay.addAccount(readAccount(rows), rows.getLong("covered_ts"));
              }
            }
          }
          if (replay.isEmpty()) {
            return List.of();
          }
          // A change after an account's covered_ts is also after the checkpoint (the checkpoint
          // is before every unwritten change), so expiries older than both cannot matter: a
          // row written long ago does not make the lookup scan every expiry since.
          long after = Math.max(replay.coveredTimestampMin(), checkpointTimestamp(connection));
          addJournal(connection, replay, after, ids);
          var byId = new org.agrona.collections.Long2ObjectHashMap<Account>();
          for (Account account : replay.replay()) byId.put(account.id(), account);
          return inOrderOf(ids, byId);
        });
  }

  private static void checkLookupSize(long[] ids) {
    if (ids.length > LOOKUP_IDS_MAX) {
      throw new IllegalArgumentException("at most " + LOOKUP_IDS_MAX + " ids per lookup");
    }
  }

  /** The rows of {@code ids} in the order of the ids; ids not found are left out. */
  private static <T> List<T> inOrderOf(
      long[] ids, org.agrona.collections.Long2ObjectHashMap<T> byId) {
    List<T> ordered = new ArrayList<>(byId.size());
    for (long id : ids) {
      T row = byId.get(id);
      if (row != null) ordered.add(row);
    }
    return ordered;
  }

  @Override
  public List<Transfer> lookupTransfers(long... ids) {
    return lookup(TRANSFER_SELECT + " WHERE id IN ", ids, JdbcLedgerStore::readTransfer);
  }

  @FunctionalInterface
  private interface RowReader<T> {
    T read(ResultSet rows) throws SQLException;
  }

  /** Rows for the given ids, in the order of the ids; ids not found are left out. */
  private <T> List<T> lookup(String sqlPrefix, long[] ids, RowReader<T> reader) {
    if (ids.length == 0) {
      return List.of();
    }
    checkLookupSize(ids);
    String sql = sqlPrefix + placeholders(ids.length);
    return read(
        connection -> {
          var byId = new org.agrona.collections.Long2ObjectHashMap<T>();
          try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int index = 0; index < ids.length; index++) {
              query.setLong(index + 1, ids[index]);
            }
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                T row = reader.read(rows);
                byId.put(rows.getLong("id"), row);
              }
            }
          }
          return inOrderOf(ids, byId);
        });
  }

  /**
   * A page of an account's history, in one snapshot: its stored history (ledger_history chunks,
   * complete up to the greater of the row's covered_ts and the checkpoint) and, after that bound,
   * the journal's transfers of the account.
   */
  @Override
  public HistoryPage history(HistoryQuery query) {
    int fetch = query.limit() + 1;
    long after = query.afterTimestamp();
    return readSnapshot(
        connection -> {
          LongArrayList timestamps = new LongArrayList();
          long bound = historyBound(connection, query.accountId());
          if (bound >= 0) {
            if (query.descending()) {
              journalHistory(connection, query.accountId(), bound, after, true, fetch, timestamps);
              storedHistory(connection, query, bound, fetch, timestamps);
            } else {
              storedHistory(connection, query, bound, fetch, timestamps);
              journalHistory(
                  connection,
                  query.accountId(),
                  Math.max(bound, after),
                  Long.MAX_VALUE,
                  false,
                  fetch,
                  timestamps);
            }
          }
          List<Transfer> transfers = transfersAt(connection, timestamps, fetch);
          boolean hasMore = transfers.size() > query.limit();
          if (hasMore) {
            transfers.remove(transfers.size() - 1);
          }
          long cursor =
              transfers.isEmpty() ? after : transfers.get(transfers.size() - 1).timestamp();
          return new HistoryPage(List.copyOf(transfers), hasMore, cursor);
        });
  }

  /**
   * Up to where the account's stored history is complete: the greater of its row's covered_ts and
   * the checkpoint (every change up to the checkpoint is in the rows, and history is written with
   * its row). -1 if the account does not exist.
   */
  private static long historyBound(Connection connection, long accountId) throws SQLException {
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT a.covered_ts, c.covered_ts FROM ledger_accounts a, ledger_checkpoint c"
                + " WHERE a.id = ? AND c.id = 1")) {
      query.setLong(1, accountId);
      try (ResultSet rows = query.executeQuery()) {
        if (!rows.next()) return -1;
        return Math.max(rows.getLong(1), rows.getLong(2));
      }
    }
  }

  /**
   * Adds stored entries in the query's direction after its cursor, up to {@code fetch} in all.
   * Every chunk has at least one entry, so ascending: the chunk the cursor falls in and the chunks
   * after it; descending: the chunks that begin before the cursor.
   */
  private static void storedHistory(
      Connection connection, HistoryQuery query, long bound, int fetch, LongArrayList into)
      throws SQLException {
    if (into.size() >= fetch) return;
    String chunks = "SELECT entries FROM ledger_history WHERE account_id = ? AND first_ts ";
    if (query.descending()) {
      addChunkEntries(
          connection,
          chunks + "< ? ORDER BY first_ts DESC LIMIT ?",
          query,
          fetch,
          bound,
          fetch,
          into);
    } else {
      addChunkEntries(
          connection, chunks + "<= ? ORDER BY first_ts DESC LIMIT ?", query, 1, bound, fetch, into);
      addChunkEntries(
          connection, chunks + "> ? ORDER BY first_ts LIMIT ?", query, fetch, bound, fetch, into);
    }
  }

  /**
   * Adds the entries of the chunks {@code sql} selects (parameters: account, cursor, row limit), in
   * the query's direction, that lie after the cursor and within the bound, until {@code wanted}
   * entries are in {@code into}.
   */
  private static void addChunkEntries(
      Connection connection,
      String sql,
      HistoryQuery query,
      int chunksMax,
      long bound,
      int wanted,
      LongArrayList into)
      throws SQLException {
    long after = query.afterTimestamp();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, query.accountId());
      statement.setLong(2, after);
      statement.setInt(3, chunksMax);
      try (ResultSet rows = statement.executeQuery()) {
        while (into.size() < wanted && rows.next()) {
          long[] entries = HistoryChunks.decode(rows.getBytes(1));
          for (int step = 0; step < entries.length; step++) {
            long entry = entries[query.descending() ? entries.length - 1 - step : step];
            boolean beyondCursor = query.descending() ? entry < after : entry > after;
            if (beyondCursor && entry <= bound) into.addLong(entry);
          }
        }
      }
    }
  }

  /**
   * Adds the timestamps of the account's journal transfers in ({@code from}, {@code to}), in the
   * query's direction, until {@code wanted} are in {@code into}.
   */
  private static void journalHistory(
      Connection connection,
      long accountId,
      long from,
      long to,
      boolean descending,
      int wanted,
      LongArrayList into)
      throws SQLException {
    if (into.size() >= wanted) return;
    try (PreparedStatement query =
        connection.prepareStatement(
            "SELECT ts FROM ledger_transfers WHERE ts > ? AND ts < ?"
                + " AND (debit_account_id = ? OR credit_account_id = ?) ORDER BY ts "
                + (descending ? "DESC" : "ASC")
                + " LIMIT ?")) {
      query.setLong(1, from);
      query.setLong(2, to);
      query.setLong(3, accountId);
      query.setLong(4, accountId);
      query.setInt(5, wanted - into.size());
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) into.addLong(rows.getLong(1));
      }
    }
  }

  /** The transfers at the first {@code max} of {@code timestamps}, in their order. */
  private static List<Transfer> transfersAt(
      Connection connection, LongArrayList timestamps, int max) throws SQLException {
    int count = Math.min(timestamps.size(), max);
    if (count == 0) return new ArrayList<>();
    var byTimestamp = new org.agrona.collections.Long2ObjectHashMap<Transfer>();
    try (PreparedStatement query =
        connection.prepareStatement(TRANSFER_SELECT + " WHERE ts IN " + placeholders(count))) {
      for (int index = 0; index < count; index++) query.setLong(index + 1, timestamps.get(index));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Transfer transfer = readTransfer(rows);
          byTimestamp.put(transfer.timestamp(), transfer);
        }
      }
    }
    List<Transfer> transfers = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      Transfer transfer = byTimestamp.get(timestamps.get(index));
      if (transfer == null) {
        throw new SQLException(
            "history names a transfer at " + timestamps.get(index) + " that is not stored");
      }
      transfers.add(transfer);
    }
    return transfers;
  }

  @Override
  public List<CurrencyTotals> totals() {
    // Summed here, exactly: totals over many accounts can pass 64 bits though no balance can.
    List<Account> accounts =
        readSnapshot(
            connection ->
                currentAccounts(connection, new JournalReplay(), checkpointTimestamp(connection)));
    Map<String, BigInteger[]> sums = new java.util.TreeMap<>();
    for (Account account : accounts) {
      BigInteger[] sum =
          sums.computeIfAbsent(
              account.currency(),
              currency ->
                  new BigInteger[] {
                    BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO
                  });
      sum[0] = sum[0].add(BigInteger.valueOf(account.debitsPending()));
      sum[1] = sum[1].add(BigInteger.valueOf(account.debitsPosted()));
      sum[2] = sum[2].add(BigInteger.valueOf(account.creditsPending()));
      sum[3] = sum[3].add(BigInteger.valueOf(account.creditsPosted()));
    }
    List<CurrencyTotals> totals = new ArrayList<>();
    sums.forEach(
        (currency, sum) ->
            totals.add(new CurrencyTotals(currency, sum[0], sum[1], sum[2], sum[3])));
    return totals;
  }

  /**
   * Compares every account as the engine rebuilds it (rows and journal replayed in order) with an
   * independent sum in SQL over all of its transfers and the final states of its holds.
   */
  @Override
  public List<Long> accountsDisagreeingWithTransfers() {
    // Per-account sums cannot overflow: the engine keeps every balance within 64 bits.
    // Posted: single-phase and post-pending transfers (neither PENDING=2 nor VOID_PENDING=8).
    // Pending: pending transfers whose hold is still open.
    String legs =
        "SELECT t.%s AS account_id, sum(CASE WHEN h.status = 0 THEN t.amount ELSE 0 END),"
            + " sum(CASE WHEN (t.flags & 10) = 0 THEN t.amount ELSE 0 END)"
            + " FROM ledger_transfers t LEFT JOIN ledger_holds h ON h.pending_id = t.id"
            + " GROUP BY t.%s";
    return readSnapshot(
        connection -> {
          var debitSums = new org.agrona.collections.Long2ObjectHashMap<long[]>();
          var creditSums = new org.agrona.collections.Long2ObjectHashMap<long[]>();
          sumLegs(connection, legs.formatted("debit_account_id", "debit_account_id"), debitSums);
          sumLegs(connection, legs.formatted("credit_account_id", "credit_account_id"), creditSums);
          List<Long> disagreeing = new ArrayList<>();
          long[] none = {0, 0};
          for (Account account :
              currentAccounts(connection, new JournalReplay(), checkpointTimestamp(connection))) {
            long[] debit = debitSums.getOrDefault(account.id(), none);
            long[] credit = creditSums.getOrDefault(account.id(), none);
            if (account.debitsPending() != debit[0]
                || account.debitsPosted() != debit[1]
                || account.creditsPending() != credit[0]
                || account.creditsPosted() != credit[1]) {
              disagreeing.add(account.id());
            }
          }
          disagreeing.sort(null);
          return disagreeing;
        });
  }

  @Override
  public List<Long> accountsWithWrongHistory() {
    return readSnapshot(
        connection -> {
          long checkpoint = checkpointTimestamp(connection);
          var bounds = new org.agrona.collections.Long2LongHashMap(-1);
          try (Statement statement = connection.createStatement();
              ResultSet rows =
                  statement.executeQuery("SELECT id, covered_ts FROM ledger_accounts")) {
            while (rows.next()) bounds.put(rows.getLong(1), Math.max(rows.getLong(2), checkpoint));
          }
          var expected = new org.agrona.collections.Long2ObjectHashMap<LongArrayList>();
          try (Statement statement = connection.createStatement();
              ResultSet rows =
                  statement.executeQuery(
                      "SELECT ts, debit_account_id, credit_account_id FROM ledger_transfers"
                          + " ORDER BY ts")) {
            while (rows.next()) {
              long timestamp = rows.getLong(1);
              for (int column = 2; column <= 3; column++) {
                long account = rows.getLong(column);
                if (timestamp <= bounds.get(account)) {
                  expected.computeIfAbsent(account, id -> new LongArrayList()).addLong(timestamp);
                }
              }
            }
          }
          var stored = new org.agrona.collections.Long2ObjectHashMap<LongArrayList>();
          try (Statement statement = connection.createStatement();
              ResultSet rows =
                  statement.executeQuery(
                      "SELECT account_id, entries FROM ledger_history"
                          + " ORDER BY account_id, first_ts")) {
            while (rows.next()) {
              long account = rows.getLong(1);
              LongArrayList entries = stored.computeIfAbsent(account, id -> new LongArrayList());
              for (long entry : HistoryChunks.decode(rows.getBytes(2))) {
                if (entry <= bounds.get(account)) entries.addLong(entry);
              }
            }
          }
          List<Long> wrong = new ArrayList<>();
          for (long account : bounds.keySet()) {
            LongArrayList want = expected.getOrDefault(account, new LongArrayList());
            LongArrayList have = stored.getOrDefault(account, new LongArrayList());
            if (!want.equals(have)) wrong.add(account);
          }
          wrong.sort(null);
          return wrong;
        });
  }

  /** account id → {pending sum, posted sum} from one of the legs queries. */
  private static void sumLegs(
      Connection connection, String sql, org.agrona.collections.Long2ObjectHashMap<long[]> into)
      throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        into.put(rows.getLong(1), new long[] {rows.getLong(2), rows.getLong(3)});
      }
    }
  }

  static Account readAccount(ResultSet rows) throws SQLException {
    return new Account(
        rows.getLong("id"),
        rows.getString("currency"),
        rows.getInt("code"),
        rows.getInt("flags"),
        rows.getLong("user_data"),
        rows.getLong("debits_pending"),
        rows.getLong("debits_posted"),
        rows.getLong("credits_pending"),
        rows.getLong("credits_posted"),
        rows.getLong("ts"));
  }

  static Transfer readTransfer(ResultSet rows) throws SQLException {
    return new Transfer(
        rows.getLong("id"),
        rows.getLong("debit_account_id"),
        rows.getLong("credit_account_id"),
        rows.getLong("amount"),
        rows.getLong("pending_id"),
        rows.getLong("user_data"),
        rows.getInt("timeout_seconds"),
        rows.getString("currency"),
        rows.getInt("code"),
        rows.getInt("flags"),
        rows.getLong("ts"));
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // The connection is dropped right after; the server rolls back what it did not commit.
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a broken connection can fail; there is nothing left to release.
    }
  }

  @Override
  public void close() {
    dropWriterConnection();
    closeIdleReaders();
  }
}

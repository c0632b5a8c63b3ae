package io.harbourpay.bench;

import java.util.Locale;

/**
 * Command-line options of {@link LedgerBench}. Every knob has a bound or a sane default, so a bare
 * {@code durable --store sqlite} measures something meaningful.
 *
 * @param mode {@code memory} (state machine only) or {@code durable} (writer + store)
 * @param store {@code sqlite} or {@code postgres} (durable mode)
 * @param clients concurrent client threads submitting requests
 * @param seconds measured duration, after {@code warmupSeconds}
 * @param warmupSeconds run before measuring, so the JIT and the database caches settle
 * @param accounts accounts transfers move money between
 * @param hot every transfer credits one hot merchant account
 * @param randomIds random 64-bit transfer ids instead of time-ordered ones
 * @param transfersPerRequest transfers in one createTransfers request
 * @param requestsInFlightMax requests one client keeps outstanding before waiting on the oldest
 * @param pgUrl PostgreSQL server (without a database name) for the postgres store
 * @param pgUser PostgreSQL user
 * @param sqliteDir folder for the SQLite file (deleted afterwards)
 * @param flushAfterBatches batches after which the ledger writes a changed account row back (1:
 *     every batch, as before account rows became a checkpoint)
 */
record BenchOptions(
    String mode,
    String store,
    int clients,
    int seconds,
    int warmupSeconds,
    int accounts,
    boolean hot,
    boolean randomIds,
    int transfersPerRequest,
    int requestsInFlightMax,
    String pgUrl,
    String pgUser,
    String sqliteDir,
    int flushAfterBatches) {

  static final int CLIENTS_MAX = 1024;
  static final int TRANSFERS_PER_REQUEST_MAX = 8190;
  static final int REQUESTS_IN_FLIGHT_MAX = 64;
  static final int FLUSH_AFTER_BATCHES_MAX = 1 << 20;

  static BenchOptions parse(String[] args) {
    if (args.length == 0) {
      throw new IllegalArgumentException(usage());
    }
    String mode = args[0];
    String store = "sqlite";
    int clients = 4;
    int seconds = 30;
    int warmupSeconds = 5;
    int accounts = 100_000;
    boolean hot = false;
    boolean randomIds = false;
    int transfersPerRequest = 100;
    int requestsInFlightMax = 4;
    String pgUrl = "jdbc:postgresql://127.0.0.1:5432/";
    String pgUser = "postgres";
    String sqliteDir = System.getProperty("java.io.tmpdir");
    int flushAfterBatches =
        io.harbourpay.ledger.LedgerConfig.AccountFlush.defaults().afterBatches();
    for (int index = 1; index < args.length; index++) {
      String flag = args[index];
      switch (flag) {
        case "--hot" -> hot = true;
        case "--random-ids" -> randomIds = true;
        case "--store" -> store = args[++index].toLowerCase(Locale.ROOT);
        case "--clients" -> clients = Integer.parseInt(args[++index]);
        case "--seconds" -> seconds = Integer.parseInt(args[++index]);
        case "--warmup" -> warmupSeconds = Integer.parseInt(args[++index]);
        case "--accounts" -> accounts = Integer.parseInt(args[++index]);
        case "--request-transfers" -> transfersPerRequest = Integer.parseInt(args[++index]);
        case "--in-flight" -> requestsInFlightMax = Integer.parseInt(args[++index]);
        case "--pg-url" -> pgUrl = args[++index];
        case "--pg-user" -> pgUser = args[++index];
        case "--sqlite-dir" -> sqliteDir = args[++index];
        case "--flush-batches" -> flushAfterBatches = Integer.parseInt(args[++index]);
        default -> throw new IllegalArgumentException("unknown option " + flag + "\n" + usage());
      }
    }
    BenchOptions options =
        new BenchOptions(
            mode,
            store,
            clients,
            seconds,
            warmupSeconds,
            accounts,
            hot,
            randomIds,
            transfersPerRequest,
            requestsInFlightMax,
            pgUrl,
            pgUser,
            sqliteDir,
            flushAfterBatches);
    options.check();
    return options;
  }

  private void check() {
    if (!mode.equals("memory") && !mode.equals("durable")) {
      throw new IllegalArgumentException("mode must be memory or durable\n" + usage());
    }
    if (!store.equals("sqlite") && !store.equals("postgres")) {
      throw new IllegalArgumentException("--store must be sqlite or postgres");
    }
    requireRange("--clients", clients, 1, CLIENTS_MAX);
    requireRange("--seconds", seconds, 1, 3600);
    requireRange("--warmup", warmupSeconds, 0, 600);
    requireRange("--accounts", accounts, 2, 50_000_000);
    requireRange("--request-transfers", transfersPerRequest, 1, TRANSFERS_PER_REQUEST_MAX);
    requireRange("--in-flight", requestsInFlightMax, 1, REQUESTS_IN_FLIGHT_MAX);
    requireRange("--flush-batches", flushAfterBatches, 1, FLUSH_AFTER_BATCHES_MAX);
  }

  private static void requireRange(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in " + min + ".." + max);
    }
  }

  static String usage() {
    return "usage: LedgerBench memory|durable [--store sqlite|postgres] [--clients N]"
        + " [--seconds S] [--warmup S] [--accounts A] [--hot] [--random-ids]"
        + " [--request-transfers K] [--in-flight M] [--pg-url URL] [--pg-user USER]"
        + " [--sqlite-dir DIR] [--flush-batches N]";
  }
}

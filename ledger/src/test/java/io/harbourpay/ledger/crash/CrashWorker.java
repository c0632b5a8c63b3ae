package io.harbourpay.ledger.crash;

import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The process {@link CrashRecoveryTest} kills. It opens the ledger on the store named by its
 * arguments and runs payment commands from several client threads until it is killed (or, as a
 * bound, until {@link #RUN_MS_MAX} passes).
 *
 * <p>Protocol on stdout, one line each: {@code READY} once accounts exist; {@code SENT <id>} before
 * a command is first submitted; {@code ACK <id>} only after its future completed with every
 * transfer OK (or EXISTS on a retry), that is after its batch committed; {@code REJECTED <id>
 * <results>} if the ledger refused a command for good, which the test treats as a failure. Every
 * line ends with {@code " ."} so the test can drop a line cut short by the kill.
 *
 * <p>Arguments: jdbcUrl user password schema incarnation ({@link #NULL} for a null field).
 */
public final class CrashWorker {
  static final String NULL = "<null>";
  static final int CLIENT_THREADS = 8;
  static final long RUN_MS_MAX = 30_000;
  static final int RETRY_ATTEMPTS_MAX = 100;
  static final long RETRY_PAUSE_MS = 20;
  static final long REQUEST_WAIT_SECONDS = 30;

  private static final PrintStream OUT = System.out;

  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    StoreConfig config =
        new StoreConfig(orNull(args[0]), orNull(args[1]), orNull(args[2]), orNull(args[3]));
    long incarnation = Long.parseLong(args[4]);
    JdbcLedgerStore store = JdbcLedgerStore.open(config);
    CrashWorkload.createOrdersTable(config);
    Ledger ledger = Ledger.open(store, LedgerConfig.defaults());
    CrashWorkload.createAccounts(ledger, RETRY_ATTEMPTS_MAX);
    say("READY");

    AtomicLong ops = new AtomicLong();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(RUN_MS_MAX);
    List<Thread> clients = new ArrayList<>();
    for (int index = 0; index < CLIENT_THREADS; index++) {
      Thread client =
          new Thread(() -> runClient(ledger, incarnation, ops, deadline), "client-" + index);
      client.start();
      clients.add(client);
    }
    for (Thread client : clients) {
      client.join();
    }
    ledger.close();
    say("DONE");
    System.exit(0);
  }

  private static void runClient(Ledger ledger, long incarnation, AtomicLong ops, long deadline) {
    try {
      while (System.nanoTime() < deadline) {
        long op = ops.getAndIncrement();
        if (op >= CrashWorkload.OPS_PER_INCARNATION_MAX) return;
        long commandId = CrashWorkload.commandId(incarnation, op, 0);
        if (run(ledger, commandId) && CrashWorkload.isHold(commandId)) {
          run(ledger, commandId + 1);
        }
      }
    } catch (Exception failure) {
      failure.printStackTrace();
      say("REJECTED " + Thread.currentThread().getName() + " " + failure);
    }
  }

  /** Sends one command until it is answered for good; true if it is in the store. */
  private static boolean run(Ledger ledger, long commandId) throws Exception {
    say("SENT " + commandId);
    for (int attempt = 0; attempt < RETRY_ATTEMPTS_MAX; attempt++) {
      List<CreateTransferResult> results =
          ledger
              .execute(CrashWorkload.command(commandId))
              .get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS);
      switch (CrashWorkload.classify(results)) {
        case APPLIED, EXISTED -> {
          say("ACK " + commandId);
          return true;
        }
        case TRANSIENT -> Thread.sleep(RETRY_PAUSE_MS);
        case REJECTED -> {
          say("REJECTED " + commandId + " " + results);
          return false;
        }
      }
    }
    return false;
  }

  private static void say(String line) {
    synchronized (OUT) {
      OUT.print(line + " .\n");
      OUT.flush();
    }
  }

  private static String orNull(String argument) {
    return NULL.equals(argument) ? null : argument;
  }
}

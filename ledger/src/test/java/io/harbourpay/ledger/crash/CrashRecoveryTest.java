package io.harbourpay.ledger.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.LedgerConfig;
import io.harbourpay.ledger.crash.CrashWorkload.Outcome;
import io.harbourpay.ledger.store.JdbcLedgerStore;
import io.harbourpay.ledger.store.StoreConfig;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kills a ledger process with SIGKILL in the middle of concurrent load, several times over on the
 * same store, then checks the store against what the killed processes acknowledged: nothing
 * acknowledged is lost, nothing is applied twice or in part, and the books balance. A last
 * incarnation resubmits every command that was sent but never acknowledged and must be answered
 * "applied" or "exists", never a conflict.
 *
 * <p>Kill times come from a seeded Random ({@code -Dharbour.crash.seed=…} to replay); each worker's
 * stderr is kept under target/test-data for diagnosis.
 */
class CrashRecoveryTest {
  static final int INCARNATIONS = 4;
  static final long KILL_AFTER_FIRST_ACK_MS_MIN = 300;
  static final long KILL_AFTER_FIRST_ACK_MS_MAX = 1_500;
  static final long FIRST_ACK_WAIT_SECONDS = 30;
  static final long EXIT_WAIT_SECONDS = 10;
  static final long READER_WAIT_SECONDS = 120;
  static final int RETRY_ATTEMPTS_MAX = 100;
  static final long REQUEST_WAIT_SECONDS = 30;
  private static final Pattern LINE = Pattern.compile("(READY|DONE|SENT|ACK|REJECTED)(.*) \\.");

  static List<Kind> stores() {
    return TestStores.kinds().toList();
  }

  @ParameterizedTest
  @MethodSource("stores")
  void acknowledgedCommandsSurviveKillsAndNoneIsHalfApplied(Kind kind) throws Exception {
    StoreConfig config = TestStores.fresh(kind);
    long seed = Long.getLong("harbour.crash.seed", System.nanoTime());
    System.err.println("CrashRecoveryTest " + kind + " seed " + seed);
    Random random = new Random(seed);
    Set<Long> sent = ConcurrentHashMap.newKeySet();
    Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
    try {
      for (int incarnation = 1; incarnation <= INCARNATIONS; incarnation++) {
        long killAfterMs =
            KILL_AFTER_FIRST_ACK_MS_MIN
                + random.nextInt((int) (KILL_AFTER_FIRST_ACK_MS_MAX - KILL_AFTER_FIRST_ACK_MS_MIN));
        runAndKill(config, kind, incarnation, killAfterMs, sent, acknowledged);
      }
      assertThat(acknowledged).as("commands acknowledged before the kills").isNotEmpty();

      try (JdbcLedgerStore store = JdbcLedgerStore.open(config);
          Ledger ledger = Ledger.open(store, LedgerConfig.defaults())) {
        Set<Long> present = CrashWorkload.assertStoreMatches(config, store, acknowledged);
        Set<Long> unacknowledged = new TreeSet<>(sent);
        unacknowledged.removeAll(acknowledged);
        int existed = 0;
        for (long commandId : unacknowledged) {
          Outcome outcome = resubmit(ledger, commandId);
          assertThat(outcome)
              .as(
                  "resubmitted command %d (in store before: %s)",
                  commandId, present.contains(commandId))
              .isIn(Outcome.APPLIED, Outcome.EXISTED);
          assertThat(outcome == Outcome.EXISTED)
              .as("command %d answers exists exactly when it was in the store", commandId)
              .isEqualTo(present.contains(commandId));
          if (outcome == Outcome.EXISTED) existed++;
          acknowledged.add(commandId);
        }
        Set<Long> after = CrashWorkload.assertStoreMatches(config, store, acknowledged);
        assertThat(after).containsExactlyInAnyOrderElementsOf(acknowledged);
        System.err.printf(
            "CrashRecoveryTest %s: %d incarnations, %d commands sent, %d acknowledged before the"
                + " kills, %d resubmitted (%d committed but unacknowledged)%n",
            kind,
            INCARNATIONS,
            sent.size(),
            sent.size() - unacknowledged.size(),
            unacknowledged.size(),
            existed);
      }
    } finally {
      TestStores.dispose(config);
    }
  }

  private static Outcome resubmit(Ledger ledger, long commandId) throws Exception {
    for (int attempt = 0; attempt < RETRY_ATTEMPTS_MAX; attempt++) {
      List<CreateTransferResult> results =
          ledger
              .execute(CrashWorkload.command(commandId))
              .get(REQUEST_WAIT_SECONDS, TimeUnit.SECONDS);
      Outcome outcome = CrashWorkload.classify(results);
      if (outcome != Outcome.TRANSIENT) return outcome;
      Thread.sleep(20);
    }
    return Outcome.TRANSIENT;
  }

  /**
   * Starts a worker, kills it {@code killAfterMs} after its first acknowledgement, reads it all.
   */
  private static void runAndKill(
      StoreConfig config,
      Kind kind,
      int incarnation,
      long killAfterMs,
      Set<Long> sent,
      Set<Long> acknowledged)
      throws Exception {
    Path stderr =
        TestStores.testDir()
            .resolve("crash-worker-" + kind + "-" + System.nanoTime() + "-" + incarnation + ".log");
    Process worker = workerProcess(config, incarnation, stderr).start();
    CountDownLatch firstAck = new CountDownLatch(1);
    List<String> rejected = new ArrayList<>();
    int acknowledgedBefore = acknowledged.size();
    Thread reader =
        new Thread(
            () ->
                readLines(
                    worker.getInputStream(),
                    line -> {
                      Matcher matcher = LINE.matcher(line);
                      if (!matcher.matches()) return; // cut short by the kill
                      String argument = matcher.group(2).trim();
                      switch (matcher.group(1)) {
                        case "SENT" -> sent.add(Long.parseLong(argument));
                        case "ACK" -> {
                          acknowledged.add(Long.parseLong(argument));
                          firstAck.countDown();
                        }
                        case "REJECTED" -> {
                          synchronized (rejected) {
                            rejected.add(argument);
                          }
                        }
                        default -> {}
                      }
                    }),
            "crash-worker-reader");
    reader.start();
    try {
      if (!firstAck.await(FIRST_ACK_WAIT_SECONDS, TimeUnit.SECONDS)) {
        fail(
            "worker %d acknowledged nothing in %ds; its stderr: %s%n%s",
            incarnation, FIRST_ACK_WAIT_SECONDS, stderr, tail(stderr));
      }
      Thread.sleep(killAfterMs);
      assertThat(worker.isAlive())
          .as("worker %d still running at the kill; stderr %s", incarnation, stderr)
          .isTrue();
    } finally {
      worker.destroyForcibly();
      assertThat(worker.waitFor(EXIT_WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
      // Everything the worker printed before it died must be read before the books are checked:
      // a SENT line still in the pipe would make a stored command look like one never sent. On a
      // loaded machine the reader can lag, so wait for it generously and say so if it never ends.
      reader.join(TimeUnit.SECONDS.toMillis(READER_WAIT_SECONDS));
      assertThat(reader.isAlive())
          .as("worker %d's output still unread after %ds", incarnation, READER_WAIT_SECONDS)
          .isFalse();
    }
    assertThat(rejected).as("commands the ledger refused; stderr %s", stderr).isEmpty();
    System.err.printf(
        "CrashRecoveryTest %s: worker %d killed %d ms after its first ack, %d acks%n",
        kind, incarnation, killAfterMs, acknowledged.size() - acknowledgedBefore);
  }

  private static ProcessBuilder workerProcess(StoreConfig config, int incarnation, Path stderr) {
    String java =
        ProcessHandle.current()
            .info()
            .command()
            .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>();
    command.add(java);
    command.add("-ea");
    command.add("-Xmx256m");
    String logging = System.getProperty("java.util.logging.config.file");
    if (logging != null) command.add("-Djava.util.logging.config.file=" + logging);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(CrashWorker.class.getName());
    command.add(config.jdbcUrl());
    command.add(orMarker(config.user()));
    command.add(orMarker(config.password()));
    command.add(orMarker(config.schema()));
    command.add(Integer.toString(incarnation));
    return new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .redirectInput(ProcessBuilder.Redirect.PIPE);
  }

  private static String orMarker(String value) {
    return value == null ? CrashWorker.NULL : value;
  }

  /** Hands on complete lines only: what follows the last newline was cut short by the kill. */
  private static void readLines(InputStream input, java.util.function.Consumer<String> onLine) {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (input) {
      int read;
      while ((read = input.read(buffer)) > 0) {
        for (int index = 0; index < read; index++) {
          if (buffer[index] == '\n') {
            onLine.accept(line.toString(StandardCharsets.UTF_8));
            line.reset();
          } else {
            line.write(buffer[index]);
          }
        }
      }
    } catch (IOException closed) {
      // The process died: everything it wrote before is already handled.
    }
  }

  private static String tail(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException failure) {
      return "(unreadable: " + failure + ")";
    }
  }
}

package io.harbourpay.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.model.ReferenceLedger;
import io.harbourpay.ledger.model.Scenarios;
import io.harbourpay.ledger.model.Scenarios.Advance;
import io.harbourpay.ledger.model.Scenarios.CreateAccounts;
import io.harbourpay.ledger.model.Scenarios.CreateTransfers;
import io.harbourpay.ledger.model.Scenarios.Restart;
import io.harbourpay.ledger.model.Scenarios.Step;
import io.harbourpay.ledger.testing.Invariants;
import io.harbourpay.ledger.testing.LedgerHarness;
import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.ledger.testing.PropertyRunner;
import io.harbourpay.ledger.testing.TestStores;
import io.harbourpay.ledger.testing.TestStores.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property: for any sequence of accounts, transfers, holds, posts, voids, linked chains, timeouts,
 * clock jumps and restarts, the engine gives the same result for every event and the same account
 * state as the reference model, and the books balance.
 */
class EngineMatchesModelTest {
  private static final long START_MICROS = LedgerHarness.START.toEpochMilli() * 1_000;

  /** The state machine alone, batch by batch, with committed history kept in memory. */
  /** Results seen across all cases: proof the generator reaches the interesting paths. */
  private static final java.util.EnumSet<CreateTransferResult> SEEN =
      java.util.EnumSet.noneOf(CreateTransferResult.class);

  @Test
  void stateMachineMatchesTheModel() {
    SEEN.clear();
    PropertyRunner.check(
        "state machine = reference model",
        PropertyRunner.baseSeed(20_261_128),
        PropertyRunner.tries(400),
        random -> Scenarios.generate(random, false),
        EngineMatchesModelTest::runInMemory,
        true);
    assertThat(SEEN)
        .as("results the generated workloads reached")
        .contains(
            CreateTransferResult.OK,
            CreateTransferResult.EXISTS,
            CreateTransferResult.EXISTS_WITH_DIFFERENT_AMOUNT,
            CreateTransferResult.EXISTS_WITH_DIFFERENT_FLAGS,
            CreateTransferResult.LINKED_EVENT_FAILED,
            CreateTransferResult.LINKED_EVENT_CHAIN_OPEN,
            CreateTransferResult.EXCEEDS_CREDITS,
            CreateTransferResult.EXCEEDS_DEBITS,
            CreateTransferResult.PENDING_TRANSFER_EXPIRED,
            CreateTransferResult.PENDING_TRANSFER_ALREADY_POSTED,
            CreateTransferResult.PENDING_TRANSFER_ALREADY_VOIDED,
            CreateTransferResult.EXCEEDS_PENDING_TRANSFER_AMOUNT,
            CreateTransferResult.DEBIT_ACCOUNT_ALREADY_CLOSED,
            CreateTransferResult.OVERFLOWS_CREDITS_POSTED,
            CreateTransferResult.ACCOUNTS_MUST_HAVE_THE_SAME_CURRENCY);
  }

  /** The whole engine on a real store, with restarts, fewer cases: each opens a database. */
  @ParameterizedTest
  @MethodSource("io.harbourpay.ledger.testing.TestStores#kinds")
  void ledgerOnAStoreMatchesTheModel(Kind kind) {
    PropertyRunner.check(
        "ledger on " + kind + " = reference model",
        PropertyRunner.baseSeed(7_000_000),
        PropertyRunner.tries(kind == Kind.SQLITE ? 18 : 9),
        random -> Scenarios.generate(random, true),
        steps -> runOnStore(kind, steps),
        false);
  }

  private static void runInMemory(List<Step> steps) {
    InMemoryHistory history = new InMemoryHistory();
    StateMachine engine = new StateMachine(List.of(), List.of(), new LongHashSet(), 0, history);
    ReferenceLedger model = new ReferenceLedger();
    long now = START_MICROS;
    engine.beginBatch(now);
    model.setNow(now);
    for (Step step : steps) {
      if (step instanceof CreateAccounts create) {
        CreateAccountResult[] results = new CreateAccountResult[create.accounts().size()];
        engine.createAccounts(create.accounts(), results);
        assertThat(results)
            .as("%s", step)
            .containsExactlyElementsOf(model.createAccounts(create.accounts()));
      } else if (step instanceof CreateTransfers create) {
        CreateTransferResult[] results = new CreateTransferResult[create.transfers().size()];
        engine.createTransfers(create.transfers(), results);
        assertThat(results)
            .as("%s", step)
            .containsExactlyElementsOf(model.createTransfers(create.transfers()));
        SEEN.addAll(java.util.Arrays.asList(results));
      } else if (step instanceof Advance advance) {
        history.commit(engine.endBatch());
        now += advance.seconds() * 1_000_000L;
        engine.beginBatch(now);
        model.setNow(now);
        model.pulse();
      } else {
        throw new IllegalStateException("no restarts in memory: " + step);
      }
      for (long id : model.accountIds()) {
        assertThat(engine.account(id))
            .as("account %d after %s", id, step)
            .isEqualTo(model.account(id));
      }
    }
  }

  /**
   * When account rows are written back, chosen by the case: every batch (the journal is empty at
   * every restart), every third batch or on a second change (a checkpoint with a tail), or never
   * (every lookup and restart replays all of history).
   */
  private static final List<LedgerConfig.AccountFlush> FLUSH_POLICIES =
      List.of(
          new LedgerConfig.AccountFlush(1, 1_000, Integer.MAX_VALUE),
          new LedgerConfig.AccountFlush(3, Long.MAX_VALUE / 2_000, 2),
          LedgerHarness.FLUSH_NEVER);

  private static void runOnStore(Kind kind, List<Step> steps) {
    ReferenceLedger model = new ReferenceLedger();
    LedgerConfig.AccountFlush flush = FLUSH_POLICIES.get(steps.size() % FLUSH_POLICIES.size());
    try (LedgerHarness harness =
        new LedgerHarness(TestStores.fresh(kind), new ManualClock(LedgerHarness.START), flush)) {
      model.setNow(START_MICROS);
      long now = START_MICROS;
      for (Step step : steps) {
        if (step instanceof CreateAccounts create) {
          assertThat(LedgerHarness.join(harness.ledger.createAccounts(create.accounts())))
              .as("%s", step)
              .containsExactlyElementsOf(model.createAccounts(create.accounts()));
        } else if (step instanceof CreateTransfers create) {
          assertThat(LedgerHarness.join(harness.ledger.createTransfers(create.transfers())))
              .as("%s", step)
              .containsExactlyElementsOf(model.createTransfers(create.transfers()));
        } else if (step instanceof Advance advance) {
          harness.clock.advance(Duration.ofSeconds(advance.seconds()));
          now += advance.seconds() * 1_000_000L;
          model.setNow(now);
          model.pulse();
        } else if (step instanceof Restart) {
          assertHistoriesMatch(harness, model, steps.size());
          harness.restart();
          model.restart();
          assertHistoriesMatch(harness, model, steps.size() + 1);
        }
        if (step instanceof Advance || step instanceof Restart) {
          // The writer expires due holds at its next batch or idle wake-up, not at the very
          // moment the clock moves; a post is refused at once either way. Compare after the
          // next request, which is sure to have passed an expiry pass.
          continue;
        }
        List<Long> ids = model.accountIds();
        long[] idArray = ids.stream().mapToLong(Long::longValue).toArray();
        List<Account> expected = new ArrayList<>();
        ids.forEach(id -> expected.add(model.account(id)));
        assertThat(harness.ledger.lookupAccounts(idArray))
            .as("accounts after %s", step)
            .containsExactlyElementsOf(expected);
      }
      assertHistoriesMatch(harness, model, steps.size() + 2);
      Invariants.assertBooksBalance(harness.store);
    }
  }

  /**
   * Every account's history, paged both ways, equals the model's: whatever part of it the
   * write-back has put in ledger_history and whatever part is still only in the journal. Page sizes
   * vary with {@code salt} so that pages end inside chunks and on their edges.
   */
  private static void assertHistoriesMatch(LedgerHarness harness, ReferenceLedger model, int salt) {
    int forwardPage = 1 + salt % 4;
    int backwardPage = 1 + (salt / 4) % 5;
    for (long id : model.accountIds()) {
      // By id: the model's timestamps can differ from the engine's by when an expiry ran.
      List<Long> expected = model.history(id).stream().map(Transfer::id).toList();
      List<Transfer> forward = allPages(harness, HistoryQuery.oldestFirst(id, forwardPage));
      assertThat(forward.stream().map(Transfer::id).toList())
          .as("history of %d, oldest first, pages of %d", id, forwardPage)
          .containsExactlyElementsOf(expected);
      assertThat(forward.stream().mapToLong(Transfer::timestamp).toArray())
          .as("timestamps of %d's history", id)
          .isSorted()
          .doesNotHaveDuplicates();
      assertThat(forward)
          .as("history rows of %d are the stored transfers", id)
          .containsExactlyElementsOf(
              harness.ledger.lookupTransfers(
                  expected.stream().mapToLong(Long::longValue).toArray()));
      List<Transfer> reversed = new ArrayList<>(forward);
      java.util.Collections.reverse(reversed);
      assertThat(allPages(harness, HistoryQuery.newestFirst(id, backwardPage)))
          .as("history of %d, newest first, pages of %d", id, backwardPage)
          .containsExactlyElementsOf(reversed);
    }
  }

  private static List<Transfer> allPages(LedgerHarness harness, HistoryQuery query) {
    List<Transfer> all = new ArrayList<>();
    for (int pages = 0; pages < 10_000; pages++) {
      HistoryPage page = harness.ledger.history(query);
      assertThat(page.transfers().size()).isLessThanOrEqualTo(query.limit());
      all.addAll(page.transfers());
      if (!page.hasMore()) return all;
      assertThat(page.transfers()).as("a page with more after it is full").hasSize(query.limit());
      query = query.next(page);
    }
    throw new AssertionError("history of " + query.accountId() + " never ended");
  }

  /** What a store would hold: committed transfers and hold rows, batch by batch. */
  private static final class InMemoryHistory implements CommittedLookup {
    private final Long2ObjectHashMap<Transfer> transfers = new Long2ObjectHashMap<>();
    private final Long2ObjectHashMap<Hold> holds = new Long2ObjectHashMap<>();

    void commit(StoreBatch batch) {
      batch.transfers().forEach(transfer -> transfers.put(transfer.id(), transfer));
      batch.holds().forEach(hold -> holds.put(hold.pendingId(), hold));
    }

    @Override
    public Transfer transfer(long id) {
      return transfers.get(id);
    }

    @Override
    public Hold hold(long pendingId) {
      return holds.get(pendingId);
    }
  }
}

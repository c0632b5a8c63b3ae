package io.harbourpay.ledger.model;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AccountFlags;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.TransferFlags;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random ledger workloads: accounts, transfers, holds with timeouts, posts, voids, linked chains,
 * balancing and closing transfers, resubmissions (same and changed), bad input, clock jumps and
 * restarts. Biased towards collisions: few accounts, reused ids, amounts near the limits.
 */
public final class Scenarios {
  /** One thing the test does to both the engine and the model. */
  public sealed interface Step {}

  public record CreateAccounts(List<Account> accounts) implements Step {}

  public record CreateTransfers(List<Transfer> transfers) implements Step {}

  /** Moves the clock and starts a new batch (holds due by then expire). */
  public record Advance(int seconds) implements Step {}

  public record Restart() implements Step {}

  static final long[] ACCOUNT_IDS = {1, 2, 3, 4, 5, 6, 7};
  static final long BANK = 7;

  private Scenarios() {}

  public static List<Step> generate(Random random, boolean restarts) {
    List<Step> steps = new ArrayList<>();
    List<Account> setup = new ArrayList<>();
    for (long id : ACCOUNT_IDS) {
      int flags =
          id == BANK
              ? 0
              : switch (random.nextInt(4)) {
                case 0, 1 -> AccountFlags.DEBITS_MUST_NOT_EXCEED_CREDITS;
                case 2 -> AccountFlags.CREDITS_MUST_NOT_EXCEED_DEBITS;
                default -> 0;
              };
      String currency = id == 6 ? "CNY" : "HKD";
      setup.add(Account.create(id, currency, 1 + random.nextInt(3), flags, random.nextInt(3)));
    }
    steps.add(new CreateAccounts(setup));
    List<Transfer> funding = new ArrayList<>();
    for (long id = 1; id <= 5; id++) {
      funding.add(Transfer.of(1_000 + id, BANK, id, 1 + random.nextInt(100_000), "HKD", 1));
    }
    steps.add(new CreateTransfers(funding));

    Generator generator = new Generator(random);
    int count = 20 + random.nextInt(60);
    for (int step = 0; step < count; step++) {
      int roll = random.nextInt(100);
      if (roll < 72) {
        steps.add(new CreateTransfers(generator.transfers()));
      } else if (roll < 78) {
        steps.add(new CreateAccounts(generator.accounts()));
      } else if (roll < 94 || !restarts) {
        steps.add(new Advance(random.nextInt(4) == 0 ? 0 : random.nextInt(90)));
      } else {
        steps.add(new Restart());
      }
    }
    return steps;
  }

  private static final class Generator {
    private final Random random;
    private final List<Transfer> sent = new ArrayList<>();
    private final List<Long> pendingIds = new ArrayList<>();
    private long nextId = 10_000;

    Generator(Random random) {
      this.random = random;
    }

    List<Account> accounts() {
      List<Account> accounts = new ArrayList<>();
      int count = 1 + random.nextInt(2);
      for (int index = 0; index < count; index++) {
        long id = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(9);
        String currency = pick("HKD", "HKD", "CNY", "ABC", null);
        int flags = random.nextInt(5) == 0 ? random.nextInt(8) : 0;
        accounts.add(Account.create(id, currency, random.nextInt(3), flags, random.nextInt(2)));
      }
      return accounts;
    }

    List<Transfer> transfers() {
      List<Transfer> transfers = new ArrayList<>();
      int count = 1 + random.nextInt(random.nextInt(4) == 0 ? 6 : 2);
      for (int index = 0; index < count; index++) {
        Transfer transfer = transfer();
        if (random.nextInt(4) == 0) {
          transfer = transfer.withFlags(transfer.flags() | TransferFlags.LINKED);
        }
        transfers.add(transfer);
        sent.add(transfer);
      }
      return transfers;
    }

    private Transfer transfer() {
      if (!sent.isEmpty() && random.nextInt(8) == 0) {
        Transfer earlier = sent.get(random.nextInt(sent.size()));
        return random.nextBoolean() ? earlier : mutate(earlier);
      }
      long id = random.nextInt(40) == 0 ? 0 : nextId++;
      int roll = random.nextInt(100);
      if (roll < 45) {
        return new Transfer(
            id,
            account(),
            account(),
            amount(),
            0,
            random.nextInt(2),
            0,
            currency(),
            code(),
            extraFlags(),
            0);
      }
      if (roll < 72) {
        int timeout = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(120);
        if (random.nextInt(50) == 0) timeout = random.nextBoolean() ? -1 : Integer.MAX_VALUE;
        int flags = TransferFlags.PENDING | extraFlags();
        if (random.nextInt(12) == 0) flags |= TransferFlags.CLOSING_DEBIT;
        if (random.nextInt(12) == 0) flags |= TransferFlags.CLOSING_CREDIT;
        pendingIds.add(id);
        return new Transfer(
            id, account(), account(), amount(), 0, 0, timeout, currency(), code(), flags, 0);
      }
      long pendingId =
          pendingIds.isEmpty() || random.nextInt(10) == 0
              ? random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(12_000)
              : pendingIds.get(random.nextInt(pendingIds.size()));
      boolean post = roll < 90;
      int flags = post ? TransferFlags.POST_PENDING : TransferFlags.VOID_PENDING;
      long amount = random.nextInt(3) == 0 ? 0 : amount();
      long debit = random.nextInt(6) == 0 ? account() : 0;
      long credit = random.nextInt(6) == 0 ? account() : 0;
      String currency = random.nextInt(6) == 0 ? currency() : null;
      int code = random.nextInt(6) == 0 ? code() : 0;
      return new Transfer(id, debit, credit, amount, pendingId, 0, 0, currency, code, flags, 0);
    }

    private Transfer mutate(Transfer t) {
      return switch (random.nextInt(6)) {
        case 0 ->
            new Transfer(
                t.id(),
                t.debitAccountId(),
                t.creditAccountId(),
                t.amount() + 1,
                t.pendingId(),
                t.userData(),
                t.timeoutSeconds(),
                t.currency(),
                t.code(),
                t.flags(),
                0);
        case 1 ->
            new Transfer(
                t.id(),
                account(),
                t.creditAccountId(),
                t.amount(),
                t.pendingId(),
                t.userData(),
                t.timeoutSeconds(),
                t.currency(),
                t.code(),
                t.flags(),
                0);
        case 2 -> t.withUserData(t.userData() + 1);
        case 3 ->
            new Transfer(
                t.id(),
                t.debitAccountId(),
                t.creditAccountId(),
                t.amount(),
                t.pendingId(),
                t.userData(),
                t.timeoutSeconds() + 1,
                t.currency(),
                t.code(),
                t.flags(),
                0);
        case 4 ->
            new Transfer(
                t.id(),
                t.debitAccountId(),
                t.creditAccountId(),
                t.amount(),
                t.pendingId(),
                t.userData(),
                t.timeoutSeconds(),
                t.currency(),
                t.code() + 1,
                t.flags(),
                0);
        default -> t.withFlags(t.flags() ^ TransferFlags.LINKED);
      };
    }

    private int extraFlags() {
      int flags = 0;
      if (random.nextInt(10) == 0) flags |= TransferFlags.BALANCING_DEBIT;
      if (random.nextInt(14) == 0) flags |= TransferFlags.BALANCING_CREDIT;
      if (random.nextInt(80) == 0) flags |= TransferFlags.POST_PENDING;
      if (random.nextInt(150) == 0) flags |= 1 << 9;
      return flags;
    }

    private long account() {
      int roll = random.nextInt(30);
      if (roll == 0) return 0;
      if (roll == 1) return 99;
      return ACCOUNT_IDS[random.nextInt(ACCOUNT_IDS.length)];
    }

    private long amount() {
      return switch (random.nextInt(20)) {
        case 0 -> 0;
        case 1 -> -1 - random.nextInt(10);
        case 2 -> Long.MAX_VALUE - random.nextInt(3);
        case 3, 4 -> 1 + random.nextInt(1_000_000);
        default -> 1 + random.nextInt(20_000);
      };
    }

    private String currency() {
      return switch (random.nextInt(30)) {
        case 0 -> null;
        case 1 -> "ABC";
        case 2, 3 -> "CNY";
        default -> "HKD";
      };
    }

    private int code() {
      return random.nextInt(25) == 0 ? 0 : 1 + random.nextInt(3);
    }

    @SafeVarargs
    private <T> T pick(T... choices) {
      return choices[random.nextInt(choices.length)];
    }
  }
}

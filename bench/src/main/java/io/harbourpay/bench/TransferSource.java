package io.harbourpay.bench;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.Transfer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Generates the workload: single-phase transfers between accounts {@code 1..accounts}, or in hot
 * mode from those accounts to one merchant account. Accounts carry no balance limits, so every
 * transfer is accepted and the benchmark measures the full write path, not rejections.
 *
 * <p>Ids are time-ordered by default (one counter shared by all clients, handed out a request at a
 * time), as the platform derives them; {@code randomIds} draws random 64-bit ids instead, the worst
 * case for the unique index on the transfer id.
 */
final class TransferSource {
  static final String CURRENCY = "HKD";
  static final int ACCOUNT_CODE = 1;
  static final int TRANSFER_CODE = 1;
  static final long AMOUNT_MAX_MINOR = 10_000;

  private final int accounts;
  private final boolean hot;
  private final boolean randomIds;
  private final AtomicLong nextId;
  private final SplittableRandom random;

  TransferSource(
      int accounts, boolean hot, boolean randomIds, AtomicLong nextId, SplittableRandom random) {
    this.accounts = accounts;
    this.hot = hot;
    this.randomIds = randomIds;
    this.nextId = nextId;
    this.random = random;
  }

  /** The hot merchant account: one past the ordinary accounts. */
  static long hotAccountId(int accounts) {
    return accounts + 1L;
  }

  /** Every account the workload touches, hot merchant included. */
  static List<Account> accountsToCreate(int accounts) {
    List<Account> all = new ArrayList<>(accounts + 1);
    for (long id = 1; id <= accounts + 1L; id++) {
      all.add(Account.create(id, CURRENCY, ACCOUNT_CODE, 0, 0));
    }
    return all;
  }

  List<Transfer> next(int count) {
    long firstId = randomIds ? 0 : nextId.getAndAdd(count);
    List<Transfer> transfers = new ArrayList<>(count);
    for (int index = 0; index < count; index++) {
      long id = randomIds ? randomId() : firstId + index;
      long debit = 1 + random.nextInt(accounts);
      long credit;
      if (hot) {
        credit = hotAccountId(accounts);
      } else {
        credit = 1 + random.nextInt(accounts - 1);
        if (credit >= debit) credit++;
      }
      long amount = 1 + random.nextLong(AMOUNT_MAX_MINOR);
      transfers.add(Transfer.of(id, debit, credit, amount, CURRENCY, TRANSFER_CODE));
    }
    return transfers;
  }

  private long randomId() {
    long id;
    do {
      id = random.nextLong();
    } while (id == 0);
    return id;
  }
}

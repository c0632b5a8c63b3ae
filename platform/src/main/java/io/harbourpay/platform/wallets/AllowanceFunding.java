package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.Account;
import io.harbourpay.ledger.AttachedRecord;
import io.harbourpay.ledger.Command;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.ledger.Ledger;
import io.harbourpay.ledger.Transfer;
import io.harbourpay.ledger.TransferFlags;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.Time;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Brings allowance accounts (daily, yearly, balance-cap headroom) to their target — the limit of
 * the customer's tier in the current limits version — whatever the target did since the last time:
 * up, down, up again.
 *
 * <p>An account's funding is a sequence of steps, each one ledger transfer with the id {@code
 * derive("allowance", account, step)} and one {@code allowance_funding} row attached to it (the
 * ledger writes both in one transaction). What has been funded so far ("funded") is read from the
 * newest step. Reaching a higher target is a step that moves exactly {@code target - funded} from
 * the operator's limit source. Reaching a lower one drains {@code funded - target} back to the
 * limit source with the ledger's balancing-debit flag: at most what is still available, so an
 * allowance already spent (or held by a pending payment) is never driven below zero.
 *
 * <p>Exactly once, without locks: two callers that both read step n and both submit step n + 1 ask
 * for the same transfer id. Same target, same amount: one is OK and the other EXISTS, one movement.
 * Different targets (a limits change between their reads): the second is EXISTS_WITH_DIFFERENT_*,
 * reads the new step and tries again. Step ids never repeat, so a target that comes back (10,000 →
 * 5,000 → 10,000) is a new step, not a refused duplicate.
 *
 * <p>What is left of an allowance is {@code max(0, target - used)}: with {@code balance = funded -
 * used}, that is {@code max(0, balance + target - funded)} ({@link #remaining}), true before and
 * after a step. A drain that found less available than the excess leaves funded above target; the
 * account is then "unsettled" and every later prepare looks again (a voided hold may have freed
 * some), so the excess never becomes spendable.
 */
final class AllowanceFunding {
  /**
   * Rounds of read-and-step before giving up as UNAVAILABLE: only reached under a storm of changes.
   */
  static final int ROUNDS_MAX = 8;

  private static final String INSERT_STEP =
      "INSERT INTO allowance_funding (account_id, step, transfer_id, funded_before_minor,"
          + " change_minor, target_minor, limits_version, tier, created_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  /** One allowance account and what it should hold in total. */
  record Target(
      long accountId, WalletCurrency currency, long targetMinor, long limitsVersion, Tier tier) {}

  /** The newest step of an account (0: none yet) and what was funded after it. */
  record State(int step, long fundedMinor) {}

  private final Ledger ledger;
  private final Database database;
  private final Clock clock;

  AllowanceFunding(Ledger ledger, Database database, Clock clock) {
    this.ledger = ledger;
    this.database = database;
    this.clock = clock;
  }

  static long stepId(long accountId, int step) {
    return Ids.derive("allowance", accountId, step);
  }

  /** What is left of an allowance (null: not opened yet, so nothing was used). */
  static long remaining(Account allowance, long fundedMinor, long targetMinor) {
    if (allowance == null) return targetMinor;
    long available = allowance.creditBalanceAvailable();
    return Math.max(0, available + targetMinor - fundedMinor);
  }

  /**
   * Steps every account to its target. True when all are there; false when some still hold more
   * funding than their target because the excess is spent or held (nothing more to drain now).
   */
  boolean retarget(List<Target> targets) {
    List<Target> open = new ArrayList<>(targets);
    boolean settled = true;
    for (int round = 0; round < ROUNDS_MAX && !open.isEmpty(); round++) {
      Map<Long, State> states = states(open.stream().map(Target::accountId).toList());
      Map<Long, Account> accounts = new HashMap<>();
      long[] draining =
          open.stream()
              .filter(target -> states.get(target.accountId()).fundedMinor() > target.targetMinor())
              .mapToLong(Target::accountId)
              .toArray();
      for (Account account : ledger.lookupAccounts(draining)) accounts.put(account.id(), account);

      List<Target> stepping = new ArrayList<>();
      List<CompletableFuture<List<CreateTransferResult>>> pending = new ArrayList<>();
      for (Target target : open) {
        State state = states.get(target.accountId());
        long change = target.targetMinor() - state.fundedMinor();
        if (change == 0) continue;
        if (change < 0) {
          Account account = accounts.get(target.accountId());
          if (account == null || account.creditBalanceAvailable() <= 0) {
            settled = false;
            continue;
          }
        }
        stepping.add(target);
        pending.add(ledger.execute(step(target, state, change)));
      }
      List<Target> again = new ArrayList<>();
      for (int index = 0; index < stepping.size(); index++) {
        Target target = stepping.get(index);
        LedgerCalls.Outcome outcome = LedgerCalls.Outcome.of(LedgerCalls.await(pending.get(index)));
        if (!outcome.applied() && !outcome.alreadyDone() && !outcome.isConflict()) {
          throw new IllegalStateException(
              "ledger refused an allowance step of " + target + ": " + outcome.failure());
        }
        // A funding step done lands exactly on target; a drain may have found less than asked,
        // and a conflict means someone else took the step: read again either way.
        boolean landed = outcome.applied() || outcome.alreadyDone();
        if (!landed || states.get(target.accountId()).fundedMinor() > target.targetMinor()) {
          again.add(target);
        }
      }
      open = again;
    }
    if (!open.isEmpty()) {
      throw PlatformException.unavailable("allowance funding kept changing under us; try again");
    }
    return settled;
  }

  private Command step(Target target, State state, long change) {
    int step = state.step() + 1;
    long transferId = stepId(target.accountId(), step);
    long source = WalletAccounts.operator(LedgerCodes.LIMIT_SOURCE, target.currency());
    String currency = target.currency().name();
    Transfer transfer =
        change > 0
            ? Transfer.of(
                transferId, source, target.accountId(), change, currency, LedgerCodes.LIMIT_FUND)
            : Transfer.of(
                    transferId,
                    target.accountId(),
                    source,
                    -change,
                    currency,
                    LedgerCodes.LIMIT_DRAIN)
                .withFlags(TransferFlags.BALANCING_DEBIT);
    return Command.of(
        List.of(transfer),
        AttachedRecord.of(
            INSERT_STEP,
            target.accountId(),
            step,
            transferId,
            state.fundedMinor(),
            change,
            target.targetMinor(),
            target.limitsVersion(),
            target.tier().name(),
            Time.micros(clock)));
  }

  /** What has been funded to each account so far. */
  Map<Long, Long> funded(List<Long> accountIds) {
    Map<Long, Long> funded = new HashMap<>();
    states(accountIds).forEach((id, state) -> funded.put(id, state.fundedMinor()));
    return funded;
  }

  /**
   * The newest step of each account. A drain's result is its transfer's amount, looked up in the
   * ledger. An account with no step was either never funded or funded before versioned limits (one
   * transfer per tier level, ids {@code derive("fund", account, tier)}): those are looked up and
   * summed, so accounts opened before the upgrade carry on from what they really hold.
   */
  private Map<Long, State> states(List<Long> accountIds) {
    record Row(long accountId, int step, long transferId, long fundedBefore, long change) {}
    List<Row> rows = new ArrayList<>();
    if (!accountIds.isEmpty()) {
      String marks = String.join(", ", java.util.Collections.nCopies(accountIds.size(), "?"));
      database.read(
          connection -> {
            try (PreparedStatement query =
                connection.prepareStatement(
                    "SELECT account_id, step, transfer_id, funded_before_minor, change_minor,"
                        + " target_minor FROM allowance_funding f WHERE account_id IN ("
                        + marks
                        + ") AND step = (SELECT MAX(step) FROM allowance_funding g"
                        + " WHERE g.account_id = f.account_id)")) {
              for (int index = 0; index < accountIds.size(); index++) {
                query.setLong(index + 1, accountIds.get(index));
              }
              try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                  long change = result.getLong(5);
                  rows.add(
                      new Row(
                          result.getLong(1),
                          result.getInt(2),
                          result.getLong(3),
                          result.getLong(4),
                          // a funding step lands on its target: keep it as "target - before"
                          change > 0 ? result.getLong(6) - result.getLong(4) : change));
                }
              }
            }
            return null;
          });
    }
    Map<Long, State> states = new HashMap<>();
    List<Long> lookups = new ArrayList<>();
    for (Row row : rows) if (row.change() < 0) lookups.add(row.transferId());
    List<Long> legacy = new ArrayList<>();
    for (long accountId : accountIds) {
      boolean stepped = rows.stream().anyMatch(row -> row.accountId() == accountId);
      if (!stepped) {
        for (Tier level : Tier.values()) lookups.add(legacyFundingId(accountId, level));
        legacy.add(accountId);
      }
    }
    Map<Long, Long> moved = new HashMap<>();
    if (!lookups.isEmpty()) {
      for (Transfer transfer :
          ledger.lookupTransfers(lookups.stream().mapToLong(Long::longValue).toArray())) {
        moved.put(transfer.id(), transfer.amount());
      }
    }
    for (Row row : rows) {
      long funded =
          row.change() > 0
              ? row.fundedBefore() + row.change()
              : row.fundedBefore() - moved.getOrDefault(row.transferId(), 0L);
      states.put(row.accountId(), new State(row.step(), funded));
    }
    for (long accountId : legacy) {
      long funded = 0;
      for (Tier level : Tier.values()) {
        funded += moved.getOrDefault(legacyFundingId(accountId, level), 0L);
      }
      states.put(accountId, new State(0, funded));
    }
    return states;
  }

  /** Funding transfers of accounts opened before versioned limits: one per tier level reached. */
  private static long legacyFundingId(long accountId, Tier level) {
    return Ids.derive("fund", accountId, level);
  }
}

package io.harbourpay.platform.wallets;

import io.harbourpay.ledger.CreateAccountResult;
import io.harbourpay.ledger.CreateTransferResult;
import io.harbourpay.platform.PlatformException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting for the ledger, and turning its request-level answers into platform errors. */
public final class LedgerCalls {
  /** Far above a commit's latency; reached only if the writer is stuck. */
  static final long WAIT_SECONDS = 30;

  private LedgerCalls() {}

  public static <T> List<T> await(CompletableFuture<List<T>> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw PlatformException.unavailable("interrupted while waiting for the ledger");
    } catch (ExecutionException | TimeoutException failure) {
      throw PlatformException.unavailable("the ledger did not answer in time");
    }
  }

  /** Accounts that must exist: created now or before. */
  public static void requireAccounts(List<CreateAccountResult> results) {
    for (CreateAccountResult result : results) {
      if (result.isTransient()) throw PlatformException.unavailable("ledger busy: " + result);
      if (result != CreateAccountResult.OK && result != CreateAccountResult.EXISTS) {
        throw new IllegalStateException("ledger refused a platform account: " + result);
      }
    }
  }

  /** Idempotent set-up transfers (allowance funding): done now or before. */
  public static void requireDone(List<CreateTransferResult> results) {
    for (CreateTransferResult result : results) {
      if (result.isTransient()) throw PlatformException.unavailable("ledger busy: " + result);
      if (result != CreateTransferResult.OK && result != CreateTransferResult.EXISTS) {
        throw new IllegalStateException("ledger refused a set-up transfer: " + result);
      }
    }
  }

  /** A command's results: all OK, all EXISTS (a retry of a done command), or the first failure. */
  public record Outcome(
      boolean applied, boolean alreadyDone, int failedIndex, CreateTransferResult failure) {
    public static Outcome of(List<CreateTransferResult> results) {
      boolean allOk = true;
      boolean allExist = true;
      for (CreateTransferResult result : results) {
        if (result.isTransient())
          throw PlatformException.unavailable("ledger unavailable: " + result);
        allOk &= result == CreateTransferResult.OK;
        allExist &= result == CreateTransferResult.EXISTS;
      }
      if (allOk || allExist) return new Outcome(allOk, allExist, -1, null);
      for (int index = 0; index < results.size(); index++) {
        CreateTransferResult result = results.get(index);
        if (result != CreateTransferResult.LINKED_EVENT_FAILED
            && result != CreateTransferResult.EXISTS) {
          return new Outcome(false, false, index, result);
        }
      }
      throw new IllegalStateException("a failed chain without a failing event: " + results);
    }

    public boolean isConflict() {
      return failure != null && failure.name().startsWith("EXISTS_WITH_DIFFERENT");
    }
  }
}

package io.harbourpay.ledger;

import java.util.ArrayList;
import java.util.List;

/**
 * One all-or-nothing state change: transfers applied as a single linked chain, plus the records
 * that go with them. Either every transfer is OK and every record is written in the same database
 * transaction, or nothing of it happens.
 */
public record Command(List<Transfer> transfers, List<AttachedRecord> records) {
  public Command {
    if (transfers.isEmpty()) {
      throw new IllegalArgumentException("a command moves money: it needs at least one transfer");
    }
    transfers = linkChain(transfers);
    records = List.copyOf(records);
  }

  public static Command of(List<Transfer> transfers, AttachedRecord... records) {
    return new Command(transfers, List.of(records));
  }

  /** Every transfer but the last carries LINKED, so the chain stands or falls together. */
  private static List<Transfer> linkChain(List<Transfer> transfers) {
    List<Transfer> linked = new ArrayList<>(transfers.size());
    int last = transfers.size() - 1;
    for (int index = 0; index <= last; index++) {
      Transfer transfer = transfers.get(index);
      int flags =
          index < last
              ? transfer.flags() | TransferFlags.LINKED
              : transfer.flags() & ~TransferFlags.LINKED;
      linked.add(transfer.flags() == flags ? transfer : transfer.withFlags(flags));
    }
    return List.copyOf(linked);
  }
}

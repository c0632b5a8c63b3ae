package io.harbourpay.platform.bank;

import java.util.concurrent.CompletionStage;

/**
 * The edge of the world: the bank that holds customers' linked accounts and the operator's
 * settlement account. Real banks answer later, sometimes never; so {@link #submit} is asynchronous
 * and may not complete, and {@link #inquire} asks for the status of an instruction by its reference
 * (banks deduplicate by reference, so resubmitting is safe).
 */
public interface BankConnector {
  CompletionStage<BankAnswer> submit(BankInstruction instruction);

  BankAnswer inquire(String reference);
}

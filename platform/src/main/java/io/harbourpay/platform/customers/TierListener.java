package io.harbourpay.platform.customers;

/**
 * Told when an approved review changes a customer's tier (e.g. wallets raise the limits). Called
 * after the change has committed, on the approving thread; an exception is logged and does not undo
 * the approval, so a listener must be idempotent and able to catch up from {@link
 * CustomerDirectory} (the tier there is the truth).
 */
@FunctionalInterface
public interface TierListener {
  void onTierChanged(CustomerRef before, CustomerRef after);
}

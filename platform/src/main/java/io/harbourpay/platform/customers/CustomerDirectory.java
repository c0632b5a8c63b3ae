package io.harbourpay.platform.customers;

import java.util.Optional;

/** Looks customers up for the features that act on them (wallets, payments). */
public interface CustomerDirectory {
  Optional<CustomerRef> byId(long customerId);

  /** By mobile number in E.164 form ({@code +85291234567}). */
  Optional<CustomerRef> byPhone(String e164);
}

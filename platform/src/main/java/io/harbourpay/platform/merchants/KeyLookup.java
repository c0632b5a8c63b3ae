package io.harbourpay.platform.merchants;

import java.util.Optional;

/** Where the verifier finds a key by id; the running platform's is {@link MerchantKeyCache}. */
@FunctionalInterface
public interface KeyLookup {
  Optional<KeyEntry> find(long keyId);
}

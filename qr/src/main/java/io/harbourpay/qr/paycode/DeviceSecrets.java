package io.harbourpay.qr.paycode;

import java.util.Optional;

/**
 * The one thing a till-side verifier needs from the platform: the key of a device, or empty if the
 * platform issued none (or revoked it). The server keeps these in memory so verification never
 * waits on a database.
 */
@FunctionalInterface
public interface DeviceSecrets {
  Optional<DeviceKey> find(long deviceId);
}

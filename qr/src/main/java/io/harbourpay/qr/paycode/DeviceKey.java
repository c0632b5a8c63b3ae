package io.harbourpay.qr.paycode;

import java.time.Instant;
import java.util.Objects;

/**
 * What the platform issues a wallet device: its id, its secret and how long it may show codes
 * without coming back online. Each sync moves {@code offlineUntil} forward; a lost or stolen phone
 * therefore yields codes for at most one lease.
 *
 * @param deviceId the platform-assigned id, 0 to {@link PayCodeFormat#DEVICE_ID_MAX}
 * @param secret the HMAC key
 * @param offlineUntil codes for time steps starting at or after this instant are refused
 */
public record DeviceKey(long deviceId, DeviceSecret secret, Instant offlineUntil) {
  public DeviceKey {
    if (deviceId < 0 || deviceId > PayCodeFormat.DEVICE_ID_MAX) {
      throw new IllegalArgumentException(
          "device id must be 0 to " + PayCodeFormat.DEVICE_ID_MAX + ": " + deviceId);
    }
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(offlineUntil, "offlineUntil");
  }

  /** A key whose lease runs {@link PayCodeFormat#OFFLINE_LEASE} from {@code syncedAt}. */
  public static DeviceKey leased(long deviceId, DeviceSecret secret, Instant syncedAt) {
    return new DeviceKey(deviceId, secret, syncedAt.plus(PayCodeFormat.OFFLINE_LEASE));
  }
}

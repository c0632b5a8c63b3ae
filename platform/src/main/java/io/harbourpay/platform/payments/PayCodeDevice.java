package io.harbourpay.platform.payments;

import io.harbourpay.qr.paycode.DeviceKey;
import java.time.Instant;

/**
 * A customer's pay-code device as the platform holds it. {@code secretHex} is filled only in the
 * answer to a registration (the one time the secret leaves the platform).
 */
public record PayCodeDevice(long customerId, DeviceKey key, Instant createdAt, String secretHex) {
  public long deviceId() {
    return key.deviceId();
  }

  /** The device id as it appears inside a pay code: eight digits. */
  public String deviceNumber() {
    return String.format("%08d", key.deviceId());
  }
}

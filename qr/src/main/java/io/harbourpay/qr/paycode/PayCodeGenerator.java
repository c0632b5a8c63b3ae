package io.harbourpay.qr.paycode;

import java.time.Instant;

/** Makes the code a wallet shows; works offline, within the device's lease. */
public final class PayCodeGenerator {
  private PayCodeGenerator() {}

  /**
   * The code for the time step {@code now} falls in.
   *
   * @throws IllegalStateException if the device's offline lease has run out: it must sync first
   */
  public static String codeAt(DeviceKey key, Instant now) {
    long timeStep = PayCodeFormat.timeStepOf(now);
    if (!PayCodeFormat.startOf(timeStep).isBefore(key.offlineUntil())) {
      throw new IllegalStateException("the offline lease ended at " + key.offlineUntil());
    }
    return codeForStep(key.deviceId(), key.secret(), timeStep);
  }

  /** The code of a device for a time step, whatever the lease; for tests and the verifier. */
  public static String codeForStep(long deviceId, DeviceSecret secret, long timeStep) {
    if (deviceId < 0 || deviceId > PayCodeFormat.DEVICE_ID_MAX) {
      throw new IllegalArgumentException("device id out of range: " + deviceId);
    }
    String device = Long.toString(deviceId);
    return PayCodeFormat.PREFIX
        + "0".repeat(PayCodeFormat.DEVICE_ID_DIGITS - device.length())
        + device
        + Math.floorMod(timeStep, PayCodeFormat.STEP_MODULUS)
        + PayCodeMac.checkDigits(secret, deviceId, timeStep);
  }
}

package io.harbourpay.qr.paycode;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The HMAC key a wallet device shares with the platform. It never appears in {@link #toString()}
 * and compares in constant time.
 */
public final class DeviceSecret {
  /** 256 bits: as long as HMAC-SHA256's output, so the key is never the weak link. */
  public static final int LENGTH_BYTES = 32;

  private final byte[] key;

  private DeviceSecret(byte[] key) {
    if (key.length != LENGTH_BYTES) {
      throw new IllegalArgumentException(
          "a device secret is " + LENGTH_BYTES + " bytes, not " + key.length);
    }
    this.key = key.clone();
  }

  /** A new secret from {@code random}, which must be a {@link SecureRandom} in production. */
  public static DeviceSecret generate(SecureRandom random) {
    byte[] key = new byte[LENGTH_BYTES];
    random.nextBytes(key);
    return new DeviceSecret(key);
  }

  public static DeviceSecret fromBytes(byte[] key) {
    return new DeviceSecret(key);
  }

  /**
   * @throws IllegalArgumentException unless {@code hex} is {@value #LENGTH_BYTES} bytes of hex
   */
  public static DeviceSecret fromHex(String hex) {
    return new DeviceSecret(HexFormat.of().parseHex(hex));
  }

  public String toHex() {
    return HexFormat.of().formatHex(key);
  }

  byte[] key() {
    return key;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DeviceSecret secret && MessageDigest.isEqual(key, secret.key);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key);
  }

  @Override
  public String toString() {
    return "DeviceSecret[redacted]";
  }
}

package io.harbourpay.platform.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Opaque bearer tokens for sessions (customers' and operators'): a prefix naming the kind plus 32
 * random bytes in base64url (256 bits). Only the SHA-256 of a token is ever stored, so a copy of
 * the database holds no usable token. The timeouts are one rule for every kind of session.
 */
public final class SessionTokens {
  public static final int TOKEN_BYTES = 32;
  private static final int ENCODED_LENGTH = 43; // base64url of 32 bytes, unpadded

  /**
   * When a session ends: {@code idle} after its last use, {@code absolute} after login in any case.
   * The last-use time is written at most once per {@code touchInterval}, so authentication is
   * mostly a read and the idle timeout is exact to within that interval.
   */
  public record Timeouts(Duration idle, Duration absolute, Duration touchInterval) {
    public Timeouts {
      assert !idle.isNegative() && absolute.compareTo(idle) >= 0;
    }

    public boolean expired(long lastSeenMicros, long expiresAtMicros, long nowMicros) {
      return expiresAtMicros <= nowMicros || lastSeenMicros + micros(idle) <= nowMicros;
    }

    public boolean needsTouch(long lastSeenMicros, long nowMicros) {
      return nowMicros - lastSeenMicros >= micros(touchInterval);
    }

    public long idleMicros() {
      return micros(idle);
    }

    public long absoluteMicros() {
      return micros(absolute);
    }

    private static long micros(Duration duration) {
      return Math.addExact(
          Math.multiplyExact(duration.getSeconds(), 1_000_000L), duration.getNano() / 1_000);
    }
  }

  private SessionTokens() {}

  /** A new token: {@code prefix} followed by 256 random bits. */
  public static String issue(String prefix, SecureRandom random) {
    byte[] secret = new byte[TOKEN_BYTES];
    random.nextBytes(secret);
    return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }

  /** Whether {@code token} has the shape of one {@link #issue} made with {@code prefix}. */
  public static boolean wellFormed(String token, String prefix) {
    return token != null
        && token.length() == prefix.length() + ENCODED_LENGTH
        && token.startsWith(prefix);
  }

  /** What is stored for {@code token}: its SHA-256, hex. */
  public static String hash(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}

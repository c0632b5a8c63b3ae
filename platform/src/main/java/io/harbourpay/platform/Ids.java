package io.harbourpay.platform;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * Identifiers. Business objects get random 63-bit ids shown with a type prefix ({@code cus_…},
 * {@code p2p_…}); ledger accounts and transfers get ids <em>derived</em> from the business object
 * that causes them, so a retried request lands on the same ledger id and the ledger answers EXISTS
 * instead of moving money twice (DESIGN.md, "Exactly once").
 */
public final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final char[] CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
  private static final int PUBLIC_DIGITS = 13;

  private Ids() {}

  /** A random positive id; 63 bits make a collision in one table practically impossible. */
  public static long random() {
    long id;
    do {
      id = RANDOM.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }

  /** {@code prefix_} + 13 Crockford base-32 digits of {@code id}. */
  public static String publicId(String prefix, long id) {
    char[] digits = new char[PUBLIC_DIGITS];
    long rest = id;
    for (int index = PUBLIC_DIGITS - 1; index >= 0; index--) {
      digits[index] = CROCKFORD[(int) (rest & 31)];
      rest >>>= 5;
    }
    return prefix + "_" + new String(digits);
  }

  /** The id inside a public id of the given prefix, or -1 when it is not one. */
  public static long parsePublicId(String prefix, String publicId) {
    if (publicId == null
        || publicId.length() != prefix.length() + 1 + PUBLIC_DIGITS
        || !publicId.startsWith(prefix + "_")) {
      return -1;
    }
    long id = 0;
    for (int index = prefix.length() + 1; index < publicId.length(); index++) {
      int digit = new String(CROCKFORD).indexOf(publicId.charAt(index));
      if (digit < 0) return -1;
      id = (id << 5) | digit;
    }
    return id > 0 ? id : -1;
  }

  /**
   * A non-zero ledger id derived from its parts (SHA-256, first 8 bytes). Equal parts, equal id:
   * that is what makes retries exactly-once.
   */
  public static long derive(Object... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (Object part : parts) {
        digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0x1f); // unit separator: ("ab","c") differs from ("a","bc")
      }
      long id = ByteBuffer.wrap(digest.digest()).getLong() & Long.MAX_VALUE;
      return id == 0 ? 1 : id;
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  /** A 32-byte key for {@code purpose}, derived from a master secret (SHA-256 of both). */
  public static byte[] deriveKey(String purpose, byte[] secret) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(purpose.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0x1f);
      return digest.digest(secret);
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}

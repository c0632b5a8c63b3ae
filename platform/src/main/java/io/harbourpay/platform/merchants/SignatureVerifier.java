package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Ids;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a signed merchant request (see {@link MerchantSigner} for the recipe). In order: the
 * header is there and well formed; the timestamp is within {@link #TOLERANCE} of the clock; the key
 * exists, is not revoked and not past its rotation overlap; the HMAC matches (constant-time
 * compare); the merchant is active; and only then the nonce is claimed — so a tampered or stale
 * request cannot burn a nonce, and a replay is reported only for a request that is otherwise
 * authentic.
 */
public final class SignatureVerifier {
  public static final Duration TOLERANCE = Duration.ofSeconds(300);

  /** The header is short; anything longer is refused before it is parsed. */
  static final int HEADER_LENGTH_MAX = 256;

  private static final Pattern HEADER =
      Pattern.compile(
          "key_id=(mk_[0-9a-z]{13}),t=([0-9]{1,12}),nonce=([A-Za-z0-9_-]{16,64}),v1=([0-9a-f]{64})");

  /** What verification found; {@code merchantId} and {@code keyId} are 0 unless known. */
  public record Verification(SignatureOutcome outcome, long merchantId, long keyId) {
    public boolean ok() {
      return outcome == SignatureOutcome.OK;
    }
  }

  private final KeyLookup keys;
  private final NonceStore nonces;
  private final Clock clock;

  public SignatureVerifier(KeyLookup keys, NonceStore nonces, Clock clock) {
    this.keys = keys;
    this.nonces = nonces;
    this.clock = clock;
  }

  public Verification verify(SignedRequest request) {
    String header = request.signatureHeader();
    if (header == null || header.isBlank()) return refused(SignatureOutcome.MISSING);
    String value = header.strip();
    if (value.length() > HEADER_LENGTH_MAX) return refused(SignatureOutcome.MALFORMED);
    Matcher parts = HEADER.matcher(value);
    if (!parts.matches()) return refused(SignatureOutcome.MALFORMED);
    long keyId = Ids.parsePublicId(MerchantKey.ID_PREFIX, parts.group(1));
    if (keyId < 0) return refused(SignatureOutcome.MALFORMED);
    long timestamp = Long.parseLong(parts.group(2));
    String nonce = parts.group(3);
    byte[] claimed = HexFormat.of().parseHex(parts.group(4));

    Instant now = clock.instant();
    if (Math.abs(now.getEpochSecond() - timestamp) > TOLERANCE.toSeconds()) {
      return refused(SignatureOutcome.STALE);
    }
    Optional<KeyEntry> found = keys.find(keyId);
    if (found.isEmpty()) return refused(SignatureOutcome.KEY_UNKNOWN);
    KeyEntry key = found.get();
    if (key.revoked())
      return new Verification(SignatureOutcome.KEY_REVOKED, key.merchantId(), keyId);
    if (key.expiredAt(now)) {
      return new Verification(SignatureOutcome.KEY_EXPIRED, key.merchantId(), keyId);
    }
    byte[] expected =
        MerchantSigner.hmac(
            key.secret(),
            MerchantSigner.canonical(
                request.method(),
                request.path(),
                request.query(),
                timestamp,
                nonce,
                request.body()));
    if (!java.security.MessageDigest.isEqual(expected, claimed)) {
      return new Verification(SignatureOutcome.TAMPERED, key.merchantId(), keyId);
    }
    if (!key.merchantActive()) {
      return new Verification(SignatureOutcome.MERCHANT_SUSPENDED, key.merchantId(), keyId);
    }
    if (!nonces.claim(keyId, nonce, now)) {
      return new Verification(SignatureOutcome.REPLAYED, key.merchantId(), keyId);
    }
    return new Verification(SignatureOutcome.OK, key.merchantId(), keyId);
  }

  private static Verification refused(SignatureOutcome outcome) {
    return new Verification(outcome, 0, 0);
  }
}

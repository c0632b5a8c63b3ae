package io.harbourpay.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.ledger.testing.ManualClock;
import io.harbourpay.platform.ErrorType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The verifier alone: keys and nonces in memory, a manual clock. */
class SignatureVerifierTest {
  static final String KEY_ID = "mk_00000000000a1";
  static final String SECRET = "mks_test-secret-test-secret-test-secret-0001";
  static final String REVOKED_ID = "mk_00000000000b2";
  static final String EXPIRED_ID = "mk_00000000000c3";
  static final String SUSPENDED_ID = "mk_00000000000d4";
  static final String PATH = "/v1/merchant/stores";
  static final String QUERY = "limit=20&cursor=abc%3D";
  static final byte[] BODY = "{\"amount\":1250}".getBytes(StandardCharsets.UTF_8);

  final ManualClock clock = new ManualClock(Instant.parse("2025-03-01T02:00:00Z"));
  final Map<Long, KeyEntry> keys = new HashMap<>();
  final Set<String> nonces = new HashSet<>();
  final SignatureVerifier verifier =
      new SignatureVerifier(
          id -> Optional.ofNullable(keys.get(id)),
          (keyId, nonce, at) -> nonces.add(keyId + "/" + nonce),
          clock);

  SignatureVerifierTest() {
    byte[] secret = SECRET.getBytes(StandardCharsets.UTF_8);
    put(KEY_ID, new KeyEntry(id(KEY_ID), 42, secret, null, null, true));
    put(REVOKED_ID, new KeyEntry(id(REVOKED_ID), 42, secret, null, clock.instant(), true));
    put(EXPIRED_ID, new KeyEntry(id(EXPIRED_ID), 42, secret, clock.instant(), null, true));
    put(SUSPENDED_ID, new KeyEntry(id(SUSPENDED_ID), 43, secret, null, null, false));
  }

  private void put(String publicId, KeyEntry entry) {
    keys.put(entry.keyId(), entry);
  }

  static long id(String publicId) {
    return io.harbourpay.platform.Ids.parsePublicId("mk", publicId);
  }

  long now() {
    return clock.instant().getEpochSecond();
  }

  String sign(String keyId, long t, String nonce) {
    return new MerchantSigner(keyId, SECRET).sign("POST", PATH, QUERY, BODY, t, nonce);
  }

  SignatureOutcome check(String header) {
    return check(header, "POST", PATH, QUERY, BODY);
  }

  SignatureOutcome check(String header, String method, String path, String query, byte[] body) {
    return verifier.verify(new SignedRequest(header, method, path, query, body)).outcome();
  }

  @Test
  void aGoodRequestPassesOnceAndNamesItsMerchant() {
    String header = sign(KEY_ID, now(), "nonce-0000000000000001");
    SignatureVerifier.Verification verification =
        verifier.verify(new SignedRequest(header, "post", PATH, QUERY, BODY));
    assertThat(verification.ok()).isTrue();
    assertThat(verification.merchantId()).isEqualTo(42);
    assertThat(verification.keyId()).isEqualTo(id(KEY_ID));
    assertThat(check(header)).isEqualTo(SignatureOutcome.REPLAYED);
  }

  @Test
  void theTimestampMayBeOffBy300SecondsEitherWay() {
    assertThat(check(sign(KEY_ID, now() - 300, MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.OK);
    assertThat(check(sign(KEY_ID, now() + 300, MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.OK);
    assertThat(check(sign(KEY_ID, now() - 301, MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.STALE);
    assertThat(check(sign(KEY_ID, now() + 301, MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.STALE);
  }

  @Test
  void aStaleOrTamperedRequestDoesNotBurnItsNonce() {
    String nonce = "nonce-0000000000000002";
    assertThat(check(sign(KEY_ID, now() - 1_000, nonce))).isEqualTo(SignatureOutcome.STALE);
    assertThat(check(sign(KEY_ID, now(), nonce), "POST", PATH, QUERY, new byte[0]))
        .isEqualTo(SignatureOutcome.TAMPERED);
    assertThat(nonces).isEmpty();
    assertThat(check(sign(KEY_ID, now(), nonce))).isEqualTo(SignatureOutcome.OK);
  }

  static Stream<Arguments> tampered() {
    return Stream.of(
        Arguments.of("body", "POST", PATH, QUERY, "{\"amount\":9250}"),
        Arguments.of("body emptied", "POST", PATH, QUERY, ""),
        Arguments.of("method", "PUT", PATH, QUERY, null),
        Arguments.of("path", "POST", "/v1/merchant/stores/str_x", QUERY, null),
        Arguments.of("query value", "POST", PATH, "limit=21&cursor=abc%3D", null),
        Arguments.of("query dropped", "POST", PATH, "", null),
        Arguments.of("query decoded", "POST", PATH, "limit=20&cursor=abc=", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tampered")
  void anyChangeToTheSignedPartsIsTampering(
      String what, String method, String path, String query, String body) {
    String header = sign(KEY_ID, now(), MerchantSigner.newNonce());
    byte[] sent = body == null ? BODY : body.getBytes(StandardCharsets.UTF_8);
    assertThat(check(header, method, path, query, sent)).isEqualTo(SignatureOutcome.TAMPERED);
  }

  @Test
  void theHeaderItselfMayNotBeChanged() {
    long t = now();
    String nonce = "nonce-0000000000000003";
    String header = sign(KEY_ID, t, nonce);
    assertThat(check(header.replace("t=" + t, "t=" + (t - 1))))
        .isEqualTo(SignatureOutcome.TAMPERED);
    assertThat(check(header.replace(nonce, "nonce-0000000000000004")))
        .isEqualTo(SignatureOutcome.TAMPERED);
    String v1 = header.substring(header.indexOf("v1=") + 3);
    char flipped = v1.charAt(0) == '0' ? '1' : '0';
    assertThat(check(header.replace("v1=" + v1, "v1=" + flipped + v1.substring(1))))
        .isEqualTo(SignatureOutcome.TAMPERED);
  }

  @Test
  void keysThatAreWrongUnknownRevokedExpiredOrSuspended() {
    String wrongSecret =
        new MerchantSigner(KEY_ID, "mks_another-secret-another-secret-another-1")
            .sign("POST", PATH, QUERY, BODY, now());
    assertThat(check(wrongSecret)).isEqualTo(SignatureOutcome.TAMPERED);
    assertThat(check(sign("mk_00000000000zz", now(), MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.KEY_UNKNOWN);
    assertThat(check(sign(REVOKED_ID, now(), MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.KEY_REVOKED);
    assertThat(check(sign(EXPIRED_ID, now(), MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.KEY_EXPIRED);
    assertThat(check(sign(SUSPENDED_ID, now(), MerchantSigner.newNonce())))
        .isEqualTo(SignatureOutcome.MERCHANT_SUSPENDED);
    assertThat(nonces).isEmpty();
  }

  static Stream<Arguments> malformed() {
    String v1 = "a".repeat(64);
    return Stream.of(
        Arguments.of(null, SignatureOutcome.MISSING),
        Arguments.of("", SignatureOutcome.MISSING),
        Arguments.of("   ", SignatureOutcome.MISSING),
        Arguments.of("Bearer abc", SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=1,nonce=nonce-0000000000000001", SignatureOutcome.MALFORMED),
        Arguments.of(
            "t=1740794400,key_id=mk_00000000000a1,nonce=nonce-0000000000000001,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=-5,nonce=nonce-0000000000000001,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=1740794400,nonce=short,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=1740794400,nonce=has space in it!!,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=1740794400,nonce=nonce-0000000000000001,v1="
                + v1.toUpperCase(),
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=1740794400,nonce=nonce-0000000000000001,v1=" + v1 + "00",
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=sk_00000000000a1,t=1740794400,nonce=nonce-0000000000000001,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_0000000000000,t=1740794400,nonce=nonce-0000000000000001,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of(
            "key_id=mk_00000000000a1,t=99999999999999,nonce=nonce-0000000000000001,v1=" + v1,
            SignatureOutcome.MALFORMED),
        Arguments.of("x".repeat(10_000), SignatureOutcome.MALFORMED));
  }

  @ParameterizedTest
  @MethodSource("malformed")
  void malformedHeadersAreRefusedBeforeAnyLookup(String header, SignatureOutcome expected) {
    assertThat(check(header)).isEqualTo(expected);
    assertThat(expected.errorType()).isEqualTo(ErrorType.AUTHENTICATION);
    assertThat(nonces).isEmpty();
  }

  @Test
  void theCanonicalStringIsTheDocumentedOne() {
    assertThat(
            MerchantSigner.canonical("get", "/v1/merchant/me", null, 1740794400, "n", new byte[0]))
        .isEqualTo(
            "GET\n/v1/merchant/me\n\n1740794400\nn\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }

  /** The worked example in docs/merchants.md, computed there with openssl. */
  @Test
  void theDocsWorkedExampleSigns() {
    String header =
        new MerchantSigner("mk_0000000000001", "mks_demo-harbour-mart-not-a-secret-0000000000")
            .sign(
                "GET",
                "/v1/merchant/stores",
                "limit=2",
                new byte[0],
                1740794400,
                "3q2-7wEXAMPLEnonce_0001");
    assertThat(header)
        .isEqualTo(
            "key_id=mk_0000000000001,t=1740794400,nonce=3q2-7wEXAMPLEnonce_0001,"
                + "v1=09095f8eef20e850d39896d87d5765e68f9b09faf734d6ad884f98558f27a95f");
  }
}

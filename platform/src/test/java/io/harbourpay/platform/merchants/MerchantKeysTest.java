package io.harbourpay.platform.merchants;

import static io.harbourpay.platform.merchants.MerchantFixture.OPERATOR;
import static io.harbourpay.platform.merchants.MerchantFixture.merchant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.crypto.SecretBox;
import io.harbourpay.platform.customers.AuditEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MerchantKeysTest {

  static SignatureOutcome call(MerchantFixture f, IssuedKey key) {
    return call(f, key.key().publicId(), key.secret());
  }

  static SignatureOutcome call(MerchantFixture f, String keyId, String secret) {
    String header =
        new MerchantSigner(keyId, secret)
            .sign("GET", "/v1/merchant/me", "", new byte[0], f.clock.instant().getEpochSecond());
    try {
      f.auth.authenticate(new SignedRequest(header, "GET", "/v1/merchant/me", "", null));
      return SignatureOutcome.OK;
    } catch (PlatformException refused) {
      for (SignatureOutcome outcome : SignatureOutcome.values()) {
        if (outcome.code().equals(refused.code())) return outcome;
      }
      throw refused;
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void createRotateWithOverlapAndRevoke(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant merchant = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      f.clock.advance(Duration.ofMinutes(1));
      IssuedKey first = f.keys.create(merchant.id(), OPERATOR);
      assertThat(first.key().publicId()).startsWith("mk_");
      assertThat(first.secret()).startsWith("mks_").hasSize(47);
      assertThat(first.toString()).doesNotContain(first.secret());
      // Stored sealed: neither the secret nor any long piece of it is in the row.
      String sealed =
          f.text("SELECT secret_sealed FROM merchant_keys WHERE id = ?", first.key().id());
      assertThat(sealed).startsWith("v1:").doesNotContain(first.secret().substring(4, 20));
      assertThat(call(f, first)).isEqualTo(SignatureOutcome.OK);

      f.clock.advance(Duration.ofHours(1));
      IssuedKey second = f.keys.rotate(merchant.id(), first.key().id(), "merchant:test");
      assertThat(second.secret()).isNotEqualTo(first.secret());
      MerchantKey old = f.keys.get(merchant.id(), first.key().id());
      assertThat(old.expiresAt()).isEqualTo(f.clock.instant().plus(MerchantKeys.ROTATION_OVERLAP));
      assertThat(old.status(f.clock.instant())).isEqualTo("expiring");
      assertThat(call(f, first)).isEqualTo(SignatureOutcome.OK);
      assertThat(call(f, second)).isEqualTo(SignatureOutcome.OK);
      assertThatThrownBy(() -> f.keys.rotate(merchant.id(), first.key().id(), OPERATOR))
          .hasFieldOrPropertyWithValue("code", "api_key_not_rotatable");

      // The overlap ends exactly 24 hours after the rotation.
      f.clock.advance(MerchantKeys.ROTATION_OVERLAP.minusSeconds(1));
      assertThat(call(f, first)).isEqualTo(SignatureOutcome.OK);
      f.clock.advance(Duration.ofSeconds(1));
      assertThat(call(f, first)).isEqualTo(SignatureOutcome.KEY_EXPIRED);
      assertThat(call(f, second)).isEqualTo(SignatureOutcome.OK);

      // Revocation is immediate, and idempotent.
      f.clock.advance(Duration.ofMinutes(1));
      MerchantKey revoked = f.keys.revoke(merchant.id(), second.key().id(), OPERATOR);
      assertThat(revoked.status(f.clock.instant())).isEqualTo("revoked");
      assertThat(call(f, second)).isEqualTo(SignatureOutcome.KEY_REVOKED);
      assertThat(f.keys.revoke(merchant.id(), second.key().id(), OPERATOR)).isEqualTo(revoked);
      assertThat(f.keys.list(merchant.id()))
          .extracting(key -> key.status(f.clock.instant()))
          .containsExactly("revoked", "expired");
      assertThat(f.audit.list(merchant.publicId(), 10, null).items())
          .extracting(AuditEntry::action)
          .containsExactly(
              MerchantKeys.AUDIT_KEY_REVOKE,
              MerchantKeys.AUDIT_KEY_ROTATE,
              MerchantKeys.AUDIT_KEY_CREATE,
              MerchantService.AUDIT_ONBOARD);

      // Signing with a key id that exists nowhere, or with the wrong secret.
      assertThat(call(f, "mk_0000000000001", first.secret()))
          .isEqualTo(SignatureOutcome.KEY_UNKNOWN);
      IssuedKey third = f.keys.create(merchant.id(), OPERATOR);
      assertThat(call(f, third.key().publicId(), first.secret()))
          .isEqualTo(SignatureOutcome.TAMPERED);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void anotherNodeSeesChangesAndSuspensionBlocksKeys(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      MerchantFixture other = new MerchantFixture(f.config);
      try {
        Merchant merchant = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
        Merchant stranger = f.merchants.onboard(merchant("Stranger"), OPERATOR);
        IssuedKey key = f.keys.create(merchant.id(), OPERATOR);
        other.auth.start();
        // Created elsewhere: found on demand. Revoked elsewhere: seen after a refresh.
        assertThat(call(other, key)).isEqualTo(SignatureOutcome.OK);
        f.keys.revoke(merchant.id(), key.key().id(), OPERATOR);
        assertThat(call(f, key)).isEqualTo(SignatureOutcome.KEY_REVOKED);
        other.cache.refresh();
        assertThat(call(other, key)).isEqualTo(SignatureOutcome.KEY_REVOKED);

        IssuedKey live = f.keys.create(merchant.id(), OPERATOR);
        f.merchants.suspend(merchant.id(), OPERATOR, "review");
        assertThat(call(f, live)).isEqualTo(SignatureOutcome.MERCHANT_SUSPENDED);
        assertThat(SignatureOutcome.MERCHANT_SUSPENDED.errorType()).isEqualTo(ErrorType.PERMISSION);
        f.merchants.activate(merchant.id(), OPERATOR, null);
        assertThat(call(f, live)).isEqualTo(SignatureOutcome.OK);

        // Keys belong to one merchant; the bound on working keys holds.
        assertThatThrownBy(() -> f.keys.revoke(stranger.id(), live.key().id(), OPERATOR))
            .hasFieldOrPropertyWithValue("code", "resource_missing");
        for (int index = 1; index < MerchantKeys.LIVE_KEYS_MAX; index++) {
          f.keys.create(merchant.id(), OPERATOR);
        }
        assertThatThrownBy(() -> f.keys.create(merchant.id(), OPERATOR))
            .hasFieldOrPropertyWithValue("code", "api_keys_max");
        assertThatThrownBy(() -> f.keys.createWithSecret(merchant.id(), "short", OPERATOR))
            .hasFieldOrPropertyWithValue("code", "secret_invalid");
      } finally {
        other.auth.close();
        other.database.close();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void noncesCountOnceAndArePurgedAfterTwiceTheTolerance(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      assertThat(f.nonces.claim(7, "nonce-aaaaaaaaaaaaaaaa", f.clock.instant())).isTrue();
      assertThat(f.nonces.claim(7, "nonce-aaaaaaaaaaaaaaaa", f.clock.instant())).isFalse();
      assertThat(f.nonces.claim(8, "nonce-aaaaaaaaaaaaaaaa", f.clock.instant())).isTrue();
      f.clock.advance(JdbcNonceStore.RETENTION);
      assertThat(f.nonces.purge(f.clock.instant())).isZero();
      f.clock.advance(Duration.ofSeconds(1));
      assertThat(f.nonces.purge(f.clock.instant())).isEqualTo(2);
      assertThat(f.count("SELECT COUNT(*) FROM merchant_request_nonces")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void aSealedSecretMovedToAnotherRowDoesNotOpen(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant merchant = f.merchants.onboard(merchant("Harbour Mart"), OPERATOR);
      IssuedKey a = f.keys.create(merchant.id(), OPERATOR);
      IssuedKey b = f.keys.create(merchant.id(), OPERATOR);
      String sealedA = f.text("SELECT secret_sealed FROM merchant_keys WHERE id = ?", a.key().id());
      f.database.read(
          connection -> {
            try (var update =
                connection.prepareStatement(
                    "UPDATE merchant_keys SET secret_sealed = ? WHERE id = ?")) {
              update.setString(1, sealedA);
              update.setLong(2, b.key().id());
              return update.executeUpdate();
            }
          });
      assertThatThrownBy(() -> f.cache.reload(b.key().id()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("does not open");
      assertThat(
              new String(
                  new SecretBox(MerchantFixture.MASTER_KEY)
                      .open(sealedA, "merchant_keys:" + a.key().id()),
                  StandardCharsets.UTF_8))
          .isEqualTo(a.secret());
    }
  }
}

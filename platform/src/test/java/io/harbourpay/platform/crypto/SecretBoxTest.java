package io.harbourpay.platform.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretBoxTest {
  final SecretBox box = new SecretBox(SecretBox.newMasterKey());
  final byte[] secret = "mks_the-secret".getBytes(StandardCharsets.UTF_8);

  @Test
  void sealsOpenWithTheSameKeyAndAssociatedDataOnly() {
    String sealed = box.seal(secret, "merchant_keys:1");
    assertThat(sealed).startsWith("v1:").doesNotContain("the-secret");
    assertThat(box.seal(secret, "merchant_keys:1")).isNotEqualTo(sealed);
    assertThat(box.open(sealed, "merchant_keys:1")).isEqualTo(secret);
    assertThatThrownBy(() -> box.open(sealed, "merchant_keys:2"))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(
            () -> new SecretBox(SecretBox.newMasterKey()).open(sealed, "merchant_keys:1"))
        .isInstanceOf(IllegalStateException.class);
    byte[] raw = Base64.getDecoder().decode(sealed.substring(3));
    raw[raw.length - 1] ^= 1;
    String flipped = "v1:" + Base64.getEncoder().encodeToString(raw);
    assertThatThrownBy(() -> box.open(flipped, "merchant_keys:1"))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void masterKeysAre32BytesOfBase64() {
    byte[] key = SecretBox.newMasterKey();
    assertThat(SecretBox.decodeMasterKey(Base64.getEncoder().encodeToString(key))).isEqualTo(key);
    assertThatThrownBy(() -> SecretBox.decodeMasterKey("c2hvcnQ="))
        .hasMessageContaining("32 bytes");
    assertThatThrownBy(() -> SecretBox.decodeMasterKey("not base64!"))
        .hasMessageContaining("not base64");
    assertThatThrownBy(() -> new SecretBox(new byte[16]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

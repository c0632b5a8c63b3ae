package io.harbourpay.qr.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.Problem;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.cpm.ConsumerPresentedPayload;
import io.harbourpay.qr.cpm.CpmDecoder;
import io.harbourpay.qr.cpm.CpmEncoder;
import io.harbourpay.qr.mpm.MerchantPresentedPayload;
import io.harbourpay.qr.mpm.MpmDecoder;
import io.harbourpay.qr.mpm.MpmEncoder;
import io.harbourpay.qr.paycode.DeviceKey;
import io.harbourpay.qr.paycode.DeviceSecret;
import io.harbourpay.qr.paycode.PayCodeVerification;
import io.harbourpay.qr.paycode.PayCodeVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Fuzz targets for everything that reads untrusted input. Without JAZZER_FUZZ=1 they run as
 * regression tests over the committed seeds in {@code
 * src/test/resources/.../DecoderFuzzTestInputs}; with it, Jazzer mutates them. Each asserts that
 * only {@link QrFormatException} escapes, that an error always refuses, and that an accepted
 * payload survives encode and decode unchanged.
 */
class DecoderFuzzTest {
  private static final long DEVICE_ID = 4_201_337L;
  private static final DeviceKey KEY =
      DeviceKey.leased(
          DEVICE_ID,
          DeviceSecret.fromBytes(new byte[DeviceSecret.LENGTH_BYTES]),
          Instant.parse("2026-01-31T09:00:00Z"));
  private static final PayCodeVerifier VERIFIER =
      new PayCodeVerifier(
          id -> id == DEVICE_ID ? Optional.of(KEY) : Optional.empty(),
          Clock.fixed(Instant.parse("2026-01-31T10:00:00Z"), ZoneOffset.UTC));

  @FuzzTest(maxDuration = "30s")
  void merchantPresentedDecoder(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    for (DecodeMode mode : DecodeMode.values()) {
      try {
        Decoded<MerchantPresentedPayload> decoded = MpmDecoder.decode(text, mode);
        assertThat(decoded.warnings()).noneMatch(Problem::isError);
        MerchantPresentedPayload payload = decoded.payload();
        String encoded = MpmEncoder.encode(payload);
        assertThat(MpmDecoder.decode(encoded, mode).payload()).isEqualTo(payload);
      } catch (QrFormatException refused) {
        assertThat(refused.problems()).anyMatch(Problem::isError);
      }
    }
  }

  @FuzzTest(maxDuration = "30s")
  void consumerPresentedDecoder(byte[] input) {
    String text = new String(input, StandardCharsets.ISO_8859_1);
    for (DecodeMode mode : DecodeMode.values()) {
      checkConsumerPresented(() -> CpmDecoder.decode(text, mode), mode);
      checkConsumerPresented(() -> CpmDecoder.decodeBytes(input, mode), mode);
    }
  }

  @FuzzTest(maxDuration = "30s")
  void payCodeVerifier(byte[] input) {
    String code = new String(input, StandardCharsets.ISO_8859_1);
    PayCodeVerification result = VERIFIER.verify(code);
    if (result instanceof PayCodeVerification.Valid valid) {
      assertThat(valid.deviceId()).isEqualTo(DEVICE_ID);
      assertThat(code).hasSize(18).startsWith("88");
    }
  }

  private interface CpmDecode {
    Decoded<ConsumerPresentedPayload> decode() throws QrFormatException;
  }

  private static void checkConsumerPresented(CpmDecode decode, DecodeMode mode) {
    try {
      ConsumerPresentedPayload payload = decode.decode().payload();
      String encoded = CpmEncoder.encode(payload);
      assertThat(CpmDecoder.decode(encoded, mode).payload()).isEqualTo(payload);
    } catch (QrFormatException refused) {
      assertThat(refused.problems()).anyMatch(Problem::isError);
    }
  }
}

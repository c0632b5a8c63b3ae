package io.harbourpay.qr.cpm;

import static io.harbourpay.qr.testing.Cases.chance;
import static io.harbourpay.qr.testing.Cases.chars;
import static io.harbourpay.qr.testing.Cases.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.testing.Cases;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CpmRoundTripPropertiesTest {
  private static final String HEX = "0123456789ABCDEF";
  private static final String DIGITS = "0123456789";

  @Test
  void strictPayloadsRoundTrip() {
    Cases.forAll(
        300,
        8_520_000,
        random -> {
          ConsumerPresentedPayload payload = payload(random);
          assertThat(CpmDecoder.decode(CpmEncoder.encode(payload), DecodeMode.STRICT).payload())
              .isEqualTo(payload);
        });
  }

  @Test
  void berFieldsKeepTheirBytes() {
    Cases.forAll(
        50,
        8_530_000,
        random -> {
          // Up to 300 bytes: crosses the one- and two-byte long length forms (81 xx, 82 xx xx).
          byte[] bytes = new byte[random.nextInt(301)];
          random.nextBytes(bytes);
          String valueHex = HexFormat.of().withUpperCase().formatHex(bytes);
          ApplicationData application =
              ApplicationData.builder()
                  .applicationIdentifier("A0000000031010")
                  .otherData(new BerField("9F7C", valueHex))
                  .build();
          ConsumerPresentedPayload payload = ConsumerPresentedPayload.of(List.of(application));
          assertThat(CpmDecoder.decode(CpmEncoder.encode(payload), DecodeMode.STRICT).payload())
              .isEqualTo(payload);
        });
  }

  private static ConsumerPresentedPayload payload(Random random) {
    int count = 1 + random.nextInt(ConsumerPresentedPayload.APPLICATIONS_MAX);
    List<ApplicationData> applications = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      ApplicationData.Builder builder =
          ApplicationData.builder()
              .applicationIdentifier(text(random, HEX, 14, 14))
              .applicationLabel(chance(random, 30) ? null : chars(random, 'A', 'Z', 1, 16))
              .applicationPan(chance(random, 30) ? null : text(random, DIGITS, 12, 19))
              .track2EquivalentData(
                  chance(random, 50)
                      ? null
                      : text(random, DIGITS, 12, 19) + "D" + text(random, DIGITS, 4, 16));
      if (!chance(random, 50)) {
        builder.transparentData(new BerField("9F26", text(random, HEX, 16, 16)));
      }
      applications.add(builder.build());
    }
    return ConsumerPresentedPayload.of(applications);
  }
}

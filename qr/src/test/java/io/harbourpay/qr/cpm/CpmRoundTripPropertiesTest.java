package io.harbourpay.qr.cpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.QrFormatException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CpmRoundTripPropertiesTest {
  @Property(tries = 300)
  void strictPayloadsRoundTrip(@ForAll("payloads") ConsumerPresentedPayload payload)
      throws QrFormatException {
    assertThat(CpmDecoder.decode(CpmEncoder.encode(payload), DecodeMode.STRICT).payload())
        .isEqualTo(payload);
  }

  @Provide
  Arbitrary<ConsumerPresentedPayload> payloads() {
    Arbitrary<String> aid = Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(14);
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('A', 'Z')
            .ofMinLength(1)
            .ofMaxLength(16)
            .injectNull(0.3);
    Arbitrary<String> pan =
        Arbitraries.strings().numeric().ofMinLength(12).ofMaxLength(19).injectNull(0.3);
    Arbitrary<String> track2 =
        Combinators.combine(
                Arbitraries.strings().numeric().ofMinLength(12).ofMaxLength(19),
                Arbitraries.strings().numeric().ofMinLength(4).ofMaxLength(16))
            .as((account, rest) -> account + "D" + rest)
            .injectNull(0.5);
    Arbitrary<String> cryptogram =
        Arbitraries.strings().withChars("0123456789ABCDEF").ofLength(16).injectNull(0.5);
    Arbitrary<ApplicationData> application =
        Combinators.combine(aid, label, pan, track2, cryptogram)
            .as(
                (identifier, name, number, track, mac) -> {
                  ApplicationData.Builder builder =
                      ApplicationData.builder()
                          .applicationIdentifier(identifier)
                          .applicationLabel(name)
                          .applicationPan(number)
                          .track2EquivalentData(track);
                  if (mac != null) {
                    builder.transparentData(new BerField("9F26", mac));
                  }
                  return builder.build();
                });
    return application
        .list()
        .ofMinSize(1)
        .ofMaxSize(ConsumerPresentedPayload.APPLICATIONS_MAX)
        .map(ConsumerPresentedPayload::of);
  }

  @Property(tries = 50)
  void berFieldsKeepTheirBytes(@ForAll("unknownValues") String valueHex) throws QrFormatException {
    ApplicationData application =
        ApplicationData.builder()
            .applicationIdentifier("A0000000031010")
            .otherData(new BerField("9F7C", valueHex))
            .build();
    ConsumerPresentedPayload payload = ConsumerPresentedPayload.of(List.of(application));
    assertThat(CpmDecoder.decode(CpmEncoder.encode(payload), DecodeMode.STRICT).payload())
        .isEqualTo(payload);
  }

  @Provide
  Arbitrary<String> unknownValues() {
    // Up to 300 bytes: crosses the one- and two-byte long length forms (81 xx, 82 xx xx).
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(300)
        .map(bytes -> java.util.HexFormat.of().withUpperCase().formatHex(bytes));
  }
}

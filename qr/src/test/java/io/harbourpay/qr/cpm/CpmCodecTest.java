package io.harbourpay.qr.cpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Problem;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.Rule;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpmCodecTest {
  /** EMVCo CPM v1.0 Annex B, example 1. */
  static final String EXAMPLE_1 = "hQVDUFYwMWEaTwegAAAAVVVVVw8SNFZ4kBI0WNGRIgESNF8=";

  /** EMVCo CPM v1.0 Annex B, example 2: two applications, common data, transparent template. */
  static final String EXAMPLE_2 =
      "hQVDUFYwMWETTwegAAAAVVVVUAhQcm9kdWN0MWETTwegAAAAZmZmUAhQcm9kdWN0MmJJWggSNFZ4kBI0WF8gDkNBUkRI"
          + "T0xERVIvRU1WXy0IcnVlc2RlZW5kIZ8QBwYBCgMAAACfJghYT9OF+iNLzJ82AgABnzcEbVjvEw==";

  @Test
  void decodesExampleOne() throws QrFormatException {
    ConsumerPresentedPayload payload = CpmDecoder.decode(EXAMPLE_1, DecodeMode.STRICT).payload();
    assertThat(payload.payloadFormatIndicator()).isEqualTo("CPV01");
    assertThat(payload.applications())
        .singleElement()
        .satisfies(
            app -> {
              assertThat(app.applicationIdentifier()).isEqualTo("A0000000555555");
              assertThat(app.track2EquivalentData()).isEqualTo("1234567890123458D191220112345");
            });
    assertThat(CpmEncoder.encode(payload)).isEqualTo(EXAMPLE_1);
  }

  @Test
  void decodesExampleTwoWithCommonAndTransparentData() throws QrFormatException {
    ConsumerPresentedPayload payload = CpmDecoder.decode(EXAMPLE_2, DecodeMode.STRICT).payload();
    assertThat(payload.applications())
        .extracting(ApplicationData::applicationLabel)
        .containsExactly("Product1", "Product2");
    ApplicationData common = payload.commonData();
    assertThat(common.applicationPan()).isEqualTo("1234567890123458");
    assertThat(common.cardholderName()).isEqualTo("CARDHOLDER/EMV");
    assertThat(common.languagePreference()).isEqualTo("ruesdeen");
    assertThat(common.transparentData())
        .extracting(BerField::tag)
        .containsExactly("9F10", "9F26", "9F36", "9F37");
    assertThat(CpmEncoder.encode(payload)).isEqualTo(EXAMPLE_2);
  }

  @Test
  void aTagInBothAnApplicationAndTheCommonTemplateIsAnError() {
    ApplicationData application =
        ApplicationData.builder()
            .applicationIdentifier("A0000000555555")
            .cardholderName("A B")
            .build();
    ApplicationData common = ApplicationData.builder().cardholderName("A B").build();
    String text =
        CpmEncoder.encode(new ConsumerPresentedPayload("CPV01", List.of(application), common));

    QrFormatException refused =
        catchThrowableOfType(
            QrFormatException.class, () -> CpmDecoder.decode(text, DecodeMode.LENIENT));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo(Rule.INCONSISTENT);
              assertThat(p.dataObject()).isEqualTo("62/5F20");
            });
  }

  @Test
  void reportsEveryProblem() {
    ApplicationData noAid = ApplicationData.builder().applicationLabel("L".repeat(20)).build();
    String text = CpmEncoder.encode(new ConsumerPresentedPayload("CPV09", List.of(noAid), null));

    QrFormatException refused =
        catchThrowableOfType(
            QrFormatException.class, () -> CpmDecoder.decode(text, DecodeMode.STRICT));

    assertThat(refused.problems())
        .extracting(Problem::dataObject, Problem::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("85", Rule.FORMAT_INDICATOR),
            org.assertj.core.groups.Tuple.tuple("61[0]", Rule.MISSING_ESSENTIAL),
            org.assertj.core.groups.Tuple.tuple("61[0]/50", Rule.LENGTH));
  }

  @Test
  void truncatedDataIsASyntaxErrorAtItsByteOffset() {
    byte[] bytes =
        CpmEncoder.encodeBytes(
            ConsumerPresentedPayload.of(
                List.of(
                    ApplicationData.builder().applicationIdentifier("A0000000555555").build())));
    byte[] cut = java.util.Arrays.copyOf(bytes, bytes.length - 2);

    QrFormatException refused =
        catchThrowableOfType(
            QrFormatException.class, () -> CpmDecoder.decodeBytes(cut, DecodeMode.LENIENT));

    assertThat(refused.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo(Rule.SYNTAX);
              assertThat(p.position()).isEqualTo(7);
            });
  }
}

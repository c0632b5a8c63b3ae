package io.harbourpay.qr.mpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.Problem;
import io.harbourpay.qr.QrFormatException;
import io.harbourpay.qr.Rule;
import io.harbourpay.qr.Severity;
import org.junit.jupiter.api.Test;

class MpmCodecTest {
  /** EMVCo MPM v1.0 Annex B.7, the specification's own example (also in the shared corpus). */
  static final String SPEC_EXAMPLE =
      "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN"
          + "5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412"
          + "340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

  @Test
  void crcMatchesTheCheckValue() {
    assertThat(Crc16.of("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo(0x29B1);
  }

  @Test
  void decodesEveryFieldOfTheSpecificationExample() throws QrFormatException {
    MerchantPresentedPayload payload = MpmDecoder.decode(SPEC_EXAMPLE, DecodeMode.STRICT).payload();

    assertThat(payload.pointOfInitiation()).isEqualTo(PointOfInitiation.DYNAMIC);
    assertThat(payload.merchantAccountTemplates())
        .extracting(GuidTemplate::id, GuidTemplate::globallyUniqueIdentifier)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("29", "D15600000000"),
            org.assertj.core.groups.Tuple.tuple("31", "D15600000001"));
    assertThat(payload.merchantAccountTemplates().get(0).field("05")).contains("A93FO3230Q");
    assertThat(payload.merchantCategoryCode()).isEqualTo("4111");
    assertThat(payload.transactionCurrency()).isEqualTo("156");
    assertThat(payload.transactionAmount()).isEqualTo("23.72");
    assertThat(payload.transactionAmountMinor()).hasValue(2372);
    assertThat(payload.tipOrConvenienceIndicator())
        .isEqualTo(TipOrConvenienceIndicator.PROMPT_FOR_TIP);
    assertThat(payload.merchantName()).isEqualTo("BEST TRANSPORT");
    assertThat(payload.alternateLanguage()).isEqualTo(AlternateLanguage.of("ZH", "最佳运输", "北京"));
    assertThat(payload.additionalData().storeLabel()).isEqualTo("1234");
    assertThat(payload.additionalData().customerLabel()).isEqualTo(AdditionalData.ASK_PAYER);
    assertThat(payload.additionalData().terminalLabel()).isEqualTo("A6008667");
    assertThat(payload.additionalData().consumerDataRequest()).isEqualTo("ME");
    assertThat(payload.unreservedTemplates())
        .singleElement()
        .satisfies(t -> assertThat(t.id()).isEqualTo("91"));
  }

  @Test
  void reEncodingTheExampleGivesTheSameModel() throws QrFormatException {
    MerchantPresentedPayload payload = MpmDecoder.decode(SPEC_EXAMPLE, DecodeMode.STRICT).payload();
    String encoded = MpmEncoder.encode(payload);
    assertThat(MpmDecoder.decode(encoded, DecodeMode.STRICT).payload()).isEqualTo(payload);
  }

  @Test
  void fpsAndHarbourPayShareOneSticker() throws QrFormatException {
    MerchantPresentedPayload sticker =
        MerchantPresentedPayload.builder()
            .staticCode()
            .merchantAccount(FpsAccount.byFpsIdentifier("1234567").toTemplate())
            .merchantAccount(new HarbourPayAccount("m_1001", "s_7", null, null).toTemplate())
            .merchantCategoryCode("5812")
            .transactionCurrency("344")
            .countryCode("HK")
            .merchantName("Harbour Cafe")
            .merchantCity("Hong Kong")
            .alternateLanguage(AlternateLanguage.of("ZH", "海港咖啡", "香港"))
            .build();

    String text = MpmEncoder.encode(sticker);
    Decoded<MerchantPresentedPayload> decoded = MpmDecoder.decode(text, DecodeMode.STRICT);

    assertThat(decoded.warnings()).isEmpty();
    assertThat(decoded.payload()).isEqualTo(sticker);
    assertThat(decoded.payload().merchantAccount(FpsAccount.GUID).flatMap(FpsAccount::from))
        .contains(FpsAccount.byFpsIdentifier("1234567"));
    assertThat(decoded.payload().merchantAccount("IO.HARBOURPAY").flatMap(HarbourPayAccount::from))
        .contains(new HarbourPayAccount("m_1001", "s_7", null, null));
    assertThat(text).startsWith("000201010211").contains("32340013io.harbourpay0106m_10010203s_7");
  }

  @Test
  void lengthsCountCharactersNotBytes() {
    String text =
        MpmEncoder.encode(
            minimal().alternateLanguage(AlternateLanguage.of("ZH", "最佳运输", null)).build());
    assertThat(text).contains("64140002ZH0104最佳运输");
  }

  @Test
  void reportsEveryProblemWithPathPositionAndRule() {
    // 59 is 30 characters (max 25), 54 is "98,73", 58 is missing.
    String body =
        "000201010212"
            + "26270012hk.com.hkicl02071234567"
            + "52040000"
            + "5303344"
            + "540598,73"
            + "5930ABCDEFGHIJKLMNOPQRSTUVWXYZ1234"
            + "6002HK"
            + "6304";
    String text = body + Crc16.hexOf(body);

    QrFormatException refused =
        catchThrowableOfType(
            QrFormatException.class, () -> MpmDecoder.decode(text, DecodeMode.STRICT));

    assertThat(refused.problems())
        .extracting(Problem::dataObject, Problem::rule)
        .contains(
            org.assertj.core.groups.Tuple.tuple("54", Rule.INVALID_VALUE),
            org.assertj.core.groups.Tuple.tuple("59", Rule.LENGTH),
            org.assertj.core.groups.Tuple.tuple("58", Rule.MISSING_MANDATORY));
    Problem amount =
        refused.problems().stream()
            .filter(p -> p.dataObject().equals("54"))
            .findFirst()
            .orElseThrow();
    assertThat(amount.position()).isEqualTo(text.indexOf("540598,73"));
  }

  @Test
  void lenientModeTurnsToleratedRulesIntoWarnings() throws QrFormatException {
    String body =
        "000202010211" + "26270012hk.com.hkicl02071234567" + "5303344" + "5802HK" + "6200" + "6304";
    String text = body + Crc16.hexOf(body);

    assertThatThrownBy(() -> MpmDecoder.decode(text, DecodeMode.STRICT))
        .isInstanceOf(QrFormatException.class);
    Decoded<MerchantPresentedPayload> decoded = MpmDecoder.decode(text, DecodeMode.LENIENT);

    assertThat(decoded.warnings())
        .allMatch(p -> p.severity() == Severity.WARNING)
        .extracting(Problem::rule)
        .contains(Rule.FORMAT_INDICATOR, Rule.MISSING_MANDATORY, Rule.EMPTY_VALUE);
    assertThat(decoded.payload().payloadFormatIndicator()).isEqualTo("02");
    assertThat(decoded.payload().additionalData().isEmpty()).isTrue();
    assertThat(
            MpmDecoder.decode(MpmEncoder.encode(decoded.payload()), DecodeMode.LENIENT).payload())
        .isEqualTo(decoded.payload());
  }

  @Test
  void neverAcceptsAWrongCrcEvenLeniently() {
    String text = MpmEncoder.encode(minimal().build());
    String broken =
        text.substring(0, text.length() - 4) + (text.endsWith("0000") ? "0001" : "0000");
    QrFormatException refused =
        catchThrowableOfType(
            QrFormatException.class, () -> MpmDecoder.decode(broken, DecodeMode.LENIENT));
    assertThat(refused.problems()).extracting(Problem::rule).containsExactly(Rule.CRC_MISMATCH);
  }

  @Test
  void refusesDuplicateIdsAndBrokenLengths() {
    QrFormatException duplicate =
        catchThrowableOfType(
            QrFormatException.class, () -> MpmDecoder.decode("000201000201", DecodeMode.LENIENT));
    assertThat(duplicate.problems()).extracting(Problem::rule).contains(Rule.DUPLICATE_ID);

    QrFormatException overrun =
        catchThrowableOfType(
            QrFormatException.class, () -> MpmDecoder.decode("0002015999abc", DecodeMode.LENIENT));
    assertThat(overrun.problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.rule()).isEqualTo(Rule.SYNTAX);
              assertThat(p.dataObject()).isEqualTo("59");
              assertThat(p.position()).isEqualTo(6);
            });
  }

  @Test
  void amountsConvertExactly() {
    assertThat(Amounts.toMinorUnits("23.72", 2)).isEqualTo(2372);
    assertThat(Amounts.toMinorUnits("98.", 2)).isEqualTo(9800);
    assertThat(Amounts.toMinorUnits("1.5", 1)).isEqualTo(15);
    assertThat(Amounts.toMinorUnits("1000", 0)).isEqualTo(1000);
    assertThatThrownBy(() -> Amounts.toMinorUnits("0.125", 2))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> Amounts.toMinorUnits("98,73", 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(Amounts.fromMinorUnits(5, 2)).isEqualTo("0.05");
    assertThat(Amounts.fromMinorUnits(2372, 2)).isEqualTo("23.72");
    assertThat(Amounts.fromMinorUnits(100, 0)).isEqualTo("100");
    assertThat(Amounts.fractionDigitsOf("344")).hasValue(2);
    assertThat(Amounts.fractionDigitsOf("392")).hasValue(0);
  }

  @Test
  void encoderRefusesValuesThatDoNotFitTwoLengthDigits() {
    assertThatThrownBy(() -> MpmEncoder.encode(minimal().merchantName("x".repeat(100)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("59");
  }

  static MerchantPresentedPayload.Builder minimal() {
    return MerchantPresentedPayload.builder()
        .staticCode()
        .merchantAccount(FpsAccount.byFpsIdentifier("1234567").toTemplate())
        .merchantCategoryCode("0000")
        .transactionCurrency("344")
        .countryCode("HK")
        .merchantName("NA")
        .merchantCity("HK");
  }
}

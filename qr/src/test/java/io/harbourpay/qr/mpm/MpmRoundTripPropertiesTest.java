package io.harbourpay.qr.mpm;

import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.QrFormatException;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** decode(encode(x)) == x for payloads that follow every rule, and for tolerated oddities. */
class MpmRoundTripPropertiesTest {
  private static final String ANS =
      " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";

  @Property(tries = 300)
  void strictPayloadsRoundTrip(@ForAll("validPayloads") MerchantPresentedPayload payload)
      throws QrFormatException {
    Decoded<MerchantPresentedPayload> decoded =
        MpmDecoder.decode(MpmEncoder.encode(payload), DecodeMode.STRICT);
    assertThat(decoded.payload()).isEqualTo(payload);
  }

  @Property(tries = 300)
  void amountsRoundTripThroughMinorUnits(
      @ForAll("amountsMinor") long amountMinor, @ForAll("fractionDigits") int fractionDigits) {
    String decimal = Amounts.fromMinorUnits(amountMinor, fractionDigits);
    assertThat(Amounts.toMinorUnits(decimal, fractionDigits)).isEqualTo(amountMinor);
  }

  @Provide
  Arbitrary<Long> amountsMinor() {
    return Arbitraries.longs().between(1, 9_999_999_999L);
  }

  @Provide
  Arbitrary<Integer> fractionDigits() {
    return Arbitraries.integers().between(0, 3);
  }

  @Provide
  Arbitrary<MerchantPresentedPayload> validPayloads() {
    Arbitrary<String> name = text(1, 25);
    Arbitrary<String> city = text(1, 15);
    Arbitrary<String> amount =
        Arbitraries.longs().between(1, 99_999_999L).map(minor -> Amounts.fromMinorUnits(minor, 2));
    Arbitrary<String> reference = text(1, 25).injectNull(0.3);
    Arbitrary<String> chinese =
        Arbitraries.strings()
            .withCharRange('\u4e00', '\u9fa5')
            .ofMinLength(1)
            .ofMaxLength(10)
            .injectNull(0.5);
    Arbitrary<GuidTemplate> scheme =
        Combinators.combine(text(1, 32), text(1, 20), Arbitraries.integers().between(32, 51))
            .as(
                (guid, value, id) -> {
                  TreeMap<String, String> fields = new TreeMap<>();
                  fields.put("01", value);
                  return new GuidTemplate(Integer.toString(id), guid, fields);
                });
    return Combinators.combine(
            name,
            city,
            amount.injectNull(0.4),
            Arbitraries.of(PointOfInitiation.class),
            reference,
            chinese,
            scheme.injectNull(0.5),
            Arbitraries.of("344", "156", "446"))
        .as(
            (merchantName,
                merchantCity,
                transactionAmount,
                initiation,
                ref,
                altName,
                extra,
                currency) -> {
              MerchantPresentedPayload.Builder builder =
                  MerchantPresentedPayload.builder()
                      .pointOfInitiation(initiation)
                      .merchantAccount(FpsAccount.byFpsIdentifier("1234567").toTemplate())
                      .merchantCategoryCode("5411")
                      .transactionCurrency(currency)
                      .transactionAmount(transactionAmount)
                      .countryCode("HK")
                      .merchantName(merchantName)
                      .merchantCity(merchantCity);
              if (ref != null) {
                builder.additionalData(AdditionalData.builder().referenceLabel(ref).build());
              }
              if (altName != null) {
                builder.alternateLanguage(AlternateLanguage.of("ZH", altName, null));
              }
              if (extra != null) {
                builder.merchantAccount(extra);
              }
              return builder.build();
            });
  }

  private static Arbitrary<String> text(int lengthMin, int lengthMax) {
    return Arbitraries.strings().withChars(ANS).ofMinLength(lengthMin).ofMaxLength(lengthMax);
  }
}

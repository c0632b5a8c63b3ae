package io.harbourpay.qr.mpm;

import static io.harbourpay.qr.testing.Cases.between;
import static io.harbourpay.qr.testing.Cases.chance;
import static io.harbourpay.qr.testing.Cases.chars;
import static io.harbourpay.qr.testing.Cases.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.qr.DecodeMode;
import io.harbourpay.qr.Decoded;
import io.harbourpay.qr.testing.Cases;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** decode(encode(x)) == x for payloads that follow every rule, and for tolerated oddities. */
class MpmRoundTripPropertiesTest {
  private static final String ANS =
      " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz~";

  @Test
  void strictPayloadsRoundTrip() {
    Cases.forAll(
        300,
        3_440_000,
        random -> {
          MerchantPresentedPayload payload = validPayload(random);
          Decoded<MerchantPresentedPayload> decoded =
              MpmDecoder.decode(MpmEncoder.encode(payload), DecodeMode.STRICT);
          assertThat(decoded.payload()).isEqualTo(payload);
        });
  }

  @Test
  void amountsRoundTripThroughMinorUnits() {
    Cases.forAll(
        300,
        1_560_000,
        random -> {
          long amountMinor = between(random, 1, 9_999_999_999L);
          int fractionDigits = random.nextInt(4);
          String decimal = Amounts.fromMinorUnits(amountMinor, fractionDigits);
          assertThat(Amounts.toMinorUnits(decimal, fractionDigits)).isEqualTo(amountMinor);
        });
  }

  private static MerchantPresentedPayload validPayload(Random random) {
    PointOfInitiation[] initiations = PointOfInitiation.values();
    String[] currencies = {"344", "156", "446"};
    MerchantPresentedPayload.Builder builder =
        MerchantPresentedPayload.builder()
            .pointOfInitiation(initiations[random.nextInt(initiations.length)])
            .merchantAccount(FpsAccount.byFpsIdentifier("1234567").toTemplate())
            .merchantCategoryCode("5411")
            .transactionCurrency(currencies[random.nextInt(currencies.length)])
            .transactionAmount(
                chance(random, 40)
                    ? null
                    : Amounts.fromMinorUnits(between(random, 1, 99_999_999L), 2))
            .countryCode("HK")
            .merchantName(text(random, ANS, 1, 25))
            .merchantCity(text(random, ANS, 1, 15));
    if (!chance(random, 30)) {
      builder.additionalData(
          AdditionalData.builder().referenceLabel(text(random, ANS, 1, 25)).build());
    }
    if (chance(random, 50)) {
      builder.alternateLanguage(
          AlternateLanguage.of("ZH", chars(random, '\u4e00', '\u9fa5', 1, 10), null));
    }
    if (chance(random, 50)) {
      TreeMap<String, String> fields = new TreeMap<>();
      fields.put("01", text(random, ANS, 1, 20));
      builder.merchantAccount(
          new GuidTemplate(
              Integer.toString(32 + random.nextInt(20)), text(random, ANS, 1, 32), fields));
    }
    return builder.build();
  }
}

package io.harbourpay.platform.merchants;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MerchantRulesTest {
  static final NewMerchant GOOD = MerchantFixture.merchant("Harbour Mart Limited");

  static NewMerchant with(String field, Object value) {
    return new NewMerchant(
        field.equals("legal_name") ? (String) value : GOOD.legalName(),
        field.equals("mcc") ? (String) value : GOOD.mcc(),
        field.equals("country") ? (String) value : GOOD.country(),
        field.equals("settlement_currency") ? (String) value : GOOD.settlementCurrency(),
        field.equals("discount_rate_bps") ? (Integer) value : GOOD.discountRateBps(),
        field.equals("bank_code") ? (String) value : GOOD.bankCode(),
        field.equals("bank_account_number") ? (String) value : GOOD.bankAccountNumber(),
        field.equals("fps_id") ? (String) value : GOOD.fpsId());
  }

  /** field, value, expected code. */
  static Stream<Arguments> badMerchants() {
    return Stream.of(
        Arguments.of("legal_name", null, "legal_name_required"),
        Arguments.of("legal_name", "   ", "legal_name_required"),
        Arguments.of("legal_name", "x".repeat(201), "legal_name_too_long"),
        Arguments.of("legal_name", "Bad\u0000Name", "legal_name_invalid"),
        Arguments.of("mcc", null, "mcc_required"),
        Arguments.of("mcc", "541", "mcc_invalid"),
        Arguments.of("mcc", "54111", "mcc_invalid"),
        Arguments.of("mcc", "54a1", "mcc_invalid"),
        Arguments.of("country", null, "country_required"),
        Arguments.of("country", "HKG", "country_invalid"),
        Arguments.of("country", "XX", "country_invalid"),
        Arguments.of("settlement_currency", null, "settlement_currency_required"),
        Arguments.of("settlement_currency", "USD", "settlement_currency_invalid"),
        Arguments.of("discount_rate_bps", null, "discount_rate_bps_required"),
        Arguments.of("discount_rate_bps", -1, "discount_rate_bps_invalid"),
        Arguments.of("discount_rate_bps", 10_001, "discount_rate_bps_invalid"),
        Arguments.of("bank_code", null, "bank_code_required"),
        Arguments.of("bank_code", "04", "bank_code_invalid"),
        Arguments.of("bank_code", "0041", "bank_code_invalid"),
        Arguments.of("bank_account_number", null, "bank_account_number_required"),
        Arguments.of("bank_account_number", "12345", "bank_account_number_invalid"),
        Arguments.of("bank_account_number", "1".repeat(21), "bank_account_number_invalid"),
        Arguments.of("bank_account_number", "12345x789", "bank_account_number_invalid"),
        Arguments.of("fps_id", "123456", "fps_id_invalid"),
        Arguments.of("fps_id", "12345678", "fps_id_invalid"),
        Arguments.of("fps_id", "1234567890", "fps_id_invalid"),
        Arguments.of("fps_id", "12345a7", "fps_id_invalid"),
        Arguments.of("fps_id", "+852-6123456", "fps_id_invalid"),
        Arguments.of("fps_id", "+852 61234567", "fps_id_invalid"),
        Arguments.of("fps_id", "+86-13800138000", "fps_id_invalid"),
        Arguments.of("fps_id", "shop@", "fps_id_invalid"),
        Arguments.of("fps_id", "shop@example", "fps_id_invalid"),
        Arguments.of("fps_id", "a".repeat(60) + "@example.hk", "fps_id_invalid"));
  }

  @Test
  void anFpsIdentifierIsAnFpsIdAMobileOrAnEmailAndBlankMeansNone() {
    assertThat(MerchantRules.fpsId("1234567")).isEqualTo("1234567");
    assertThat(MerchantRules.fpsId(" 162430015 ")).isEqualTo("162430015");
    assertThat(MerchantRules.fpsId("+852-61234567")).isEqualTo("+852-61234567");
    assertThat(MerchantRules.fpsId("pay@harbour-mart.example.hk"))
        .isEqualTo("pay@harbour-mart.example.hk");
    assertThat(MerchantRules.fpsId(null)).isNull();
    assertThat(MerchantRules.fpsId("  ")).isNull();
    assertThat(FpsProxy.of("1234567")).contains(FpsProxy.FPS_ID);
    assertThat(FpsProxy.of("+852-61234567")).contains(FpsProxy.MOBILE);
    assertThat(FpsProxy.of("a@b.hk")).contains(FpsProxy.EMAIL);
  }

  @ParameterizedTest(name = "{0} = {1} -> {2}")
  @MethodSource("badMerchants")
  void eachBadMerchantFieldIsNamed(String field, Object value, String code) {
    assertThatThrownBy(() -> MerchantRules.merchant(with(field, value)))
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(ErrorType.INVALID_REQUEST);
              assertThat(failure.param()).isEqualTo(field);
              assertThat(failure.code()).isEqualTo(code);
            });
  }

  static Stream<Arguments> badStores() {
    NewStore good = MerchantFixture.store("Causeway Bay");
    return Stream.of(
            Arguments.of(
                "name_en",
                (UnaryOperator<NewStore>)
                    s -> new NewStore(null, s.nameZh(), s.address(), s.district()),
                "name_en_required"),
            Arguments.of(
                "name_en",
                (UnaryOperator<NewStore>)
                    s -> new NewStore("x".repeat(101), s.nameZh(), s.address(), s.district()),
                "name_en_too_long"),
            Arguments.of(
                "name_zh",
                (UnaryOperator<NewStore>)
                    s -> new NewStore(s.nameEn(), " ", s.address(), s.district()),
                "name_zh_required"),
            Arguments.of(
                "name_zh",
                (UnaryOperator<NewStore>)
                    s -> new NewStore(s.nameEn(), "店".repeat(51), s.address(), s.district()),
                "name_zh_too_long"),
            Arguments.of(
                "address",
                (UnaryOperator<NewStore>)
                    s -> new NewStore(s.nameEn(), s.nameZh(), "", s.district()),
                "address_required"),
            Arguments.of(
                "district",
                (UnaryOperator<NewStore>)
                    s -> new NewStore(s.nameEn(), s.nameZh(), s.address(), null),
                "district_required"))
        .map(
            arguments ->
                Arguments.of(arguments.get()[0], good, arguments.get()[1], arguments.get()[2]));
  }

  @ParameterizedTest(name = "{0} -> {3}")
  @MethodSource("badStores")
  void eachBadStoreFieldIsNamed(
      String field, NewStore good, UnaryOperator<NewStore> change, String code) {
    assertThatThrownBy(() -> MerchantRules.store(change.apply(good)))
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.param()).isEqualTo(field);
              assertThat(failure.code()).isEqualTo(code);
            });
  }

  @Test
  void goodInputComesBackNormalized() {
    NewMerchant normalized =
        MerchantRules.merchant(
            new NewMerchant(" Harbour Mart ", "5411", "hk", "mop", 0, "004", "123 456-789"));
    assertThat(normalized)
        .isEqualTo(new NewMerchant("Harbour Mart", "5411", "HK", "MOP", 0, "004", "123456789"));
    assertThat(MerchantRules.discountRateBps(10_000)).isEqualTo(10_000);
    assertThat(MerchantRules.terminalLabel(" Till 1 ")).isEqualTo("Till 1");
    assertThatThrownBy(() -> MerchantRules.terminalLabel("x".repeat(41)))
        .hasFieldOrPropertyWithValue("code", "label_too_long");
  }
}

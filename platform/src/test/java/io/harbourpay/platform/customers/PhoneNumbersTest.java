package io.harbourpay.platform.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "+85291234567     | +85291234567",
        "+852 9123 4567   | +85291234567",
        "852-9123-4567    | +85291234567",
        "0085291234567    | +85291234567",
        "91234567         | +85291234567",
        "(+852) 5123 4567 | +85251234567",
        "41234567         | +85241234567",
        "61234567         | +85261234567",
        "71234567         | +85271234567",
        "81234567         | +85281234567",
        "+86 138 0013 8000 | +8613800138000",
        "8613800138000    | +8613800138000",
        "008619912345678  | +8619912345678",
        "13800138000      | +8613800138000",
        "+853 6612 3456   | +85366123456",
        "85366123456      | +85366123456",
        "+853.6612.3456   | +85366123456",
      })
  void normalizesToE164(String input, String e164) {
    assertThat(PhoneNumbers.normalize(input)).isEqualTo(e164);
    assertThat(PhoneNumbers.isValid(input)).isTrue();
  }

  @ParameterizedTest(name = "{0} is refused")
  @ValueSource(
      strings = {
        "21234567", // Hong Kong fixed line
        "31234567", // Hong Kong fixed line
        "+852 1234 5678",
        "+852 9123 456", // 7 digits
        "+852 9123 45678", // 9 digits
        "+86 12345678901", // mainland, 12x is not mobile
        "+86 1380013800", // 10 digits
        "+86 238 0013 8000", // does not start 1
        "+853 2812 3456", // Macau fixed line
        "+853 6612 345",
        "+1 415 555 2671", // unsupported country
        "+44 7911 123456",
        "9123456", // 7 digits, no country code
        "91234567x",
        "+852+91234567",
        "++85291234567",
        "９１２３４５６７", // full-width digits
        "1234567890123456789012345678901234",
      })
  void refusesOthersNamingThePhoneField(String input) {
    assertThatThrownBy(() -> PhoneNumbers.normalize(input))
        .isInstanceOfSatisfying(
            PlatformException.class,
            failure -> {
              assertThat(failure.type()).isEqualTo(ErrorType.INVALID_REQUEST);
              assertThat(failure.code()).isEqualTo("phone_invalid");
              assertThat(failure.param()).isEqualTo("phone");
              assertThat(failure.getMessage()).isNotBlank();
            });
    assertThat(PhoneNumbers.isValid(input)).isFalse();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   "})
  void requiresANumber(String input) {
    assertThatThrownBy(() -> PhoneNumbers.normalize(input))
        .hasMessageContaining("required")
        .extracting("code")
        .isEqualTo("phone_invalid");
  }
}

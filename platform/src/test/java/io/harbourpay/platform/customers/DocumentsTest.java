package io.harbourpay.platform.customers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.platform.PlatformException;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DocumentsTest {
  @ParameterizedTest(name = "{0} {1} -> {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HKID        | A123456(3)          | A1234563",
        "HKID        | a123456 (3)         | A1234563",
        "HKID        | AB987654(3)         | AB9876543",
        "MAINLAND_ID | 11010519491231002x  | 11010519491231002X",
        "MACAU_ID    | 1234567(8)          | 12345678",
        "PASSPORT    | e 1234-5678         | E12345678",
      })
  void normalizesValidNumbers(DocumentType type, String input, String normalized) {
    assertThat(Documents.normalize(type, input)).isEqualTo(normalized);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "HKID        | A123456(4)", // wrong check digit
        "HKID        | 123456(3)",
        "HKID        | ABC123456(3)",
        "MAINLAND_ID | 110105194912310021", // wrong check digit
        "MAINLAND_ID | 1101051949123100",
        "MACAU_ID    | 2234567(8)",
        "MACAU_ID    | 123456(7)",
        "PASSPORT    | E12",
        "PASSPORT    | E1234567890123456789012",
        "PASSPORT    | E1234_5678",
      })
  void refusesInvalidNumbersNamingTheField(DocumentType type, String input) {
    assertThatThrownBy(() -> Documents.normalize(type, input))
        .isInstanceOf(PlatformException.class)
        .extracting("param")
        .isEqualTo("document_number");
  }

  @Test
  void hkidCheckDigitTenIsA() {
    // Find a number whose check value is 10, written A, and accept it.
    String withA = null;
    for (int digits = 0; digits < 1000 && withA == null; digits++) {
      String candidate = String.format("G123%03dA", digits);
      if (Documents.hkidCheckDigitValid(candidate)) withA = candidate;
    }
    assertThat(withA).isNotNull();
    assertThat(Documents.normalize(DocumentType.HKID, withA)).isEqualTo(withA);
  }

  @Test
  void masksAllButTheLastFourCharacters() {
    assertThat(Documents.mask("A1234563")).isEqualTo("****4563");
    assertThat(Documents.mask("123")).isEqualTo("123");
  }

  @Test
  void readsTheBirthDateInAMainlandNumber() {
    assertThat(Documents.mainlandBirthDate("11010519491231002X"))
        .isEqualTo(LocalDate.of(1949, 12, 31));
  }
}

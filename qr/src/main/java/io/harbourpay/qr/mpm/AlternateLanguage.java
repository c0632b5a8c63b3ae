package io.harbourpay.qr.mpm;

import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Data object 64: the merchant's name and city in another language, e.g. Chinese beside the English
 * of 59 and 60. Unlike 59 and 60 these values may hold any Unicode character.
 *
 * @param language 00, an ISO 639 two-letter code such as "ZH"
 * @param merchantName 01
 * @param merchantCity 02, optional
 * @param otherFields sub-fields the specification reserves (03–99), kept as read
 */
public record AlternateLanguage(
    String language,
    String merchantName,
    String merchantCity,
    SortedMap<String, String> otherFields) {

  public static final int LANGUAGE_LENGTH = 2;
  public static final int MERCHANT_NAME_LENGTH_MAX = 25;
  public static final int MERCHANT_CITY_LENGTH_MAX = 15;

  static final int RESERVED_FIRST = 3;

  public AlternateLanguage {
    otherFields =
        Ids.sortedFields(
            Objects.requireNonNull(otherFields), RESERVED_FIRST, Ids.ID_MAX, "64 sub-field");
  }

  public static AlternateLanguage of(String language, String merchantName, String merchantCity) {
    return new AlternateLanguage(language, merchantName, merchantCity, new TreeMap<>(Map.of()));
  }
}

package io.harbourpay.qr.cpm;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The contents of an application template (61) or of the common data template (62): the same data
 * objects may sit in either, the common template holding what all applications share. Absent
 * components are null.
 *
 * @param applicationIdentifier 4F, hex; mandatory in 61
 * @param applicationLabel 50
 * @param track2EquivalentData 57: digits and the "D" separator, without the "F" padding
 * @param applicationPan 5A: digits, without the "F" padding
 * @param cardholderName 5F20
 * @param languagePreference 5F2D
 * @param issuerUrl 5F50
 * @param applicationVersionNumber 9F08, hex
 * @param tokenRequestorId 9F19, hex
 * @param paymentAccountReference 9F24
 * @param last4DigitsOfPan 9F25, hex
 * @param otherData tags the model does not name, in the order read
 * @param transparentData the application-specific (63, inside 61) or common-data (64, inside 62)
 *     transparent template's contents, passed to the acquirer as they are; empty when absent
 */
public record ApplicationData(
    String applicationIdentifier,
    String applicationLabel,
    String track2EquivalentData,
    String applicationPan,
    String cardholderName,
    String languagePreference,
    String issuerUrl,
    String applicationVersionNumber,
    String tokenRequestorId,
    String paymentAccountReference,
    String last4DigitsOfPan,
    List<BerField> otherData,
    List<BerField> transparentData) {

  /** The transparent template's tag inside an application template. */
  static final String APPLICATION_TRANSPARENT_TAG = "63";

  /** The transparent template's tag inside the common data template. */
  static final String COMMON_TRANSPARENT_TAG = "64";

  public ApplicationData {
    otherData = List.copyOf(Objects.requireNonNull(otherData, "otherData"));
    transparentData = List.copyOf(Objects.requireNonNull(transparentData, "transparentData"));
    Set<String> tags = new HashSet<>();
    for (BerField field : otherData) {
      if (CpmTag.of(field.tag()).isPresent()
          || field.tag().equals(APPLICATION_TRANSPARENT_TAG)
          || field.tag().equals(COMMON_TRANSPARENT_TAG)) {
        throw new IllegalArgumentException(field.tag() + " has its own component");
      }
      if (!tags.add(field.tag())) {
        throw new IllegalArgumentException(field.tag() + " appears twice");
      }
    }
    Set<String> transparentTags = new HashSet<>();
    for (BerField field : transparentData) {
      if (!transparentTags.add(field.tag())) {
        throw new IllegalArgumentException(field.tag() + " appears twice");
      }
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The component for {@code tag}, or null. */
  String valueOf(CpmTag tag) {
    return switch (tag) {
      case APPLICATION_IDENTIFIER -> applicationIdentifier;
      case APPLICATION_LABEL -> applicationLabel;
      case TRACK_2_EQUIVALENT_DATA -> track2EquivalentData;
      case APPLICATION_PAN -> applicationPan;
      case CARDHOLDER_NAME -> cardholderName;
      case LANGUAGE_PREFERENCE -> languagePreference;
      case ISSUER_URL -> issuerUrl;
      case APPLICATION_VERSION_NUMBER -> applicationVersionNumber;
      case TOKEN_REQUESTOR_ID -> tokenRequestorId;
      case PAYMENT_ACCOUNT_REFERENCE -> paymentAccountReference;
      case LAST_4_DIGITS_OF_PAN -> last4DigitsOfPan;
    };
  }

  /** Builds one template's contents. */
  public static final class Builder {
    private final String[] values = new String[CpmTag.values().length];
    private final List<BerField> otherData = new ArrayList<>();
    private final List<BerField> transparentData = new ArrayList<>();

    private Builder() {}

    Builder set(CpmTag tag, String value) {
      values[tag.ordinal()] = value;
      return this;
    }

    public Builder applicationIdentifier(String hex) {
      return set(CpmTag.APPLICATION_IDENTIFIER, hex);
    }

    public Builder applicationLabel(String text) {
      return set(CpmTag.APPLICATION_LABEL, text);
    }

    public Builder track2EquivalentData(String digits) {
      return set(CpmTag.TRACK_2_EQUIVALENT_DATA, digits);
    }

    public Builder applicationPan(String digits) {
      return set(CpmTag.APPLICATION_PAN, digits);
    }

    public Builder cardholderName(String text) {
      return set(CpmTag.CARDHOLDER_NAME, text);
    }

    public Builder languagePreference(String text) {
      return set(CpmTag.LANGUAGE_PREFERENCE, text);
    }

    public Builder issuerUrl(String text) {
      return set(CpmTag.ISSUER_URL, text);
    }

    public Builder applicationVersionNumber(String hex) {
      return set(CpmTag.APPLICATION_VERSION_NUMBER, hex);
    }

    public Builder tokenRequestorId(String hex) {
      return set(CpmTag.TOKEN_REQUESTOR_ID, hex);
    }

    public Builder paymentAccountReference(String text) {
      return set(CpmTag.PAYMENT_ACCOUNT_REFERENCE, text);
    }

    public Builder last4DigitsOfPan(String hex) {
      return set(CpmTag.LAST_4_DIGITS_OF_PAN, hex);
    }

    public Builder otherData(BerField field) {
      otherData.add(field);
      return this;
    }

    public Builder transparentData(BerField field) {
      transparentData.add(field);
      return this;
    }

    public ApplicationData build() {
      return new ApplicationData(
          values[CpmTag.APPLICATION_IDENTIFIER.ordinal()],
          values[CpmTag.APPLICATION_LABEL.ordinal()],
          values[CpmTag.TRACK_2_EQUIVALENT_DATA.ordinal()],
          values[CpmTag.APPLICATION_PAN.ordinal()],
          values[CpmTag.CARDHOLDER_NAME.ordinal()],
          values[CpmTag.LANGUAGE_PREFERENCE.ordinal()],
          values[CpmTag.ISSUER_URL.ordinal()],
          values[CpmTag.APPLICATION_VERSION_NUMBER.ordinal()],
          values[CpmTag.TOKEN_REQUESTOR_ID.ordinal()],
          values[CpmTag.PAYMENT_ACCOUNT_REFERENCE.ordinal()],
          values[CpmTag.LAST_4_DIGITS_OF_PAN.ordinal()],
          otherData,
          transparentData);
    }
  }
}

package io.harbourpay.qr.mpm;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Data object 62, the additional data field template. Each label may hold {@value #ASK_PAYER},
 * which asks the payer's app to prompt for it. A template with every component empty encodes as a
 * zero-length 62, which some Hong Kong FPS codes carry.
 *
 * @param billNumber 01
 * @param mobileNumber 02
 * @param storeLabel 03
 * @param loyaltyNumber 04
 * @param referenceLabel 05, where FPS and most schemes carry the payment reference
 * @param customerLabel 06
 * @param terminalLabel 07
 * @param purposeOfTransaction 08
 * @param consumerDataRequest 09: letters A (address), M (mobile), E (email) the payer should send
 * @param otherFields sub-fields the specification reserves (00, 10–49), kept as read
 * @param paymentSystemTemplates 50–99, each with its own GUID
 */
public record AdditionalData(
    String billNumber,
    String mobileNumber,
    String storeLabel,
    String loyaltyNumber,
    String referenceLabel,
    String customerLabel,
    String terminalLabel,
    String purposeOfTransaction,
    String consumerDataRequest,
    SortedMap<String, String> otherFields,
    List<GuidTemplate> paymentSystemTemplates) {

  /** The value that asks the payer to enter a label. */
  public static final String ASK_PAYER = "***";

  /** Sub-fields 01–08's maximum length. */
  public static final int LABEL_LENGTH_MAX = 25;

  /** Sub-field 09's maximum length: at most the three letters A, M and E. */
  public static final int CONSUMER_DATA_REQUEST_LENGTH_MAX = 3;

  static final int RESERVED_LAST = 49;
  static final int PAYMENT_SYSTEM_FIRST = 50;

  public AdditionalData {
    otherFields =
        Ids.sortedFields(Objects.requireNonNull(otherFields), 0, RESERVED_LAST, "62 sub-field");
    for (String id : otherFields.keySet()) {
      if (Ids.number(id) >= 1 && Ids.number(id) <= 9) {
        throw new IllegalArgumentException("62/" + id + " has a named component");
      }
    }
    paymentSystemTemplates =
        Ids.sortedTemplates(
            Objects.requireNonNull(paymentSystemTemplates),
            PAYMENT_SYSTEM_FIRST,
            Ids.ID_MAX,
            "62 payment-system template");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** True for the zero-length template: nothing in it at all. */
  public boolean isEmpty() {
    return equals(builder().build());
  }

  /** Builds the template one label at a time; unset labels are absent. */
  public static final class Builder {
    private String billNumber;
    private String mobileNumber;
    private String storeLabel;
    private String loyaltyNumber;
    private String referenceLabel;
    private String customerLabel;
    private String terminalLabel;
    private String purposeOfTransaction;
    private String consumerDataRequest;
    private final Map<String, String> otherFields = new TreeMap<>();
    private final Map<String, GuidTemplate> paymentSystemTemplates = new TreeMap<>();

    private Builder() {}

    public Builder billNumber(String value) {
      billNumber = value;
      return this;
    }

    public Builder mobileNumber(String value) {
      mobileNumber = value;
      return this;
    }

    public Builder storeLabel(String value) {
      storeLabel = value;
      return this;
    }

    public Builder loyaltyNumber(String value) {
      loyaltyNumber = value;
      return this;
    }

    public Builder referenceLabel(String value) {
      referenceLabel = value;
      return this;
    }

    public Builder customerLabel(String value) {
      customerLabel = value;
      return this;
    }

    public Builder terminalLabel(String value) {
      terminalLabel = value;
      return this;
    }

    public Builder purposeOfTransaction(String value) {
      purposeOfTransaction = value;
      return this;
    }

    public Builder consumerDataRequest(String value) {
      consumerDataRequest = value;
      return this;
    }

    public Builder otherField(String id, String value) {
      otherFields.put(id, value);
      return this;
    }

    public Builder paymentSystemTemplate(GuidTemplate template) {
      paymentSystemTemplates.put(template.id(), template);
      return this;
    }

    public AdditionalData build() {
      return new AdditionalData(
          billNumber,
          mobileNumber,
          storeLabel,
          loyaltyNumber,
          referenceLabel,
          customerLabel,
          terminalLabel,
          purposeOfTransaction,
          consumerDataRequest,
          new TreeMap<>(otherFields),
          List.copyOf(paymentSystemTemplates.values()));
    }
  }
}

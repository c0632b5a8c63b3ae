package io.harbourpay.qr.mpm;

import java.util.Optional;
import java.util.TreeMap;

/**
 * Hong Kong's Faster Payment System in merchant account template 26, GUID {@value #GUID}. A code
 * names the payee by FPS identifier, or by participant (clearing) code with a mobile or email
 * proxy. Null components are absent.
 *
 * @param participantCode 01, the three-digit clearing code of the payee's bank or wallet
 * @param fpsIdentifier 02, seven or nine digits
 * @param mobileNumber 03, as "+852-XXXXXXXX"
 * @param emailAddress 04
 * @param expiry 05, YYMMDDhhmmss after which the code must not be paid
 */
public record FpsAccount(
    String participantCode,
    String fpsIdentifier,
    String mobileNumber,
    String emailAddress,
    String expiry) {

  public static final String GUID = "hk.com.hkicl";

  /** Hong Kong allocates 26 to FPS. */
  public static final String TEMPLATE_ID = "26";

  public FpsAccount {
    if (fpsIdentifier == null && mobileNumber == null && emailAddress == null) {
      throw new IllegalArgumentException("an FPS payee needs an FPS identifier, mobile or email");
    }
  }

  public static FpsAccount byFpsIdentifier(String fpsIdentifier) {
    return new FpsAccount(null, fpsIdentifier, null, null, null);
  }

  public GuidTemplate toTemplate() {
    TreeMap<String, String> fields = new TreeMap<>();
    putIfPresent(fields, "01", participantCode);
    putIfPresent(fields, "02", fpsIdentifier);
    putIfPresent(fields, "03", mobileNumber);
    putIfPresent(fields, "04", emailAddress);
    putIfPresent(fields, "05", expiry);
    return new GuidTemplate(TEMPLATE_ID, GUID, fields);
  }

  /** The FPS payee of a template, if it is an FPS template naming one. */
  public static Optional<FpsAccount> from(GuidTemplate template) {
    if (!template.hasGuid(GUID)) {
      return Optional.empty();
    }
    String fpsIdentifier = template.fields().get("02");
    String mobileNumber = template.fields().get("03");
    String emailAddress = template.fields().get("04");
    if (fpsIdentifier == null && mobileNumber == null && emailAddress == null) {
      return Optional.empty();
    }
    return Optional.of(
        new FpsAccount(
            template.fields().get("01"),
            fpsIdentifier,
            mobileNumber,
            emailAddress,
            template.fields().get("05")));
  }

  static void putIfPresent(TreeMap<String, String> fields, String id, String value) {
    if (value != null) {
      fields.put(id, value);
    }
  }
}

package io.harbourpay.qr.mpm;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A template whose sub-field 00 names the scheme that owns it: merchant account information
 * (26–51), payment-system templates inside the additional data (62/50–99) and unreserved templates
 * (80–99). The scheme's own sub-fields are kept as they are.
 *
 * @param id the template's ID
 * @param globallyUniqueIdentifier sub-field 00 (an AID, a UUID or a reverse domain name); null when
 *     absent, which only a lenient decode accepts
 * @param fields the other sub-fields, by ID
 */
public record GuidTemplate(
    String id, String globallyUniqueIdentifier, SortedMap<String, String> fields) {

  /** Sub-field 00's maximum length in the specification. */
  public static final int GUID_LENGTH_MAX = 32;

  public GuidTemplate {
    if (!Ids.isId(id)) {
      throw new IllegalArgumentException("template ID must be two digits: " + id);
    }
    fields = Ids.sortedFields(Objects.requireNonNull(fields, "fields"), 1, Ids.ID_MAX, "sub-field");
  }

  public static GuidTemplate of(
      String id, String globallyUniqueIdentifier, Map<String, String> fields) {
    return new GuidTemplate(id, globallyUniqueIdentifier, new TreeMap<>(fields));
  }

  public Optional<String> field(String subId) {
    return Optional.ofNullable(fields.get(subId));
  }

  /** Schemes differ in case ("hk.com.hkicl", "HK.COM.HKICL"); a GUID names the same scheme. */
  public boolean hasGuid(String guid) {
    return globallyUniqueIdentifier != null && globallyUniqueIdentifier.equalsIgnoreCase(guid);
  }
}

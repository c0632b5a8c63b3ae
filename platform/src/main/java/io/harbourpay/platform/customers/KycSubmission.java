package io.harbourpay.platform.customers;

import io.harbourpay.platform.Tier;
import java.time.LocalDate;

/** What a customer submits to lift their tier: one identity document and the tier they want. */
public record KycSubmission(
    DocumentType documentType,
    String documentNumber,
    String fullName,
    LocalDate dateOfBirth,
    Tier requestedTier) {
  @Override
  public String toString() {
    return "KycSubmission["
        + documentType
        + " "
        + Documents.mask(documentNumber)
        + ", "
        + requestedTier
        + "]"; // no personal data in logs
  }
}

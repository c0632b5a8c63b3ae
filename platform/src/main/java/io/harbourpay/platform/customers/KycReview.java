package io.harbourpay.platform.customers;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Tier;
import java.time.Instant;
import java.time.LocalDate;

/**
 * An identity review as callers see it. The document number is masked: only its last 4 characters
 * show ({@code ****4563}).
 */
public record KycReview(
    long id,
    long customerId,
    KycStatus status,
    DocumentType documentType,
    String documentNumberMasked,
    String fullName,
    LocalDate dateOfBirth,
    Tier requestedTier,
    Tier tierBefore,
    Instant submittedAt,
    Instant decidedAt,
    String decidedBy,
    String decisionNote) {
  public static final String ID_PREFIX = "kyc";

  public String publicId() {
    return Ids.publicId(ID_PREFIX, id);
  }

  public String customerPublicId() {
    return Ids.publicId(CustomerRef.ID_PREFIX, customerId);
  }
}

package io.harbourpay.platform.customers;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.db.Database;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Identity verification: a customer submits a document to reach a higher tier; an operator approves
 * or rejects it from a queue. One pending review per customer. Approval sets the tier and tells the
 * {@link TierListener}s; every decision is written to the {@link AuditLog} in the same transaction.
 *
 * <p>Applicants must be at least {@link #AGE_MIN_YEARS}: a wallet with raised limits is a contract
 * an adult makes alone. (Hong Kong wallets do serve teenagers, with a guardian's consent, which
 * this platform has no flow for yet; lower the constant only together with such a flow.)
 */
public final class KycService {
  public static final int AGE_MIN_YEARS = 18;
  public static final LocalDate BIRTH_DATE_MIN = LocalDate.of(1900, 1, 1);
  public static final int NAME_LENGTH_MIN = 2;
  public static final int NAME_LENGTH_MAX = 100;

  /** Ages and "today" are reckoned in Hong Kong time. */
  public static final ZoneId ZONE = ZoneId.of("Asia/Hong_Kong");

  private static final System.Logger LOG = System.getLogger(KycService.class.getName());
  private static final String COLUMNS =
      "id, customer_id, status, document_type, document_number, full_name, date_of_birth,"
          + " requested_tier, tier_before, submitted_at, decided_at, decided_by, decision_note";

  private final Database database;
  private final Clock clock;
  private final List<TierListener> listeners = new CopyOnWriteArrayList<>();

  public KycService(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  public void addTierListener(TierListener listener) {
    listeners.add(listener);
  }

  /**
   * Queues a review. Throws INVALID_REQUEST naming the field at fault ({@code document_type},
   * {@code document_number}, {@code full_name}, {@code date_of_birth}, {@code requested_tier}),
   * NOT_FOUND for an unknown customer, PERMISSION {@code customer_locked}, CONFLICT {@code
   * review_pending} while another review waits, or CONFLICT {@code document_in_use} when the
   * document already verifies another customer.
   */
  public KycReview submit(long customerId, KycSubmission submission) {
    if (submission == null) {
      throw PlatformException.invalid("document_type", "submission_required", "Nothing submitted");
    }
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    DocumentType type = submission.documentType();
    if (type == null) {
      throw PlatformException.invalid(
          "document_type",
          "document_type_required",
          "Choose HKID, PASSPORT, MAINLAND_ID or MACAU_ID");
    }
    String number = Documents.normalize(type, submission.documentNumber());
    String name = fullName(submission.fullName());
    LocalDate birthDate = birthDate(submission.dateOfBirth(), today);
    if (type == DocumentType.MAINLAND_ID
        && !Documents.mainlandBirthDate(number).equals(birthDate)) {
      throw PlatformException.invalid(
          "date_of_birth",
          "date_of_birth_mismatch",
          "The date of birth differs from the one in the identity card number");
    }
    Tier requested = submission.requestedTier();
    if (requested == null || requested == Tier.UNVERIFIED) {
      throw PlatformException.invalid(
          "requested_tier", "requested_tier_invalid", "Request INTERMEDIATE or ADVANCED");
    }
    long id = Ids.random();
    return database.transaction(
        connection -> {
          Customer customer =
              CustomerRows.lock(connection, customerId)
                  .orElseThrow(() -> PlatformException.notFound("customer"));
          if (customer.locked()) {
            throw new PlatformException(
                ErrorType.PERMISSION, "customer_locked", "This wallet is locked");
          }
          if (customer.tier().atLeast(requested)) {
            throw PlatformException.invalid(
                "requested_tier",
                "tier_not_higher",
                "The wallet is already " + customer.tier() + "; request a higher tier");
          }
          if (pendingFor(connection, customerId)) {
            throw new PlatformException(
                ErrorType.CONFLICT,
                "review_pending",
                "A verification is already waiting for review",
                "requested_tier");
          }
          requireDocumentFree(connection, type, number, customerId);
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO kyc_reviews ("
                      + COLUMNS
                      + ") VALUES"
                      + " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL)")) {
            insert.setLong(1, id);
            insert.setLong(2, customerId);
            insert.setString(3, KycStatus.PENDING.column());
            insert.setString(4, type.name());
            insert.setString(5, number);
            insert.setString(6, name);
            insert.setString(7, birthDate.toString());
            insert.setString(8, requested.name());
            insert.setString(9, customer.tier().name());
            insert.setLong(10, Micros.of(now));
            insert.executeUpdate();
          }
          return byId(connection, id).orElseThrow(AssertionError::new);
        });
  }

  /** The review, or NOT_FOUND. */
  public KycReview get(long reviewId) {
    return database
        .read(connection -> byId(connection, reviewId))
        .orElseThrow(() -> PlatformException.notFound("verification review"));
  }

  /** The customer's most recent review, if any: what the wallet shows as "verification status". */
  public Optional<KycReview> latest(long customerId) {
    return database.read(
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM kyc_reviews WHERE customer_id = ?"
                      // A pending review is always the newest: it can only be submitted once the
                      // others are decided (this also orders reviews sharing a timestamp).
                      + " ORDER BY CASE WHEN status = ? THEN 0 ELSE 1 END, submitted_at DESC,"
                      + " id DESC LIMIT 1")) {
            select.setLong(1, customerId);
            select.setString(2, KycStatus.PENDING.column());
            try (ResultSet row = select.executeQuery()) {
              return row.next() ? Optional.of(review(row)) : Optional.empty();
            }
          }
        });
  }

  /** The operator's queue, oldest first, at most {@link Page#LIMIT_MAX} per page. */
  public Page<KycReview> pending(int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM kyc_reviews WHERE status = ?"
            + (after == null ? "" : " AND (submitted_at > ? OR (submitted_at = ? AND id > ?))")
            + " ORDER BY submitted_at, id LIMIT ?";
    return database.read(
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            select.setString(index++, KycStatus.PENDING.column());
            if (after != null) {
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.atMicros());
              select.setLong(index++, after.id());
            }
            select.setInt(index, pageLimit + 1);
            List<KycReview> reviews = new ArrayList<>(pageLimit + 1);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) reviews.add(review(row));
            }
            if (reviews.size() <= pageLimit) return new Page<>(reviews, null);
            KycReview last = reviews.get(pageLimit - 1);
            return new Page<>(
                reviews.subList(0, pageLimit),
                new Cursor(Micros.of(last.submittedAt()), last.id()).encode());
          }
        });
  }

  /**
   * Approves a pending review: the customer's tier becomes the requested one, the action is
   * audited, and after the commit the tier listeners are told. Throws NOT_FOUND, CONFLICT {@code
   * review_decided} for a review already decided, CONFLICT {@code document_in_use}.
   */
  public KycReview approve(long reviewId, String operatorName, String note) {
    String operator = Operators.name(operatorName);
    String decisionNote = Operators.note("note", note);
    Instant now = clock.instant();
    // The review's customer never changes, so it is read before the transaction, whose first
    // statement is then the customer lock (customer before review, the order submit uses too).
    long customerId = get(reviewId).customerId();
    record Approval(KycReview review, CustomerRef before, CustomerRef after) {}
    Approval approval =
        database.transaction(
            connection -> {
              Customer before =
                  CustomerRows.lock(connection, customerId).orElseThrow(AssertionError::new);
              decide(connection, reviewId, KycStatus.APPROVED, operator, decisionNote, now);
              KycReview review = byId(connection, reviewId).orElseThrow(AssertionError::new);
              requireDocumentFree(
                  connection,
                  review.documentType(),
                  documentNumber(connection, reviewId),
                  customerId);
              Tier tier =
                  before.tier().atLeast(review.requestedTier())
                      ? before.tier()
                      : review.requestedTier();
              CustomerRows.setTier(connection, customerId, tier, now);
              AuditLog.append(
                  connection,
                  now,
                  operator,
                  AuditLog.KYC_APPROVE,
                  review.publicId(),
                  "customer "
                      + before.publicId()
                      + " tier "
                      + before.tier()
                      + " -> "
                      + tier
                      + (decisionNote == null ? "" : "; note: " + decisionNote));
              Customer after = CustomerRows.byId(connection, customerId).orElseThrow();
              return new Approval(review, before.ref(), after.ref());
            });
    if (approval.before().tier() != approval.after().tier()) {
      for (TierListener listener : listeners) {
        try {
          listener.onTierChanged(approval.before(), approval.after());
        } catch (RuntimeException failure) {
          LOG.log(
              Level.ERROR,
              "tier listener " + listener + " failed for " + approval.after().publicId(),
              failure);
        }
      }
    }
    return approval.review();
  }

  /**
   * Rejects a pending review with a reason the customer will see; audited. Throws INVALID_REQUEST
   * {@code reason_required}, NOT_FOUND, CONFLICT {@code review_decided}.
   */
  public KycReview reject(long reviewId, String operatorName, String reason) {
    String operator = Operators.name(operatorName);
    String why = Operators.note("reason", reason);
    if (why == null) {
      throw PlatformException.invalid(
          "reason", "reason_required", "Say why the verification is rejected");
    }
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          decide(connection, reviewId, KycStatus.REJECTED, operator, why, now);
          KycReview review = byId(connection, reviewId).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              operator,
              AuditLog.KYC_REJECT,
              review.publicId(),
              "customer " + review.customerPublicId() + "; reason: " + why);
          return review;
        });
  }

  private void decide(
      Connection connection,
      long reviewId,
      KycStatus status,
      String operator,
      String note,
      Instant now)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE kyc_reviews SET status = ?, decided_at = ?, decided_by = ?, decision_note = ?"
                + " WHERE id = ? AND status = ?")) {
      update.setString(1, status.column());
      update.setLong(2, Micros.of(now));
      update.setString(3, operator);
      update.setString(4, note);
      update.setLong(5, reviewId);
      update.setString(6, KycStatus.PENDING.column());
      if (update.executeUpdate() == 1) return;
    }
    KycReview review =
        byId(connection, reviewId)
            .orElseThrow(() -> PlatformException.notFound("verification review"));
    throw new PlatformException(
        ErrorType.CONFLICT,
        "review_decided",
        "The review was already " + review.status().column() + " by " + review.decidedBy());
  }

  private static boolean pendingFor(Connection connection, long customerId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM kyc_reviews WHERE customer_id = ? AND status = ?")) {
      select.setLong(1, customerId);
      select.setString(2, KycStatus.PENDING.column());
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  /** One document verifies one wallet: refuse it when another customer's approval used it. */
  private static void requireDocumentFree(
      Connection connection, DocumentType type, String number, long customerId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT 1 FROM kyc_reviews WHERE document_type = ? AND document_number = ?"
                + " AND status = ? AND customer_id <> ?")) {
      select.setString(1, type.name());
      select.setString(2, number);
      select.setString(3, KycStatus.APPROVED.column());
      select.setLong(4, customerId);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          throw new PlatformException(
              ErrorType.CONFLICT,
              "document_in_use",
              "This document already verifies another wallet",
              "document_number");
        }
      }
    }
  }

  private static String documentNumber(Connection connection, long reviewId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT document_number FROM kyc_reviews WHERE id = ?")) {
      select.setLong(1, reviewId);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  private static Optional<KycReview> byId(Connection connection, long reviewId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM kyc_reviews WHERE id = ?")) {
      select.setLong(1, reviewId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(review(row)) : Optional.empty();
      }
    }
  }

  private static KycReview review(ResultSet row) throws SQLException {
    long decidedAt = row.getLong(11);
    boolean undecided = row.wasNull();
    return new KycReview(
        row.getLong(1),
        row.getLong(2),
        KycStatus.ofColumn(row.getString(3)),
        DocumentType.valueOf(row.getString(4)),
        Documents.mask(row.getString(5)),
        row.getString(6),
        LocalDate.parse(row.getString(7)),
        Tier.valueOf(row.getString(8)),
        Tier.valueOf(row.getString(9)),
        Micros.toInstant(row.getLong(10)),
        Micros.toInstantOrNull(decidedAt, undecided),
        row.getString(12),
        row.getString(13));
  }

  private static String fullName(String raw) {
    String name = raw == null ? "" : raw.strip().replaceAll("\\s+", " ");
    int length = name.codePointCount(0, name.length());
    if (length < NAME_LENGTH_MIN || length > NAME_LENGTH_MAX) {
      throw PlatformException.invalid(
          "full_name",
          "full_name_invalid",
          "The full name is " + NAME_LENGTH_MIN + " to " + NAME_LENGTH_MAX + " characters");
    }
    // Letters of any script (Chinese names), combining marks, and the punctuation names use.
    if (!name.matches("[\\p{L}\\p{M} .,'’\\-·・]+")
        || !name.codePoints().anyMatch(Character::isLetter)) {
      throw PlatformException.invalid(
          "full_name",
          "full_name_invalid",
          "The full name may hold letters, spaces, hyphens, apostrophes and dots only");
    }
    return name;
  }

  private static LocalDate birthDate(LocalDate date, LocalDate today) {
    if (date == null) {
      throw PlatformException.invalid(
          "date_of_birth", "date_of_birth_required", "The date of birth is required");
    }
    if (date.isAfter(today) || date.isBefore(BIRTH_DATE_MIN)) {
      throw PlatformException.invalid(
          "date_of_birth",
          "date_of_birth_invalid",
          "The date of birth must be between " + BIRTH_DATE_MIN + " and today");
    }
    if (Period.between(date, today).getYears() < AGE_MIN_YEARS) {
      throw PlatformException.invalid(
          "date_of_birth",
          "too_young",
          "Identity verification is open from the age of " + AGE_MIN_YEARS);
    }
    return date;
  }
}

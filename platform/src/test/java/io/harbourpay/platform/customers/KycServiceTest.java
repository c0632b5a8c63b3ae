package io.harbourpay.platform.customers;

import static io.harbourpay.platform.customers.OtpServiceTest.fails;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.Tier;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KycServiceTest {
  static final LocalDate BORN = LocalDate.of(1990, 5, 17);
  static final KycSubmission HKID =
      new KycSubmission(DocumentType.HKID, "A123456(3)", "Chan Tai Man", BORN, Tier.INTERMEDIATE);

  record Change(CustomerRef before, CustomerRef after) {}

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void approvalRaisesTheTierTellsListenersAndIsAudited(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      List<Change> changes = new ArrayList<>();
      f.kyc.addTierListener((before, after) -> changes.add(new Change(before, after)));
      f.kyc.addTierListener(
          (before, after) -> {
            throw new IllegalStateException("a broken listener does not stop the others");
          });
      f.kyc.addTierListener((before, after) -> changes.add(new Change(before, after)));
      Customer customer = f.login("+85291234567").customer();

      KycReview review = f.kyc.submit(customer.id(), HKID);
      assertThat(review.publicId()).startsWith("kyc_");
      assertThat(review.status()).isEqualTo(KycStatus.PENDING);
      assertThat(review.documentNumberMasked()).isEqualTo("****4563");
      assertThat(review.tierBefore()).isEqualTo(Tier.UNVERIFIED);
      assertThat(review.toString()).doesNotContain("A1234563");
      assertThat(f.kyc.latest(customer.id())).contains(review);

      f.clock.advance(Duration.ofHours(1));
      KycReview approved =
          f.kyc.approve(review.id(), "ops.alice", "document checked by video call");
      assertThat(approved.status()).isEqualTo(KycStatus.APPROVED);
      assertThat(approved.decidedBy()).isEqualTo("ops.alice");
      assertThat(approved.decidedAt()).isEqualTo(f.clock.instant());
      assertThat(f.customers.get(customer.id()).tier()).isEqualTo(Tier.INTERMEDIATE);

      CustomerRef after =
          new CustomerRef(customer.id(), customer.phone(), Tier.INTERMEDIATE, false);
      assertThat(changes)
          .containsExactly(new Change(customer.ref(), after), new Change(customer.ref(), after));

      List<AuditEntry> audit = f.audit.list(null, 10, null).items();
      assertThat(audit).hasSize(1);
      assertThat(audit.get(0))
          .extracting(AuditEntry::actor, AuditEntry::action, AuditEntry::target, AuditEntry::at)
          .containsExactly("ops.alice", AuditLog.KYC_APPROVE, review.publicId(), f.clock.instant());
      assertThat(audit.get(0).detail())
          .contains(customer.publicId(), "UNVERIFIED -> INTERMEDIATE", "video call");

      fails(
          () -> f.kyc.approve(review.id(), "ops.bob", null), ErrorType.CONFLICT, "review_decided");
      fails(
          () -> f.kyc.reject(review.id(), "ops.bob", "late"), ErrorType.CONFLICT, "review_decided");
      fails(
          () -> f.kyc.approve(review.id() + 1, "ops.bob", null),
          ErrorType.NOT_FOUND,
          "resource_missing");

      // The next step up is ADVANCED; asking for INTERMEDIATE again is refused.
      assertThatThrownBy(() -> f.kyc.submit(customer.id(), HKID))
          .extracting("code", "param")
          .containsExactly("tier_not_higher", "requested_tier");
      KycReview advanced =
          f.kyc.submit(
              customer.id(),
              new KycSubmission(
                  DocumentType.PASSPORT, "K12345678", "Chan Tai Man", BORN, Tier.ADVANCED));
      f.kyc.approve(advanced.id(), "ops.alice", null);
      assertThat(changes.get(changes.size() - 1).after().tier()).isEqualTo(Tier.ADVANCED);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void rejectionKeepsTheTierAndAllowsANewSubmission(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      List<Change> changes = new ArrayList<>();
      f.kyc.addTierListener((before, after) -> changes.add(new Change(before, after)));
      long id = f.login("+85291234567").customer().id();
      KycReview review = f.kyc.submit(id, HKID);
      fails(() -> f.kyc.submit(id, HKID), ErrorType.CONFLICT, "review_pending");
      fails(
          () -> f.kyc.reject(review.id(), "ops.alice", " "),
          ErrorType.INVALID_REQUEST,
          "reason_required");

      KycReview rejected = f.kyc.reject(review.id(), "ops.alice", "photo unreadable");
      assertThat(rejected.status()).isEqualTo(KycStatus.REJECTED);
      assertThat(rejected.decisionNote()).isEqualTo("photo unreadable");
      assertThat(f.customers.get(id).tier()).isEqualTo(Tier.UNVERIFIED);
      assertThat(changes).isEmpty();
      assertThat(f.audit.list(review.publicId(), 10, null).items())
          .singleElement()
          .satisfies(
              entry -> {
                assertThat(entry.action()).isEqualTo(AuditLog.KYC_REJECT);
                assertThat(entry.detail()).contains("photo unreadable");
              });

      KycReview again = f.kyc.submit(id, HKID);
      assertThat(f.kyc.latest(id)).contains(again);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void oneDocumentVerifiesOneWallet(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long first = f.login("+85291234567").customer().id();
      long second = f.login("+85291234568").customer().id();
      KycReview mine = f.kyc.submit(first, HKID);
      KycReview theirs = f.kyc.submit(second, HKID);
      f.kyc.approve(mine.id(), "ops.alice", null);
      fails(
          () -> f.kyc.approve(theirs.id(), "ops.alice", null),
          ErrorType.CONFLICT,
          "document_in_use");
      assertThat(f.kyc.get(theirs.id()).status()).as("rolled back").isEqualTo(KycStatus.PENDING);
      f.kyc.reject(theirs.id(), "ops.alice", "document belongs to another wallet");
      fails(() -> f.kyc.submit(second, HKID), ErrorType.CONFLICT, "document_in_use");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void theQueueIsOldestFirstWithCursorPages(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      List<Long> submitted = new ArrayList<>();
      for (int index = 0; index < 5; index++) {
        long id = f.login(String.format("+852 9100 %04d", index)).customer().id();
        String passport = String.format("P%07d", index);
        submitted.add(
            f.kyc
                .submit(
                    id,
                    new KycSubmission(
                        DocumentType.PASSPORT, passport, "Wong Siu Ming", BORN, Tier.ADVANCED))
                .id());
        if (index % 2 == 0) f.clock.advance(Duration.ofSeconds(1)); // some share a timestamp
      }
      f.kyc.approve(submitted.get(1), "ops.alice", null);
      List<Long> seen = new ArrayList<>();
      Page<KycReview> page = f.kyc.pending(2, null);
      int pages = 1;
      seen.addAll(page.items().stream().map(KycReview::id).toList());
      while (page.hasMore()) {
        page = f.kyc.pending(2, page.nextCursor());
        pages++;
        seen.addAll(page.items().stream().map(KycReview::id).toList());
      }
      assertThat(pages).isEqualTo(2);
      assertThat(seen)
          .containsExactlyInAnyOrder(
              submitted.get(0), submitted.get(2), submitted.get(3), submitted.get(4));
      assertThat(seen.get(0)).isEqualTo(submitted.get(0));
      fails(() -> f.kyc.pending(2, "not-a-cursor!"), ErrorType.INVALID_REQUEST, "cursor_invalid");
      fails(() -> f.kyc.pending(0, null), ErrorType.INVALID_REQUEST, "limit_invalid");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.customers.Fixture#stores")
  void lockedOrUnknownCustomersCannotSubmit(Kind kind) {
    try (Fixture f = new Fixture(kind)) {
      long id = f.login("+85291234567").customer().id();
      f.customers.lock(id, "ops.alice", null);
      fails(() -> f.kyc.submit(id, HKID), ErrorType.PERMISSION, "customer_locked");
      fails(() -> f.kyc.submit(id + 1, HKID), ErrorType.NOT_FOUND, "resource_missing");
    }
  }

  static Stream<Arguments> invalidSubmissions() {
    LocalDate today = LocalDate.of(2025, 3, 1); // the fixture clock, in Hong Kong
    return Stream.of(
        Arguments.of(
            new KycSubmission(null, "A123456(3)", "Chan Tai Man", BORN, Tier.INTERMEDIATE),
            "document_type",
            "document_type_required"),
        Arguments.of(
            new KycSubmission(DocumentType.HKID, null, "Chan Tai Man", BORN, Tier.INTERMEDIATE),
            "document_number",
            "document_number_required"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID, "A123456(4)", "Chan Tai Man", BORN, Tier.INTERMEDIATE),
            "document_number",
            "document_number_invalid"),
        Arguments.of(
            new KycSubmission(DocumentType.HKID, "A123456(3)", "C", BORN, Tier.INTERMEDIATE),
            "full_name",
            "full_name_invalid"),
        Arguments.of(
            new KycSubmission(DocumentType.HKID, "A123456(3)", "R2-D2", BORN, Tier.INTERMEDIATE),
            "full_name",
            "full_name_invalid"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID, "A123456(3)", "x".repeat(101), BORN, Tier.INTERMEDIATE),
            "full_name",
            "full_name_invalid"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID, "A123456(3)", "Chan Tai Man", null, Tier.INTERMEDIATE),
            "date_of_birth",
            "date_of_birth_required"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID,
                "A123456(3)",
                "Chan Tai Man",
                today.plusDays(1),
                Tier.INTERMEDIATE),
            "date_of_birth",
            "date_of_birth_invalid"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID,
                "A123456(3)",
                "Chan Tai Man",
                LocalDate.of(1899, 12, 31),
                Tier.INTERMEDIATE),
            "date_of_birth",
            "date_of_birth_invalid"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID,
                "A123456(3)",
                "Chan Tai Man",
                today.minusYears(18).plusDays(1),
                Tier.INTERMEDIATE),
            "date_of_birth",
            "too_young"),
        Arguments.of(
            new KycSubmission(
                DocumentType.MAINLAND_ID, "11010519491231002X", "王小明", BORN, Tier.INTERMEDIATE),
            "date_of_birth",
            "date_of_birth_mismatch"),
        Arguments.of(
            new KycSubmission(DocumentType.HKID, "A123456(3)", "Chan Tai Man", BORN, null),
            "requested_tier",
            "requested_tier_invalid"),
        Arguments.of(
            new KycSubmission(
                DocumentType.HKID, "A123456(3)", "Chan Tai Man", BORN, Tier.UNVERIFIED),
            "requested_tier",
            "requested_tier_invalid"));
  }

  @ParameterizedTest(name = "{1}: {2}")
  @MethodSource("invalidSubmissions")
  void validationErrorsNameTheField(KycSubmission submission, String param, String code) {
    try (Fixture f = new Fixture(io.harbourpay.ledger.testing.TestStores.Kind.SQLITE)) {
      long id = f.login("+85291234567").customer().id();
      assertThatThrownBy(() -> f.kyc.submit(id, submission))
          .isInstanceOfSatisfying(
              PlatformException.class,
              failure -> {
                assertThat(failure.type()).isEqualTo(ErrorType.INVALID_REQUEST);
                assertThat(failure.param()).isEqualTo(param);
                assertThat(failure.code()).isEqualTo(code);
              });
      assertThat(f.kyc.latest(id)).isEmpty();
    }
  }

  @Test
  void exactlyEighteenTodayMayApply() {
    try (Fixture f = new Fixture(io.harbourpay.ledger.testing.TestStores.Kind.SQLITE)) {
      long id = f.login("+85291234567").customer().id();
      LocalDate eighteenToday = LocalDate.of(2025, 3, 1).minusYears(KycService.AGE_MIN_YEARS);
      KycReview review =
          f.kyc.submit(
              id,
              new KycSubmission(
                  DocumentType.MAINLAND_ID,
                  mainlandId(eighteenToday),
                  "王小明",
                  eighteenToday,
                  Tier.ADVANCED));
      assertThat(review.fullName()).isEqualTo("王小明");
      assertThat(review.dateOfBirth()).isEqualTo(eighteenToday);
    }
  }

  /** A valid mainland number for a birth date: region 110105, sequence 001, check computed. */
  static String mainlandId(LocalDate born) {
    String body = "110105" + born.toString().replace("-", "") + "001";
    for (char check : "0123456789X".toCharArray()) {
      if (Documents.mainlandCheckValid(body + check)) return body + check;
    }
    throw new AssertionError();
  }
}

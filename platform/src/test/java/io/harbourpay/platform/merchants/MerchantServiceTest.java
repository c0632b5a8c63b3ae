package io.harbourpay.platform.merchants;

import static io.harbourpay.platform.merchants.MerchantFixture.OPERATOR;
import static io.harbourpay.platform.merchants.MerchantFixture.merchant;
import static io.harbourpay.platform.merchants.MerchantFixture.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.harbourpay.ledger.testing.TestStores.Kind;
import io.harbourpay.platform.ErrorType;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.AuditEntry;
import io.harbourpay.platform.customers.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MerchantServiceTest {

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void onboardChangeFeeSuspendAllAudited(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant created = f.merchants.onboard(merchant("Harbour Mart Limited"), OPERATOR);
      assertThat(created.publicId()).startsWith("mch_");
      assertThat(created.status()).isEqualTo(MerchantStatus.ACTIVE);
      assertThat(created.bankAccountNumber()).isEqualTo("123456789001");
      assertThat(created.bankAccountMasked()).isEqualTo("********9001");
      assertThat(f.merchants.get(created.id())).isEqualTo(created);

      f.clock.advance(Duration.ofMinutes(1));
      Merchant repriced = f.merchants.setDiscountRate(created.id(), 95, "ops.bob");
      assertThat(repriced.discountRateBps()).isEqualTo(95);
      f.clock.advance(Duration.ofMinutes(1));
      Merchant suspended = f.merchants.suspend(created.id(), OPERATOR, "chargebacks");
      assertThat(suspended.status()).isEqualTo(MerchantStatus.SUSPENDED);
      f.clock.advance(Duration.ofMinutes(1));
      assertThat(f.merchants.activate(created.id(), OPERATOR, null).active()).isTrue();

      List<AuditEntry> audit = f.audit.list(created.publicId(), 10, null).items();
      assertThat(audit)
          .extracting(AuditEntry::action)
          .containsExactly(
              MerchantService.AUDIT_ACTIVATE,
              MerchantService.AUDIT_SUSPEND,
              MerchantService.AUDIT_FEE_CHANGE,
              MerchantService.AUDIT_ONBOARD);
      assertThat(audit.get(2).actor()).isEqualTo("ops.bob");
      assertThat(audit.get(2).detail()).isEqualTo("discount rate 120 -> 95 bps");
      assertThat(audit.get(1).detail()).contains("chargebacks");
      assertThat(audit.get(3).detail()).contains("********9001").doesNotContain("123456789001");

      // A refused change writes nothing, audit included.
      assertThatThrownBy(() -> f.merchants.setDiscountRate(created.id(), 10_001, OPERATOR))
          .hasFieldOrPropertyWithValue("param", "discount_rate_bps");
      assertThatThrownBy(() -> f.merchants.setDiscountRate(created.id() + 1, 10, OPERATOR))
          .isInstanceOfSatisfying(
              PlatformException.class,
              failure -> assertThat(failure.type()).isEqualTo(ErrorType.NOT_FOUND));
      assertThatThrownBy(() -> f.merchants.onboard(merchant("No Operator"), " "))
          .hasFieldOrPropertyWithValue("code", "operator_required");
      assertThat(f.count("SELECT COUNT(*) FROM audit_log")).isEqualTo(4);
      assertThat(f.count("SELECT COUNT(*) FROM merchants")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void merchantsAndStoresArePagedByCursor(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      List<Long> onboarded = new ArrayList<>();
      for (int index = 0; index < 5; index++) {
        onboarded.add(f.merchants.onboard(merchant("Merchant " + index), OPERATOR).id());
        f.clock.advance(Duration.ofSeconds(1));
      }
      List<Long> seen = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        Page<Merchant> page = f.merchants.list(2, cursor);
        page.items().forEach(merchant -> seen.add(merchant.id()));
        cursor = page.nextCursor();
        pages++;
      } while (cursor != null);
      assertThat(seen).isEqualTo(onboarded);
      assertThat(pages).isEqualTo(3);
      assertThatThrownBy(() -> f.merchants.list(2, "not-a-cursor"))
          .hasFieldOrPropertyWithValue("code", "cursor_invalid");
      assertThatThrownBy(() -> f.merchants.list(0, null))
          .hasFieldOrPropertyWithValue("code", "limit_invalid");

      // Stores imported at one instant page by id without loss or repeat.
      long chain = onboarded.get(0);
      List<Store> imported =
          f.merchants.importStores(
              chain,
              IntStream.range(0, 250).mapToObj(index -> store("Shop " + index)).toList(),
              2,
              OPERATOR);
      List<Long> storeIds = new ArrayList<>();
      cursor = null;
      do {
        Page<Store> page = f.merchants.stores(chain, 100, cursor);
        page.items().forEach(store -> storeIds.add(store.id()));
        cursor = page.nextCursor();
      } while (cursor != null);
      assertThat(storeIds)
          .containsExactlyInAnyOrderElementsOf(imported.stream().map(Store::id).toList());
      assertThat(f.merchants.storeCount(chain)).isEqualTo(250);
      assertThat(f.count("SELECT COUNT(*) FROM terminals WHERE merchant_id = ?", chain))
          .isEqualTo(500);
      assertThat(f.merchants.terminals(chain, imported.get(7).id(), 10, null).items())
          .extracting(Terminal::label)
          .containsExactlyInAnyOrder("Till 1", "Till 2");
    }
  }

  @ParameterizedTest
  @MethodSource("io.harbourpay.platform.merchants.MerchantFixture#stores")
  void storesAndTerminalsBelongToTheirMerchantOnly(Kind kind) {
    try (MerchantFixture f = new MerchantFixture(kind)) {
      Merchant mine = f.merchants.onboard(merchant("Mine"), OPERATOR);
      Merchant theirs = f.merchants.onboard(merchant("Theirs"), OPERATOR);
      f.clock.advance(Duration.ofMinutes(1));
      Store store = f.merchants.addStore(mine.id(), store("Central"), OPERATOR);
      assertThat(store.publicId()).startsWith("str_");
      assertThat(store.nameZh()).isEqualTo("測試店 Central");
      f.clock.advance(Duration.ofMinutes(1));
      Terminal till = f.merchants.addTerminal(mine.id(), store.id(), "Till 1", OPERATOR);
      assertThat(till.publicId()).startsWith("trm_");
      assertThat(till.status()).isEqualTo(Terminal.Status.ACTIVE);

      assertThat(f.merchants.store(mine.id(), store.id())).isEqualTo(store);
      assertThatThrownBy(() -> f.merchants.store(theirs.id(), store.id()))
          .hasFieldOrPropertyWithValue("code", "resource_missing");
      assertThatThrownBy(() -> f.merchants.terminals(theirs.id(), store.id(), 10, null))
          .hasFieldOrPropertyWithValue("code", "resource_missing");
      assertThatThrownBy(
              () -> f.merchants.addTerminal(theirs.id(), store.id(), "Sneaky till", OPERATOR))
          .hasFieldOrPropertyWithValue("code", "resource_missing");
      assertThat(f.merchants.stores(theirs.id(), 10, null).items()).isEmpty();
      assertThat(f.count("SELECT COUNT(*) FROM terminals")).isEqualTo(1);
      assertThat(f.audit.list(mine.publicId(), 10, null).items())
          .extracting(AuditEntry::action)
          .containsExactly(
              MerchantService.AUDIT_TERMINAL_ADD,
              MerchantService.AUDIT_STORE_ADD,
              MerchantService.AUDIT_ONBOARD);
      assertThatThrownBy(() -> f.merchants.importStores(mine.id(), List.of(), 2, OPERATOR))
          .hasFieldOrPropertyWithValue("code", "stores_invalid");
      assertThatThrownBy(
              () ->
                  f.merchants.importStores(
                      mine.id(),
                      List.of(store("ok"), new NewStore("bad", null, "addr", "d")),
                      2,
                      OPERATOR))
          .hasFieldOrPropertyWithValue("param", "name_zh");
      assertThat(f.merchants.storeCount(mine.id())).isEqualTo(1);
    }
  }
}

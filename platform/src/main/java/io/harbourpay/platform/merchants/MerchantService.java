package io.harbourpay.platform.merchants;

import io.harbourpay.platform.Cursor;
import io.harbourpay.platform.Ids;
import io.harbourpay.platform.PlatformException;
import io.harbourpay.platform.customers.AuditLog;
import io.harbourpay.platform.customers.Page;
import io.harbourpay.platform.db.Database;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Merchants, their stores and terminals: onboarding, the operator's changes (fee rate, suspension),
 * and lookups. Every operator action writes its audit row in the same transaction. Reads of a store
 * or terminal are scoped to a merchant, so one merchant's ids are "not found" for another.
 */
public final class MerchantService {
  public static final String AUDIT_ONBOARD = "merchant.onboard";
  public static final String AUDIT_SUSPEND = "merchant.suspend";
  public static final String AUDIT_ACTIVATE = "merchant.activate";
  public static final String AUDIT_FEE_CHANGE = "merchant.fee_change";
  public static final String AUDIT_FPS_ID_CHANGE = "merchant.fps_id_change";
  public static final String AUDIT_STORE_ADD = "merchant.store_add";
  public static final String AUDIT_STORES_IMPORT = "merchant.stores_import";
  public static final String AUDIT_TERMINAL_ADD = "merchant.terminal_add";

  /** Stores per import call: a chain's list goes in a few calls, each one transaction. */
  public static final int IMPORT_STORES_MAX = 1_000;

  /** Terminals created with each imported store. */
  public static final int IMPORT_TERMINALS_PER_STORE_MAX = 20;

  /** Rows per JDBC batch. */
  static final int BATCH_ROWS_MAX = 500;

  static final int ACTOR_LENGTH_MAX = 100;

  private final Database database;
  private final Clock clock;
  private final MerchantKeyCache keyCache;

  public MerchantService(Database database, Clock clock, MerchantKeyCache keyCache) {
    this.database = database;
    this.clock = clock;
    this.keyCache = keyCache;
  }

  /** Onboards a merchant, active, with the fee rate given; audited. */
  public Merchant onboard(NewMerchant input, String operator) {
    String actor = actor(operator);
    NewMerchant merchant = MerchantRules.merchant(input);
    long id = Ids.random();
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          MerchantRows.insertMerchant(connection, id, merchant, now);
          Merchant created = MerchantRows.merchant(connection, id).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              actor,
              AUDIT_ONBOARD,
              created.publicId(),
              created.legalName()
                  + "; mcc "
                  + created.mcc()
                  + "; "
                  + created.country()
                  + "; settles "
                  + created.settlementCurrency()
                  + " to "
                  + created.bankCode()
                  + "-"
                  + created.bankAccountMasked()
                  + "; discount rate "
                  + created.discountRateBps()
                  + " bps");
          return created;
        });
  }

  /** The merchant, or NOT_FOUND. */
  public Merchant get(long merchantId) {
    return database
        .read(connection -> MerchantRows.merchant(connection, merchantId))
        .orElseThrow(() -> PlatformException.notFound("merchant"));
  }

  /** Merchants, oldest first. */
  public Page<Merchant> list(int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    return database.read(connection -> MerchantRows.merchants(connection, pageLimit, after));
  }

  /**
   * Suspends the merchant: its API keys are refused from now on (on every node within the cache's
   * refresh interval). Audited.
   */
  public Merchant suspend(long merchantId, String operator, String reason) {
    return setStatus(merchantId, MerchantStatus.SUSPENDED, operator, reason);
  }

  /** Lifts a suspension; audited. */
  public Merchant activate(long merchantId, String operator, String reason) {
    return setStatus(merchantId, MerchantStatus.ACTIVE, operator, reason);
  }

  private Merchant setStatus(
      long merchantId, MerchantStatus status, String operator, String reason) {
    String actor = actor(operator);
    Instant now = clock.instant();
    Merchant changed =
        database.transaction(
            connection -> {
              Merchant before =
                  MerchantRows.lockMerchant(connection, merchantId)
                      .orElseThrow(() -> PlatformException.notFound("merchant"));
              MerchantRows.updateMerchant(connection, merchantId, "status", status.wireName(), now);
              String detail =
                  (before.status() == status ? "no change: already " : "")
                      + status.wireName()
                      + (reason == null || reason.isBlank() ? "" : "; reason: " + reason.strip());
              AuditLog.append(
                  connection,
                  now,
                  actor,
                  status == MerchantStatus.SUSPENDED ? AUDIT_SUSPEND : AUDIT_ACTIVATE,
                  before.publicId(),
                  detail);
              return MerchantRows.merchant(connection, merchantId).orElseThrow(AssertionError::new);
            });
    keyCache.refresh();
    return changed;
  }

  /** Sets the merchant discount rate for payments from now on; audited with the old rate. */
  public Merchant setDiscountRate(long merchantId, Integer discountRateBps, String operator) {
    int bps = MerchantRules.discountRateBps(discountRateBps);
    return updateAudited(
        merchantId,
        operator,
        "discount_rate_bps",
        bps,
        AUDIT_FEE_CHANGE,
        before -> "discount rate " + before.discountRateBps() + " -> " + bps + " bps");
  }

  /**
   * Sets (or with null, removes) the merchant's FPS identifier, which its static store stickers
   * carry in template 26 from now on; audited with the old and new value.
   */
  public Merchant setFpsId(long merchantId, String fpsId, String operator) {
    String value = MerchantRules.fpsId(fpsId);
    return updateAudited(
        merchantId,
        operator,
        "fps_id",
        value,
        AUDIT_FPS_ID_CHANGE,
        before -> "fps id " + before.fpsId() + " -> " + value);
  }

  private Merchant updateAudited(
      long merchantId,
      String operator,
      String column,
      Object value,
      String auditAction,
      java.util.function.Function<Merchant, String> detail) {
    String actor = actor(operator);
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          Merchant before =
              MerchantRows.lockMerchant(connection, merchantId)
                  .orElseThrow(() -> PlatformException.notFound("merchant"));
          MerchantRows.updateMerchant(connection, merchantId, column, value, now);
          AuditLog.append(
              connection, now, actor, auditAction, before.publicId(), detail.apply(before));
          return MerchantRows.merchant(connection, merchantId).orElseThrow(AssertionError::new);
        });
  }

  /** Adds a store to the merchant; audited. */
  public Store addStore(long merchantId, NewStore input, String operator) {
    String actor = actor(operator);
    NewStore store = MerchantRules.store(input);
    long id = Ids.random();
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          Merchant merchant =
              MerchantRows.lockMerchant(connection, merchantId)
                  .orElseThrow(() -> PlatformException.notFound("merchant"));
          MerchantRows.insertStore(connection, id, merchantId, store, now);
          Store created =
              MerchantRows.store(connection, merchantId, id).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              actor,
              AUDIT_STORE_ADD,
              merchant.publicId(),
              created.publicId() + " " + created.nameEn() + " / " + created.nameZh());
          return created;
        });
  }

  /**
   * Adds many stores at once, each with {@code terminalsPerStore} tills labelled "Till 1", "Till
   * 2", …: batched inserts in one transaction, one audit row. For onboarding a chain.
   *
   * @return the stores created, in the order given
   */
  public List<Store> importStores(
      long merchantId, List<NewStore> inputs, int terminalsPerStore, String operator) {
    String actor = actor(operator);
    if (inputs.isEmpty() || inputs.size() > IMPORT_STORES_MAX) {
      throw PlatformException.invalid(
          "stores", "stores_invalid", "Import 1 to " + IMPORT_STORES_MAX + " stores at a time");
    }
    if (terminalsPerStore < 0 || terminalsPerStore > IMPORT_TERMINALS_PER_STORE_MAX) {
      throw PlatformException.invalid(
          "terminals_per_store",
          "terminals_per_store_invalid",
          "terminals_per_store is 0 to " + IMPORT_TERMINALS_PER_STORE_MAX);
    }
    List<NewStore> stores = new ArrayList<>(inputs.size());
    for (NewStore input : inputs) stores.add(MerchantRules.store(input));
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          Merchant merchant =
              MerchantRows.lockMerchant(connection, merchantId)
                  .orElseThrow(() -> PlatformException.notFound("merchant"));
          List<Store> created = new ArrayList<>(stores.size());
          try (PreparedStatement storeInsert =
                  connection.prepareStatement(MerchantRows.insertStoreSql());
              PreparedStatement terminalInsert =
                  connection.prepareStatement(MerchantRows.insertTerminalSql())) {
            int pending = 0;
            for (NewStore store : stores) {
              long storeId = Ids.random();
              MerchantRows.bindStore(storeInsert, storeId, merchantId, store, now);
              storeInsert.addBatch();
              created.add(
                  new Store(
                      storeId,
                      merchantId,
                      store.nameEn(),
                      store.nameZh(),
                      store.address(),
                      store.district(),
                      now));
              for (int till = 1; till <= terminalsPerStore; till++) {
                MerchantRows.bindTerminal(
                    terminalInsert, Ids.random(), merchantId, storeId, "Till " + till, now);
                terminalInsert.addBatch();
              }
              if (++pending == BATCH_ROWS_MAX / Math.max(1, terminalsPerStore)) {
                storeInsert.executeBatch();
                terminalInsert.executeBatch();
                pending = 0;
              }
            }
            // Stores before terminals: the terminals' foreign keys point at them.
            storeInsert.executeBatch();
            terminalInsert.executeBatch();
          }
          AuditLog.append(
              connection,
              now,
              actor,
              AUDIT_STORES_IMPORT,
              merchant.publicId(),
              stores.size() + " stores with " + terminalsPerStore + " terminals each");
          return created;
        });
  }

  /** The merchant's store, or NOT_FOUND (also for another merchant's store). */
  public Store store(long merchantId, long storeId) {
    return database
        .read(connection -> MerchantRows.store(connection, merchantId, storeId))
        .orElseThrow(() -> PlatformException.notFound("store"));
  }

  /** The merchant's terminal, or NOT_FOUND (also for another merchant's terminal). */
  public Terminal terminal(long merchantId, long terminalId) {
    return database
        .read(connection -> MerchantRows.terminal(connection, merchantId, terminalId))
        .orElseThrow(() -> PlatformException.notFound("terminal"));
  }

  /** The merchant's stores, oldest first. */
  public Page<Store> stores(long merchantId, int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    return database.read(
        connection -> MerchantRows.stores(connection, merchantId, pageLimit, after));
  }

  public long storeCount(long merchantId) {
    return database.read(
        connection ->
            MerchantRows.count(
                connection, "SELECT COUNT(*) FROM stores WHERE merchant_id = ?", merchantId));
  }

  /** Adds a till to one of the merchant's stores; audited. */
  public Terminal addTerminal(long merchantId, long storeId, String label, String operator) {
    String actor = actor(operator);
    String checkedLabel = MerchantRules.terminalLabel(label);
    long id = Ids.random();
    Instant now = clock.instant();
    return database.transaction(
        connection -> {
          Merchant merchant =
              MerchantRows.lockMerchant(connection, merchantId)
                  .orElseThrow(() -> PlatformException.notFound("merchant"));
          Store store =
              MerchantRows.store(connection, merchantId, storeId)
                  .orElseThrow(() -> PlatformException.notFound("store"));
          try (PreparedStatement insert =
              connection.prepareStatement(MerchantRows.insertTerminalSql())) {
            MerchantRows.bindTerminal(insert, id, merchantId, storeId, checkedLabel, now);
            insert.executeUpdate();
          }
          Terminal created =
              MerchantRows.terminal(connection, merchantId, id).orElseThrow(AssertionError::new);
          AuditLog.append(
              connection,
              now,
              actor,
              AUDIT_TERMINAL_ADD,
              merchant.publicId(),
              created.publicId() + " " + checkedLabel + " in " + store.publicId());
          return created;
        });
  }

  /** The terminals of one of the merchant's stores, oldest first; NOT_FOUND for another's store. */
  public Page<Terminal> terminals(long merchantId, long storeId, int limit, String afterCursor) {
    int pageLimit = Cursor.limit(limit);
    Cursor after = Cursor.decode(afterCursor);
    return database.read(
        connection -> {
          if (MerchantRows.store(connection, merchantId, storeId).isEmpty()) {
            throw PlatformException.notFound("store");
          }
          return MerchantRows.terminals(connection, merchantId, storeId, pageLimit, after);
        });
  }

  /** Who acted, as the audit log records it: an operator's name or {@code merchant:mch_…}. */
  static String actor(String name) {
    String actor = name == null ? "" : name.strip();
    if (actor.isEmpty() || actor.length() > ACTOR_LENGTH_MAX) {
      throw PlatformException.invalid(
          "operator",
          "operator_required",
          "Name who takes the action (1 to " + ACTOR_LENGTH_MAX + " characters)");
    }
    return actor;
  }
}

package io.harbourpay.server.app;

import io.harbourpay.platform.Ids;
import io.harbourpay.platform.Platform;
import io.harbourpay.platform.Tier;
import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.customers.DemoSmsGateway;
import io.harbourpay.platform.customers.DocumentType;
import io.harbourpay.platform.customers.KycReview;
import io.harbourpay.platform.customers.KycSubmission;
import io.harbourpay.platform.customers.LoginResult;
import io.harbourpay.platform.merchants.ConsoleUsers;
import io.harbourpay.platform.merchants.Merchant;
import io.harbourpay.platform.merchants.MerchantKey;
import io.harbourpay.platform.merchants.Store;
import io.harbourpay.platform.operators.NewOperator;
import io.harbourpay.platform.operators.OperatorRole;
import io.harbourpay.platform.payments.Payment;
import io.harbourpay.platform.wallets.BankAccount;
import io.harbourpay.platform.wallets.BankTransfer;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Demo data on a new store: one customer at each identity tier, with money in HKD, CNY and MOP, and
 * a retail chain with hundreds of stores ({@link DemoChain}). It goes through the real flows — a
 * code sent to the demo SMS inbox, login, PIN, an identity review approved by the operator
 * "demo-seed", linked bank accounts, top-ups the simulated bank confirms — so the demo shows what
 * the platform does, not rows written behind its back.
 *
 * <p>It runs only on a store without customers, so a second start adds nothing. Top-ups carry fixed
 * Idempotency-Keys, so even a seed interrupted and run again could not add money twice.
 */
final class DemoSeed {
  private static final Logger LOG = Logger.getLogger(DemoSeed.class);

  /** The demo customers' payment PIN. */
  static final String PIN = "147258";

  static final String OPERATOR = "demo-seed";

  /** The address the seed's code requests are rate-limited under. */
  static final String CLIENT = "demo-seed";

  /** How long to wait for the simulated bank to confirm the seed's top-ups. */
  static final long SETTLE_WAIT_MS_MAX = 60_000;

  static final long SETTLE_POLL_MS = 20;

  private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

  /** One demo customer: who they are and what they hold, in minor units per currency. */
  record DemoCustomer(
      String phone,
      Tier tier,
      String name,
      DocumentType document,
      String documentNumber,
      LocalDate birthDate,
      Map<String, Long> balances) {}

  /**
   * Balances stay inside each tier's balance cap (Unverified: 3,000.00 per currency). Document
   * numbers carry valid check digits (HKID mod 11, mainland GB 11643).
   */
  static final List<DemoCustomer> CUSTOMERS =
      List.of(
          new DemoCustomer(
              "+85291000001",
              Tier.UNVERIFIED,
              null,
              null,
              null,
              null,
              Map.of("HKD", 1_200_00L, "CNY", 500_00L, "MOP", 300_00L)),
          new DemoCustomer(
              "+85291000002",
              Tier.INTERMEDIATE,
              "Wong Ka Yan",
              DocumentType.HKID,
              hkid("A", "123456"),
              LocalDate.of(1988, 4, 12),
              Map.of("HKD", 8_000_00L, "CNY", 2_000_00L, "MOP", 1_000_00L)),
          new DemoCustomer(
              "+8613800138000",
              Tier.ADVANCED,
              "Li Wei",
              DocumentType.MAINLAND_ID,
              "110101199003071233",
              LocalDate.of(1990, 3, 7),
              Map.of("HKD", 20_000_00L, "CNY", 50_000_00L, "MOP", 5_000_00L)));

  private final Platform platform;
  private final DemoSmsGateway sms;

  DemoSeed(Platform platform, DemoSmsGateway sms) {
    this.platform = platform;
    this.sms = sms;
  }

  /** Seeds a store without customers; returns whether it did. */
  boolean seedIfEmpty() {
    if (customerCount() > 0) {
      LOG.info("Demo data: the store already has customers; nothing seeded");
      return false;
    }
    long started = System.nanoTime();
    List<BankTransfer> topUps = new ArrayList<>();
    for (DemoCustomer customer : CUSTOMERS) topUps.addAll(seed(customer));
    awaitSettled(topUps);
    LOG.infof(
        "Demo data: %d customers seeded in %d ms",
        CUSTOMERS.size(), (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  private List<BankTransfer> seed(DemoCustomer demo) {
    String token = login(demo.phone());
    CustomerRef me = platform.sessions.authenticate(token);
    platform.pins.setPin(me.id(), PIN, null);
    if (demo.tier() != Tier.UNVERIFIED) {
      KycReview review =
          platform.kyc.submit(
              me.id(),
              new KycSubmission(
                  demo.document(),
                  demo.documentNumber(),
                  demo.name(),
                  demo.birthDate(),
                  demo.tier()));
      platform.kyc.approve(review.id(), OPERATOR, "demo data");
      // The tier is read with the session: a fresh read carries the approved tier, so the top-ups
      // below are held against the new balance cap.
      me = platform.sessions.authenticate(token);
    }
    List<BankTransfer> topUps = new ArrayList<>();
    int accountIndex = 0;
    for (String currency : List.of("HKD", "CNY", "MOP")) {
      Long amount = demo.balances().get(currency);
      platform.wallets.open(me, currency);
      BankAccount account =
          platform.bankTransfers.linkAccount(
              me,
              "004",
              // Ends in neither 0000, 1111, 8888 nor 9999, so the simulated bank confirms.
              "8200" + demo.phone().substring(demo.phone().length() - 6) + (++accountIndex) + "23",
              demo.name() == null ? "Demo Customer" : demo.name(),
              currency);
      topUps.add(
          platform.bankTransfers.topUp(
              me, account.publicId(), amount, currency, "demo-seed-" + currency));
    }
    return topUps;
  }

  /** Logs in as a customer would: a code to the SMS inbox, read back, sent with the phone. */
  private String login(String phone) {
    platform.otp.request(phone, CLIENT);
    String text =
        sms.latestMessage(phone)
            .orElseThrow(() -> new IllegalStateException("no demo SMS to " + phone))
            .text();
    Matcher code = CODE.matcher(text);
    if (!code.find()) throw new IllegalStateException("no code in the demo SMS: " + text);
    LoginResult login = platform.customers.loginWithCode(phone, code.group(1), CLIENT);
    return login.sessionToken();
  }

  /** The bank answers asynchronously; the demo is ready when every top-up has settled. */
  private void awaitSettled(List<BankTransfer> topUps) {
    long deadline = System.nanoTime() + SETTLE_WAIT_MS_MAX * 1_000_000;
    for (BankTransfer topUp : topUps) {
      while (true) {
        BankTransfer now =
            platform
                .bankTransfers
                .find(topUp.customerId(), topUp.id())
                .orElseThrow(() -> new IllegalStateException("top-up vanished: " + topUp));
        if (BankTransfer.SUCCEEDED.equals(now.status())) break;
        if (BankTransfer.FAILED.equals(now.status())) {
          throw new IllegalStateException("a demo top-up failed: " + now);
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "demo top-ups did not settle within " + SETTLE_WAIT_MS_MAX + " ms");
        }
        sleep(SETTLE_POLL_MS);
      }
    }
  }

  /**
   * Seeds the demo chain on a store without merchants: onboarding, the stores imported in batches
   * (one transaction), and the well-known demo key. Returns whether it did.
   */
  boolean seedMerchantsIfEmpty() {
    if (count("SELECT COUNT(*) FROM merchants") > 0) {
      LOG.info("Demo data: the store already has merchants; no chain seeded");
      return false;
    }
    long started = System.nanoTime();
    Merchant chain = platform.merchants.onboard(DemoChain.MERCHANT, OPERATOR);
    platform.merchants.importStores(
        chain.id(), DemoChain.stores(), DemoChain.TERMINALS_PER_STORE, OPERATOR);
    platform.merchantKeys.createWithSecret(chain.id(), DemoChain.KEY_SECRET, OPERATOR);
    for (DemoChain.ConsolePerson person : DemoChain.CONSOLE_USERS) {
      platform.consoleUsers.create(
          chain.id(),
          new ConsoleUsers.NewUser(
              person.email(), person.displayName(), person.password(), person.role()),
          OPERATOR);
    }
    LOG.infof(
        "Demo data: %s with %d stores and %d terminals seeded in %d ms",
        chain.legalName(),
        DemoChain.STORES,
        DemoChain.STORES * DemoChain.TERMINALS_PER_STORE,
        (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  /** The demo's operator accounts: printed by the start-up banner, demo mode only. */
  record DemoOperator(String username, String displayName, String password, OperatorRole role) {}

  static final List<DemoOperator> OPERATORS =
      List.of(
          new DemoOperator("admin", "Ada Admin", "harbour-ops-demo-1", OperatorRole.ADMIN),
          new DemoOperator(
              "compliance", "Chan Tai Man", "harbour-kyc-demo-2", OperatorRole.COMPLIANCE));

  /** Creates the demo operators on a store without operator accounts; returns whether it did. */
  boolean seedOperatorsIfNone() {
    if (platform.operators.count() > 0) return false;
    for (DemoOperator demo : OPERATORS) {
      platform.operators.create(
          OPERATOR,
          new NewOperator(
              demo.username(), demo.displayName(), demo.password(), Set.of(demo.role())));
    }
    LOG.infof("Demo data: %d operator accounts seeded", OPERATORS.size());
    return true;
  }

  /** The demo's purchases: HKD amounts the Advanced demo customer paid at the first stores. */
  static final List<Long> DEMO_PURCHASES_MINOR = List.of(38_50L, 126_00L, 12_90L, 560_00L, 88_80L);

  /** How many days before the seed each purchase is dated, so the dashboard's week has bars. */
  static final List<Integer> DEMO_PURCHASE_DAYS_AGO = List.of(6, 4, 3, 1, 0);

  /**
   * A few store payments so the operator's dashboard has volume and accepting stores: the Advanced
   * demo customer pays at the chain's first stores (static QR, with the demo PIN), and each payment
   * and its history line are dated {@link #DEMO_PURCHASE_DAYS_AGO} days back, so the charts show
   * several days. Only those two rows are re-dated (demo data, nowhere else): the ledger's
   * transfers keep their real time, and today's limit usage counts all of them. Returns whether it
   * did.
   */
  boolean seedPaymentsIfNone() {
    if (count("SELECT COUNT(*) FROM payments") > 0) return false;
    Optional<CustomerRef> payer = platform.customers.byPhone(CUSTOMERS.get(2).phone());
    Optional<Merchant> chain = platform.merchants.list(1, null).items().stream().findFirst();
    if (payer.isEmpty() || chain.isEmpty()) return false;
    List<Store> stores =
        platform.merchants.stores(chain.get().id(), DEMO_PURCHASES_MINOR.size(), null).items();
    for (int index = 0; index < stores.size(); index++) {
      Payment payment =
          platform.staticQr.payStore(
              payer.get(),
              stores.get(index).publicId(),
              DEMO_PURCHASES_MINOR.get(index),
              "HKD",
              PIN,
              "demo-purchase-" + index);
      backdate(payment, DEMO_PURCHASE_DAYS_AGO.get(index));
    }
    LOG.infof("Demo data: %d store payments seeded", stores.size());
    return true;
  }

  /** Moves a demo payment and the payer's history line of it {@code days} days back. */
  private void backdate(Payment payment, int days) {
    if (days == 0) return;
    long shiftMicros = Duration.ofDays(days).toNanos() / 1_000;
    platform.database.transaction(
        connection -> {
          try (PreparedStatement payments =
                  connection.prepareStatement(
                      "UPDATE payments SET created_at = created_at - ?,"
                          + " updated_at = updated_at - ? WHERE id = ?");
              PreparedStatement entries =
                  connection.prepareStatement(
                      "UPDATE wallet_entries SET created_at = created_at - ?,"
                          + " updated_at = updated_at - ? WHERE reference = ?")) {
            payments.setLong(1, shiftMicros);
            payments.setLong(2, shiftMicros);
            payments.setLong(3, payment.id());
            payments.executeUpdate();
            entries.setLong(1, shiftMicros);
            entries.setLong(2, shiftMicros);
            entries.setString(3, payment.publicId());
            return entries.executeUpdate();
          }
        });
  }

  /** The demo chain's first key, if the chain was seeded: its public id. */
  static Optional<String> demoKeyId(Platform platform) {
    return platform.database.read(
        connection -> {
          try (PreparedStatement query =
              connection.prepareStatement(
                  "SELECT k.id FROM merchant_keys k JOIN merchants m ON m.id = k.merchant_id"
                      + " WHERE m.legal_name = ? AND k.revoked_at IS NULL"
                      + " ORDER BY k.created_at, k.id LIMIT 1")) {
            query.setString(1, DemoChain.MERCHANT.legalName());
            try (ResultSet rows = query.executeQuery()) {
              return rows.next()
                  ? Optional.of(Ids.publicId(MerchantKey.ID_PREFIX, rows.getLong(1)))
                  : Optional.<String>empty();
            }
          }
        });
  }

  private long customerCount() {
    return count("SELECT COUNT(*) FROM customers");
  }

  private long count(String sql) {
    return platform.database.read(
        connection -> {
          try (PreparedStatement query = connection.prepareStatement(sql);
              ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getLong(1);
          }
        });
  }

  /**
   * An HKID number with its check digit: the weights 9…2 run over a space (36) and the letter(s),
   * then the six digits; the check digit (A for 10) makes the sum divisible by 11.
   */
  static String hkid(String letter, String digits) {
    String body = (letter.length() == 1 ? " " : "") + letter + digits;
    int sum = 0;
    for (int index = 0; index < 8; index++) {
      char c = body.charAt(index);
      int value = c == ' ' ? 36 : Character.isLetter(c) ? c - 'A' + 10 : c - '0';
      sum += value * (9 - index);
    }
    int check = (11 - sum % 11) % 11;
    return letter + digits + (check == 10 ? "A" : Integer.toString(check));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for demo top-ups", interrupted);
    }
  }
}

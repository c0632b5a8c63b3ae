package io.harbourpay.server.app;

import io.harbourpay.platform.customers.CustomerRef;
import io.harbourpay.platform.wallets.Wallet;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What a person starting the server needs to know: the URLs it serves and, in demo mode, how to log
 * in as a demo customer. Observes start-up after {@link HarbourApp} (a later priority), so the
 * platform is open and the demo data seeded; the balances shown are read from the ledger.
 */
@ApplicationScoped
public class StartupBanner {
  private static final Logger LOG = Logger.getLogger(StartupBanner.class);
  private static final String DEMO_OPERATOR_KEY = "demo-operator-key";

  @Inject HarbourApp app;

  @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080")
  int port;

  @ConfigProperty(name = "harbour.operator.api-key")
  String operatorKey;

  @ConfigProperty(name = "harbour.public-url")
  Optional<String> publicUrl;

  void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent event) {
    if (app.platform() == null) return;
    LOG.info(text());
  }

  /** What the banner says (public for tests: the demo secret appears only in demo mode). */
  public String text() {
    String base = publicUrl.filter(url -> !url.isBlank()).orElse("http://localhost:" + port);
    StringBuilder out = new StringBuilder("\n");
    out.append("HarbourPay is running on ").append(app.storeDescription()).append('\n');
    line(out, "Wallet", base + "/wallet/   (customer wallet; a phone-sized window is best)");
    line(out, "Merchant", base + "/merchant/   (merchant console and till)");
    line(out, "Operator", base + "/operator/   (operator console)");
    line(out, "API", base + "/v1   (reference: docs/api.md)");
    line(out, "Swagger UI", base + "/q/swagger-ui");
    line(out, "OpenAPI", base + "/q/openapi");
    line(out, "Health", base + "/q/health");
    line(out, "Metrics", base + "/q/metrics");
    if (!app.demo()) return out.toString();
    out.append("\nDemo customers (payment PIN ").append(DemoSeed.PIN).append("):\n");
    for (DemoSeed.DemoCustomer demo : DemoSeed.CUSTOMERS) {
      Optional<CustomerRef> customer = app.platform().customers.byPhone(demo.phone());
      StringBuilder balances = new StringBuilder();
      String tier = demo.tier().name().toLowerCase(Locale.ROOT);
      if (customer.isPresent()) {
        tier = customer.get().tier().name().toLowerCase(Locale.ROOT);
        for (Wallet wallet : app.platform().wallets.wallets(customer.get())) {
          balances
              .append("  ")
              .append(wallet.currency())
              .append(' ')
              .append(BigDecimal.valueOf(wallet.balanceMinor(), 2).toPlainString());
        }
      } else {
        balances.append("  (not seeded: the store had customers already)");
      }
      out.append(String.format("  %-15s %-13s%s%n", demo.phone(), tier, balances));
    }
    String phone = DemoSeed.CUSTOMERS.get(0).phone();
    out.append("\nLog in as a demo customer:\n");
    out.append(
        String.format(
            "  curl -X POST %s/v1/auth/otp -H 'Content-Type: application/json' -d '{\"phone\":\"%s\"}'%n",
            base, phone));
    out.append(
        String.format(
            "  curl '%s/dev/sms?phone=%s'      (the code; it is in this log too)%n",
            base, URLEncoder.encode(phone, StandardCharsets.UTF_8)));
    out.append(
        String.format(
            "  curl -X POST %s/v1/auth/login -H 'Content-Type: application/json'"
                + " -d '{\"phone\":\"%s\",\"code\":\"<code>\"}'%n",
            base, phone));
    out.append("  then send Authorization: Bearer <token> on /v1 calls.\n");
    out.append(String.format("Demo operators (%s/operator/):%n", base));
    for (DemoSeed.DemoOperator operator : DemoSeed.OPERATORS) {
      out.append(
          String.format(
              "  %-11s password %-24s (%s)%n",
              operator.username(), operator.password(), operator.role().wireName()));
    }
    // Only the demo's well-known key is shown; a real one never goes into a log.
    String key = DEMO_OPERATOR_KEY.equals(operatorKey) ? operatorKey : "<harbour.operator.api-key>";
    out.append(
        String.format(
            "Operator API (break-glass, audited): Authorization: Bearer %s and X-Operator:"
                + " <your name>%n",
            key));
    // Demo mode only (returned above otherwise): the demo chain's well-known key.
    DemoSeed.demoKeyId(app.platform())
        .ifPresent(
            keyId ->
                out.append(
                    String.format(
                        "Demo merchant API (%s, %d stores): key_id %s, secret %s%n"
                            + "  sign requests as docs/merchants.md shows, e.g. GET %s/v1/merchant/me%n",
                        DemoChain.MERCHANT.legalName(),
                        DemoChain.STORES,
                        keyId,
                        DemoChain.KEY_SECRET,
                        base)));
    out.append(String.format("Demo merchant console users (%s/merchant/):%n", base));
    for (DemoChain.ConsolePerson person : DemoChain.CONSOLE_USERS) {
      out.append(
          String.format(
              "  %-8s %-28s password %s%n",
              person.role().wireName(), person.email(), person.password()));
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String what, String url) {
    out.append(String.format("  %-11s %s%n", what, url));
  }
}

package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real Chromium, on the demo data: the admin's dashboard, a compliance
 * officer approving an identity review a customer submitted through the API (and the customer's
 * limits rising), locking and unlocking, onboarding a merchant and changing its fee, the audit log
 * naming the operators, a support operator kept out of admin screens (and refused by the API), and
 * the console in Simplified Chinese. Every screen is photographed.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorConsoleBrowserTest {
  static final String ADMIN = "admin";
  static final String ADMIN_PASSWORD = "harbour-ops-demo-1";
  static final String COMPLIANCE = "compliance";
  static final String COMPLIANCE_PASSWORD = "harbour-kyc-demo-2";
  static final String SUPPORT_PASSWORD = "support desk passphrase";

  @TestHTTPResource("/operator/")
  URL console;

  Browser browser;
  String merchantId;

  @BeforeAll
  void open() {
    browser = Browser.open("operator", Browser.DESKTOP);
  }

  @AfterAll
  void close() {
    if (browser != null) browser.close();
  }

  /** Logs in afresh: the storage is cleared on the landing page, where no console is running. */
  void login(String username, String password) {
    login(browser, console, username, password);
  }

  /** Logs {@code browser} in to the operator console at {@code console}. */
  static void login(Browser browser, URL console, String username, String password) {
    browser.get(console.toString().replace("/operator/", "/"));
    browser.script("sessionStorage.clear(); localStorage.setItem('hp.lang', 'en');");
    browser.get(console.toString());
    browser.type(By.cssSelector("[data-test='login'] [name='username']"), username);
    browser.type(By.cssSelector("[data-test='login'] [name='password']"), password);
    browser.click(test("login-submit"));
    browser.waitFor(test("nav"));
  }

  void go(String hash) {
    browser.script("location.hash = arguments[0]", hash);
  }

  void waitUntil(String what, java.util.function.Supplier<Boolean> condition) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .withMessage(what)
        .ignoring(StaleElementReferenceException.class)
        .until(driver -> condition.get());
  }

  @Test
  @Order(1)
  void theAdminSeesTheDashboardWithCharts() {
    browser.get(console.toString().replace("/operator/", "/"));
    browser.script("sessionStorage.clear(); localStorage.setItem('hp.lang', 'en');");
    browser.get(console.toString());
    browser.waitFor(test("login"));
    browser.screenshot("login");
    // A wrong password is named next to the form, and the button comes back.
    browser.type(By.cssSelector("[data-test='login'] [name='username']"), ADMIN);
    browser.type(By.cssSelector("[data-test='login'] [name='password']"), "not the password");
    browser.click(test("login-submit"));
    browser.waitForText(test("login-error"), "username or password is wrong");
    browser.forgiveConsole("/v1/operator/login");
    browser.screenshot("login-refused");

    login(ADMIN, ADMIN_PASSWORD);
    browser.waitFor(test("chart-active"));
    assertThat(Long.parseLong(browser.waitFor(test("active-customers")).getText()))
        .isGreaterThanOrEqualTo(3);
    assertThat(Long.parseLong(browser.waitFor(test("accepting-stores")).getText()))
        .as("the demo purchases' stores")
        .isGreaterThanOrEqualTo(5);
    assertThat(browser.waitFor(test("books")).getText()).isEqualTo("Balanced");
    List<WebElement> volumeBars =
        browser.driver().findElements(By.cssSelector("[data-test='chart-volume-HKD'] rect"));
    assertThat(volumeBars).as("a bar per day and series").hasSize(60);
    assertThat(volumeBars.stream().anyMatch(bar -> !"0".equals(bar.getAttribute("data-value"))))
        .as("today's captured HKD volume is drawn")
        .isTrue();
    assertThat(browser.driver().findElements(By.cssSelector("[data-test='nav'] a")))
        .extracting(WebElement::getText)
        .contains(
            "Dashboard",
            "Customers",
            "Identity reviews",
            "Merchants",
            "Limits",
            "Audit log",
            "Operators");
    browser.screenshot("dashboard");
    browser.select(test("days"), "7");
    waitUntil(
        "7 days of bars",
        () ->
            browser.driver().findElements(By.cssSelector("[data-test='chart-active'] rect")).size()
                == 7);
    // The demo purchases are spread over the week: more than one day has volume.
    waitUntil(
        "HKD volume on more than one day of the week",
        () ->
            browser
                    .driver()
                    .findElements(By.cssSelector("[data-test='chart-volume-HKD'] rect"))
                    .stream()
                    .filter(bar -> !"0".equals(bar.getAttribute("data-value")))
                    .count()
                >= 2);
    browser.screenshot("dashboard-week");
    go("#/limits");
    browser.waitFor(test("limits-HKD"));
    // The admin may edit: the amounts are inputs in major units.
    assertThat(browser.waitFor(test("limit-input-HKD.intermediate.daily")).getAttribute("value"))
        .isEqualTo("10000.00");
    browser.screenshot("limits");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void aComplianceOfficerApprovesAReviewAndTheCustomersLimitsRise() {
    Api.Customer customer = Api.signUpWithPin();
    customer.call().body(Map.of("currency", "HKD")).post("/v1/wallets").then().statusCode(200);
    String review =
        customer
            .call()
            .body(
                Map.of(
                    "document_type", "hkid",
                    "document_number",
                        Api.hkid(Math.floorMod(customer.phone().hashCode(), 1_000_000)),
                    "full_name", "Lam Siu Ming",
                    "date_of_birth", "1979-11-02",
                    "requested_tier", "intermediate"))
            .post("/v1/me/identity-reviews")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    assertThat(dailyLimit(customer)).isEqualTo(3_000_00L);

    login(COMPLIANCE, COMPLIANCE_PASSWORD);
    assertThat(browser.driver().findElements(By.cssSelector("[data-test='nav'] a")))
        .extracting(WebElement::getText)
        .contains("Identity reviews", "Customers", "Audit log")
        .doesNotContain("Operators");
    go("#/reviews");
    browser.waitFor(By.cssSelector("[data-test='review-row'][data-id='" + review + "']"));
    browser.screenshot("reviews");
    browser.click(
        By.cssSelector(
            "[data-test='review-row'][data-id='" + review + "'] [data-test='review-open']"));
    browser.waitForText(test("review-name"), "Lam Siu Ming");
    browser.type(
        By.cssSelector("[data-test='approve'] [name='note']"), "HKID checked against the card");
    browser.screenshot("review-detail");
    browser.click(test("approve-submit"));
    browser.waitFor(test("toast-ok"));
    waitUntil(
        "the review leaves the queue",
        () ->
            browser
                .driver()
                .findElements(By.cssSelector("[data-test='review-row'][data-id='" + review + "']"))
                .isEmpty());

    customer.call().get("/v1/me").then().body("customer.tier", equalTo("intermediate"));
    assertThat(dailyLimit(customer)).as("Intermediate: HKD 10,000 a day").isEqualTo(10_000_00L);

    // Lock and unlock in the customer's page; locking ends the customer's session.
    go("#/customers/" + customer.id());
    browser.waitForText(test("customer-tier"), "Intermediate");
    browser.screenshot("customer-detail");
    browser.click(test("lock-submit"));
    browser.waitFor(By.cssSelector("[data-test='lock'] [data-error-for='reason']:not([hidden])"));
    browser.forgiveConsole("/lock");
    browser.screenshot("lock-needs-a-reason");
    browser.type(
        By.cssSelector("[data-test='lock'] [name='reason']"), "customer reported a stolen phone");
    browser.click(test("lock-submit"));
    browser.waitForText(test("customer-status"), "locked");
    customer.call().get("/v1/me").then().statusCode(401);
    browser.screenshot("customer-locked");
    browser.type(
        By.cssSelector("[data-test='unlock'] [name='reason']"),
        "phone recovered, identity confirmed");
    browser.click(test("unlock-submit"));
    browser.waitForText(test("customer-status"), "active");

    go("#/customers");
    browser.type(test("customer-query"), customer.phone().substring(4));
    browser.click(test("customer-search-submit"));
    browser.waitFor(By.cssSelector("[data-test='customer-row'][data-id='" + customer.id() + "']"));
    browser.screenshot("customer-search");
    browser.assertNoConsoleErrors();
  }

  /**
   * The admin lowers a limit in the console (a typo is named next to its field first, then a
   * confirmation shows the change) and sees the new version; then raises a customer's tier from the
   * customer's page. The customer's wallet shows each new limit. MOP only, restored afterwards.
   */
  @Test
  @Order(7)
  void theAdminEditsALimitAndChangesACustomersTierAndTheWalletFollows() {
    Api.Customer customer = Api.signUpWithPin();
    customer.call().body(Map.of("currency", "MOP")).post("/v1/wallets").then().statusCode(200);
    var limits = Api.operator().get("/v1/operator/limits").then().statusCode(200).extract();
    long version = limits.jsonPath().getLong("version");
    List<Map<String, Object>> original = limits.jsonPath().getList("currencies");
    try {
      login(ADMIN, ADMIN_PASSWORD);
      go("#/limits");
      By mopDaily = test("limit-input-MOP.unverified.daily");
      browser.waitFor(mopDaily);
      browser.waitForText(test("limits-version"), "Version " + version + ",");
      browser.type(mopDaily, "25OO");
      browser.type(test("limits-reason"), "visitor fraud wave");
      browser.click(test("limits-form-submit"));
      browser.waitForText(
          By.cssSelector("[data-error-for='MOP.unverified.daily']"), "Enter an amount");
      browser.type(mopDaily, "2,500.00");
      browser.click(test("limits-form-submit"));
      browser.waitForText(test("limits-confirm"), "2,500.00");
      assertThat(browser.driver().findElements(test("limits-confirm-line"))).hasSize(1);
      browser.screenshot("limits-confirm");
      browser.click(test("limits-confirm-yes"));
      browser.waitForText(test("limits-version"), "Version " + (version + 1) + ",");
      browser.waitForText(test("limits-history"), "visitor fraud wave");
      browser.screenshot("limits-edited");
      assertThat(dailyLimit(customer, "MOP")).isEqualTo(2_500_00L);

      go("#/customers/" + customer.id());
      browser.waitForText(test("customer-tier"), "Unverified");
      browser.select(test("new-tier"), "intermediate");
      browser.type(test("tier-reason"), "identity seen at the branch");
      browser.click(test("tier-change-submit"));
      browser.waitForText(test("tier-confirm"), "Intermediate");
      browser.click(test("tier-confirm-yes"));
      browser.waitForText(test("customer-tier"), "Intermediate");
      browser.screenshot("tier-changed");
      assertThat(dailyLimit(customer, "MOP")).as("Intermediate in MOP").isEqualTo(10_000_00L);
      browser.assertNoConsoleErrors();
    } finally {
      long now =
          Api.operator().get("/v1/operator/limits").then().extract().jsonPath().getLong("version");
      Api.operator()
          .body(
              Map.of(
                  "base_version", now, "reason", "restore after the test", "currencies", original))
          .put("/v1/operator/limits")
          .then()
          .statusCode(200);
    }
  }

  private static long dailyLimit(Api.Customer customer) {
    return dailyLimit(customer, "HKD");
  }

  private static long dailyLimit(Api.Customer customer, String currency) {
    List<Map<String, Object>> wallets =
        customer.call().get("/v1/wallets").then().statusCode(200).extract().path("data");
    Map<?, ?> limits =
        (Map<?, ?>)
            wallets.stream()
                .filter(wallet -> currency.equals(wallet.get("currency")))
                .findFirst()
                .orElseThrow()
                .get("limits");
    return ((Number) limits.get("daily")).longValue();
  }

  @Test
  @Order(3)
  void theAdminOnboardsAMerchantAndChangesItsFee() {
    login(ADMIN, ADMIN_PASSWORD);
    go("#/merchants");
    browser.waitFor(test("onboard"));
    browser.type(
        By.cssSelector("[data-test='onboard'] [name='legal_name']"), "Kowloon Tea House Limited");
    browser.type(By.cssSelector("[data-test='onboard'] [name='mcc']"), "58x2");
    browser.type(By.cssSelector("[data-test='onboard'] [name='bank_code']"), "004");
    browser.type(
        By.cssSelector("[data-test='onboard'] [name='bank_account_number']"), "123-456-789001");
    browser.click(test("onboard-submit"));
    // The server's message appears under the field it names.
    browser.waitFor(By.cssSelector("[data-test='onboard'] [data-error-for='mcc']:not([hidden])"));
    browser.forgiveConsole("/v1/operator/merchants");
    browser.screenshot("onboard-invalid-mcc");
    browser.type(By.cssSelector("[data-test='onboard'] [name='mcc']"), "5812");
    browser.click(test("onboard-submit"));
    browser.waitForText(test("merchant-name"), "Kowloon Tea House Limited");
    merchantId = browser.waitFor(test("merchant-id")).getText();
    browser.type(test("rate-input"), "85");
    browser.click(test("rate-submit"));
    browser.waitForText(test("merchant-rate"), "85");
    browser.type(
        By.cssSelector("[data-test='add-store'] [name='name_en']"), "Kowloon Tea House Jordan");
    browser.type(By.cssSelector("[data-test='add-store'] [name='name_zh']"), "九龍茶樓 佐敦");
    browser.type(By.cssSelector("[data-test='add-store'] [name='address']"), "1 Jordan Road");
    browser.type(By.cssSelector("[data-test='add-store'] [name='district']"), "Yau Tsim Mong");
    browser.click(test("add-store-submit"));
    browser.waitFor(test("store-row"));
    browser.click(test("show-terminals"));
    browser.type(By.cssSelector("[data-test='add-terminal'] [name='label']"), "Counter 1");
    browser.click(test("add-terminal-submit"));
    browser.waitForText(test("terminals"), "Counter 1");
    browser.screenshot("merchant-detail");
    Api.operator()
        .get("/v1/operator/merchants/" + merchantId)
        .then()
        .statusCode(200)
        .body("discount_rate_bps", equalTo(85))
        .body("stores_count", equalTo(1));
    go("#/merchants");
    browser.waitFor(By.cssSelector("[data-test='merchant-row'][data-id='" + merchantId + "']"));
    browser.screenshot("merchants");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(4)
  void theAuditLogNamesTheOperators() {
    login(ADMIN, ADMIN_PASSWORD);
    go("#/audit");
    browser.waitFor(test("audit-row"));
    List<String> rows =
        browser.driver().findElements(test("audit-row")).stream().map(WebElement::getText).toList();
    assertThat(rows).anyMatch(row -> row.contains("Chan Tai Man") && row.contains("kyc.approve"));
    assertThat(rows).anyMatch(row -> row.contains("Chan Tai Man") && row.contains("customer.lock"));
    assertThat(rows)
        .anyMatch(row -> row.contains("Chan Tai Man") && row.contains("customer.unlock"));
    assertThat(rows).anyMatch(row -> row.contains("Ada Admin") && row.contains("merchant.onboard"));
    assertThat(rows)
        .anyMatch(row -> row.contains("Ada Admin") && row.contains("merchant.fee_change"));
    browser.screenshot("audit");
    browser.type(By.cssSelector("[data-test='audit-filter'] [name='target']"), merchantId);
    browser.click(test("audit-filter-submit"));
    waitUntil(
        "only the merchant's entries",
        () ->
            browser.driver().findElements(test("audit-row")).stream()
                .allMatch(row -> row.getText().contains(merchantId)));
    browser.screenshot("audit-filtered");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void aSupportOperatorSeesNoAdminScreensAndTheApiRefusesThem() {
    login(ADMIN, ADMIN_PASSWORD);
    go("#/operators");
    browser.waitFor(test("create-operator"));
    String username = "support" + (System.nanoTime() % 100_000);
    browser.type(By.cssSelector("[data-test='create-operator'] [name='username']"), username);
    browser.type(
        By.cssSelector("[data-test='create-operator'] [name='display_name']"), "Sam Support");
    browser.type(
        By.cssSelector("[data-test='create-operator'] [name='password']"), SUPPORT_PASSWORD);
    browser.click(By.cssSelector("[data-test='new-roles'] [data-test='role-viewer']"));
    browser.click(By.cssSelector("[data-test='new-roles'] [data-test='role-support']"));
    browser.click(test("create-operator-submit"));
    browser.waitFor(By.cssSelector("[data-test='operator-row'][data-username='" + username + "']"));
    browser.screenshot("operators");
    go("#/account");
    browser.waitFor(test("password"));
    browser.screenshot("account");

    login(username, SUPPORT_PASSWORD);
    List<String> nav =
        browser.driver().findElements(By.cssSelector("[data-test='nav'] a")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(nav)
        .contains("Dashboard", "Customers", "Merchants")
        .doesNotContain("Operators", "Audit log", "Identity reviews");
    go("#/operators");
    browser.waitFor(test("denied"));
    browser.screenshot("support-denied");
    go("#/merchants");
    browser.waitFor(test("merchants"));
    assertThat(browser.driver().findElements(test("onboard")))
        .as("no onboarding for support")
        .isEmpty();
    go("#/limits");
    browser.waitForText(
        By.cssSelector("[data-test='limit-intermediate'] td:nth-child(3)"), "10,000.00");
    assertThat(browser.driver().findElements(test("limits-form")))
        .as("support reads the limits, never edits them")
        .isEmpty();
    String token =
        given()
            .contentType(ContentType.JSON)
            .body(Map.of("username", username, "password", SUPPORT_PASSWORD))
            .post("/v1/operator/login")
            .then()
            .statusCode(200)
            .extract()
            .path("token");
    given()
        .header("Authorization", "Bearer " + token)
        .get("/v1/operator/operators")
        .then()
        .statusCode(403)
        .body("error.code", equalTo("role_admin_required"));
    given()
        .header("Authorization", "Bearer " + token)
        .get("/v1/operator/audit")
        .then()
        .statusCode(403)
        .body("error.code", equalTo("role_compliance_required"));
    given()
        .header("Authorization", "Bearer " + token)
        .contentType(ContentType.JSON)
        .body(Map.of("reason", "x"))
        .put("/v1/operator/limits")
        .then()
        .statusCode(403)
        .body("error.code", equalTo("role_compliance_required"));
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(6)
  void theConsoleSpeaksSimplifiedChineseAndFitsAPhone() {
    login(COMPLIANCE, COMPLIANCE_PASSWORD);
    browser.select(test("language"), "zh-CN");
    browser.waitForText(test("nav-dashboard"), "概览");
    browser.waitFor(test("chart-active"));
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-CN");
    browser.screenshot("dashboard-zh-CN");
    go("#/reviews");
    browser.waitForText(test("page-title"), "身份审核");
    browser.screenshot("reviews-zh-CN");
    browser.script("localStorage.setItem('hp.lang', 'en')");
    browser.assertNoConsoleErrors();
    try (Browser phone = Browser.open("operator-phone", Browser.PHONE)) {
      phone.get(console.toString());
      phone.type(By.cssSelector("[data-test='login'] [name='username']"), COMPLIANCE);
      phone.type(By.cssSelector("[data-test='login'] [name='password']"), COMPLIANCE_PASSWORD);
      phone.click(test("login-submit"));
      phone.waitFor(test("chart-active"));
      assertThat((Long) phone.script("return document.documentElement.scrollWidth"))
          .as("no sideways scrolling at 360 px")
          .isLessThanOrEqualTo(360L);
      phone.screenshot("dashboard-phone");
      phone.assertNoConsoleErrors();
    }
  }
}

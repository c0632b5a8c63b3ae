package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.SqliteProfile;
import io.harbourpay.server.support.WebhookReceiver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The merchant console in a real Chromium: the till on a phone (a dynamic QR paid by a customer
 * through the customer API, a typed pay code, a large charge the customer confirms), then on a
 * desktop the owner's refunds, search, API keys, sticker and webhooks, the cashier's limits, and
 * the Hong Kong Chinese screens. The steps build on each other, so they run in order.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MerchantConsoleBrowserTest {
  static final String OWNER = "owner@harbourmart.example";
  static final String OWNER_PASSWORD = "harbour-owner-demo";
  static final String CASHIER = "cashier@harbourmart.example";
  static final String CASHIER_PASSWORD = "harbour-cashier-demo";

  @TestHTTPResource("/merchant/")
  URL console;

  Browser phone;
  Browser desktop;

  /** The payment of the QR order paid in the first step; refunded later. */
  String qrPayment;

  @BeforeAll
  void open() {
    phone = Browser.open("merchant-till", Browser.PHONE);
    desktop = Browser.open("merchant-console", Browser.DESKTOP);
  }

  @AfterAll
  void close() {
    if (phone != null) phone.close();
    if (desktop != null) desktop.close();
  }

  static void signIn(Browser browser, URL console, String email, String password) {
    browser.get(console + "#/login");
    browser.script("sessionStorage.clear(); localStorage.clear();");
    browser.get(console + "#/login");
    browser.type(test("login-email"), email);
    browser.type(test("login-password"), password);
    browser.click(test("login-submit"));
    browser.waitFor(test("till-sale"));
    until(
        browser,
        "return document.querySelector(\"[data-test='till-terminal']\").options.length > 0");
  }

  static void until(Browser browser, String script) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(driver -> Boolean.TRUE.equals(browser.script(script)));
  }

  /** A new sale in the till's pay-code mode, with the amount and the code typed in. */
  static void enterPayCode(Browser till, String amount, String code) {
    till.click(test("till-new-sale"));
    till.click(test("till-mode-code"));
    till.type(test("till-amount"), amount);
    till.type(test("till-pay-code"), code);
  }

  static WebElement state(Browser browser, String state) {
    return browser.waitFor(By.cssSelector("[data-test='till-status'][data-state='" + state + "']"));
  }

  @Test
  @Order(1)
  void theTillShowsADynamicQrAndTurnsPaidWhenTheCustomerPays() {
    signIn(phone, console, OWNER, OWNER_PASSWORD);
    phone.screenshot("till-ready");
    phone.type(test("till-amount"), "12.30");
    phone.click(test("till-show-qr"));
    state(phone, "open");
    phone.waitForText(test("till-order-amount"), "HK$12.30");
    until(
        phone,
        "const img = document.querySelector(\"[data-test='till-qr']\");"
            + " return img.complete && img.naturalWidth > 0;");
    phone.screenshot("till-qr-open");
    String order =
        (String)
            phone.script(
                "return document.querySelector(\"[data-test='till-sale']\").dataset.order");
    assertThat(order).startsWith("ord_");

    Api.Customer customer = Api.signUpWithPin();
    Api.fund(customer, "HKD", 100_00);
    customer
        .call()
        .body(Map.of("pin", Api.PIN))
        .post("/v1/orders/" + order + "/pay")
        .then()
        .statusCode(200);

    assertThat(state(phone, "paid").getText()).contains("Paid");
    qrPayment = phone.waitFor(test("till-payment")).getText();
    assertThat(qrPayment).startsWith("pay_");
    assertThat(phone.driver().findElements(test("till-qr"))).isEmpty();
    phone.screenshot("till-paid");
    phone.assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void theTillChargesATypedPayCodeAndWaitsForConfirmationOfALargeOne() {
    Api.Customer customer = Api.signUpWithPin();
    Api.fund(customer, "HKD", 1_000_00);
    customer.call().post("/v1/paycode/devices").then().statusCode(201);
    String code = customer.call().get("/v1/paycode").then().statusCode(200).extract().path("code");

    enterPayCode(phone, "8.80", code);
    phone.screenshot("till-pay-code");
    phone.click(test("till-charge"));
    state(phone, "succeeded");
    phone.waitForText(test("till-order-amount"), "HK$8.80");
    phone.screenshot("till-pay-code-paid");

    // Above HKD 500 the customer confirms on the phone; the till waits and then shows the outcome.
    customer.call().post("/v1/paycode/devices").then().statusCode(201);
    String second =
        customer.call().get("/v1/paycode").then().statusCode(200).extract().path("code");
    enterPayCode(phone, "600", second);
    phone.click(test("till-charge"));
    assertThat(state(phone, "requires_confirmation").getText())
        .contains("Waiting for customer confirmation");
    phone.screenshot("till-waiting-confirmation");
    String payment = phone.waitFor(test("till-payment")).getText();
    customer
        .call()
        .body(Map.of("pin", Api.PIN))
        .post("/v1/payments/" + payment + "/confirm")
        .then()
        .statusCode(200);
    state(phone, "succeeded");
    phone.waitForText(test("till-order-amount"), "HK$600.00");
    phone.screenshot("till-confirmed");
    phone.assertNoConsoleErrors();
  }

  @Test
  @Order(3)
  void theOwnerRefundsPartlyThenTheRestAndFindsThePayment() {
    assertThat(qrPayment).as("the till step ran").isNotNull();
    signIn(desktop, console, OWNER, OWNER_PASSWORD);
    desktop.click(test("nav-payments"));
    desktop.type(test("payments-search"), qrPayment);
    desktop.click(test("payments-apply"));
    until(
        desktop,
        "const rows = document.querySelectorAll(\"[data-test='payment-row']\");"
            + " return rows.length === 1 && rows[0].dataset.id === '"
            + qrPayment
            + "';");
    assertThat(desktop.driver().findElement(test("payments-more")).isDisplayed()).isFalse();
    desktop.screenshot("payments-search");
    desktop.click(test("payment-link"));

    desktop.waitForText(test("payment-amount"), "HK$12.30");
    desktop.waitForText(test("payment-refunded"), "HK$0.00");
    desktop.type(test("refund-amount"), "2.3");
    desktop.type(test("refund-reason"), "one item returned");
    desktop.click(test("refund-submit"));
    desktop.waitForText(test("payment-refunded"), "HK$2.30");
    desktop.waitForText(test("payment-refundable"), "HK$10.00");
    desktop.screenshot("payment-partly-refunded");

    desktop.click(test("refund-all"));
    assertThat(desktop.waitFor(test("refund-amount")).getAttribute("value")).isEqualTo("10.00");
    desktop.click(test("refund-submit"));
    desktop.waitForText(test("payment-refunded"), "HK$12.30");
    desktop.waitForText(test("payment-refundable"), "HK$0.00");
    assertThat(desktop.driver().findElements(test("refund-form"))).isEmpty();
    assertThat(desktop.driver().findElements(test("refund-row"))).hasSize(2);
    desktop.screenshot("payment-fully-refunded");

    desktop.click(test("nav-payments"));
    desktop.waitFor(test("payment-row"));
    desktop.screenshot("payments-list");
    desktop.assertNoConsoleErrors();
  }

  @Test
  @Order(4)
  void theOwnerCreatesRotatesAndRevokesAnApiKey() {
    desktop.click(test("nav-keys"));
    desktop.waitFor(test("key-row"));
    desktop.click(test("key-create"));
    assertThat(desktop.waitFor(test("key-secret")).getText()).startsWith("mks_").hasSize(47);
    String created = desktop.waitFor(test("key-new-id")).getText();
    desktop.screenshot("key-created");
    By row = By.cssSelector("[data-test='key-row'][data-id='" + created + "']");
    desktop.waitFor(row);

    desktop.click(
        By.cssSelector(
            "[data-test='key-row'][data-id='" + created + "'] [data-test='key-rotate']"));
    until(
        desktop,
        "return document.querySelector(\"[data-test='key-new-id']\").textContent !== '"
            + created
            + "';");
    String rotated = desktop.waitFor(test("key-new-id")).getText();
    desktop.waitForText(
        By.cssSelector("[data-test='key-row'][data-id='" + created + "'] [data-test='status']"),
        "expiring");
    desktop.screenshot("key-rotated");

    desktop.click(
        By.cssSelector(
            "[data-test='key-row'][data-id='" + rotated + "'] [data-test='key-revoke']"));
    desktop.driver().switchTo().alert().accept();
    desktop.waitForText(
        By.cssSelector("[data-test='key-row'][data-id='" + rotated + "'] [data-test='status']"),
        "revoked");
    desktop.screenshot("key-revoked");
    desktop.assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void aStoresStickerPrintsBothNamesAndTheQr() {
    desktop.click(test("nav-stores"));
    desktop.waitFor(test("store-row"));
    desktop.screenshot("stores");
    desktop.click(test("store-terminals"));
    desktop.waitFor(test("terminal-row"));
    desktop.click(test("store-sticker"));
    assertThat(desktop.waitFor(test("sticker-name-en")).getText()).startsWith("Harbour Mart ");
    assertThat(desktop.waitFor(test("sticker-name-zh")).getText()).startsWith("海港超市");
    until(
        desktop,
        "const img = document.querySelector(\"[data-test='sticker-qr']\");"
            + " return img.complete && img.naturalWidth > 0;");
    desktop.screenshot("sticker");
    desktop.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
    try {
      assertThat(
              desktop.script(
                  "return getComputedStyle(document.querySelector('header.bar')).display"))
          .isEqualTo("none");
      assertThat(
              desktop.script("return getComputedStyle(document.querySelector('nav.tabs')).display"))
          .isEqualTo("none");
      desktop.screenshot("sticker-print");
    } finally {
      desktop.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
    }
    desktop.assertNoConsoleErrors();
  }

  @Test
  @Order(6)
  void webhookEndpointsAndTheDeliveryLog() throws Exception {
    String token =
        (String)
            desktop.script(
                "return JSON.parse(sessionStorage.getItem('hp.merchant.session')).token");
    try (WebhookReceiver receiver = new WebhookReceiver(0)) {
      desktop.click(test("nav-webhooks"));
      // Plain http to 127.0.0.1 is accepted only because the test server runs in demo mode.
      desktop.type(test("webhook-url"), receiver.url());
      desktop.click(test("webhook-add"));
      receiver.secret = desktop.waitFor(test("webhook-secret")).getText();
      assertThat(receiver.secret).startsWith("whsec_");
      desktop.waitForText(test("webhook-endpoints"), receiver.url());
      desktop.screenshot("webhooks-endpoint");

      // A payment after the endpoint exists: its payment.succeeded reaches the receiver, signed.
      String store =
          (String)
              phone.script("return document.querySelector(\"[data-test='till-store']\").value");
      String terminal =
          (String)
              phone.script("return document.querySelector(\"[data-test='till-terminal']\").value");
      String order =
          given()
              .header("Authorization", "Bearer " + token)
              .header("Idempotency-Key", "webhook-order-" + UUID.randomUUID())
              .contentType(ContentType.JSON)
              .body(
                  Map.of(
                      "amount",
                      4_20,
                      "currency",
                      "HKD",
                      "store",
                      store,
                      "terminal",
                      terminal,
                      "merchant_reference",
                      "webhook-" + UUID.randomUUID()))
              .post("/v1/merchant/orders")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      Api.Customer customer = Api.signUpWithPin();
      Api.fund(customer, "HKD", 10_00);
      customer
          .call()
          .body(Map.of("pin", Api.PIN))
          .post("/v1/orders/" + order + "/pay")
          .then()
          .statusCode(200);
      new WebDriverWait(desktop.driver(), Duration.ofSeconds(20))
          .until(driver -> !receiver.validEventIds().isEmpty());
      assertThat(receiver.invalid).isEmpty();
      String event = receiver.validEventIds().get(0);

      // The delivery log shows the attempt with the receiver's 200; redelivery sends it again.
      desktop.click(test("nav-till"));
      desktop.click(test("nav-webhooks"));
      WebElement row =
          desktop.waitFor(
              By.xpath("//li[@data-test='webhook-event'][contains(., '" + event + "')]"));
      assertThat(row.getText()).contains("payment.succeeded");
      row.findElement(By.cssSelector("button[aria-expanded]")).click();
      desktop.waitForText(test("webhook-attempt-status"), "200");
      desktop.screenshot("webhooks-delivery-log");
      row =
          desktop.waitFor(
              By.xpath("//li[@data-test='webhook-event'][contains(., '" + event + "')]"));
      row.findElement(test("webhook-redeliver")).click();
      new WebDriverWait(desktop.driver(), Duration.ofSeconds(20))
          .until(driver -> receiver.valid(event) == 2);
      assertThat(receiver.invalid).isEmpty();

      desktop.click(test("webhook-delete"));
      new WebDriverWait(desktop.driver(), Duration.ofSeconds(15))
          .until(
              driver ->
                  given()
                      .header("Authorization", "Bearer " + token)
                      .get("/v1/merchant/webhook-endpoints")
                      .then()
                      .statusCode(200)
                      .extract()
                      .jsonPath()
                      .getList("data.status")
                      .stream()
                      .noneMatch("enabled"::equals));
      desktop.assertNoConsoleErrors();
    }
  }

  @Test
  @Order(7)
  void aCashierSeesNoRefundButtonAndADirectRefundIsRefused() {
    desktop.click(test("logout"));
    desktop.waitFor(test("login-email"));
    signIn(desktop, console, CASHIER, CASHIER_PASSWORD);
    assertThat(desktop.driver().findElements(test("nav-keys"))).isEmpty();
    assertThat(desktop.driver().findElements(test("nav-users"))).isEmpty();
    assertThat(desktop.waitFor(test("who")).getText()).contains("cashier");
    desktop.get(console + "#/payment/" + qrPayment);
    desktop.waitForText(test("payment-amount"), "HK$12.30");
    assertThat(desktop.driver().findElements(test("refund-form"))).isEmpty();
    assertThat(desktop.driver().findElements(test("refund-submit"))).isEmpty();
    desktop.screenshot("cashier-payment");

    @SuppressWarnings("unchecked")
    Map<String, Object> refused =
        (Map<String, Object>)
            desktop.asyncScript(
                """
                const done = arguments[arguments.length - 1];
                const token = JSON.parse(sessionStorage.getItem('hp.merchant.session')).token;
                fetch('/v1/merchant/payments/' + arguments[0] + '/refunds', {
                  method: 'POST',
                  headers: { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json',
                             'Idempotency-Key': 'cashier-refund-attempt' },
                  body: JSON.stringify({ amount: 100 }),
                }).then(async (r) => done({ status: r.status, code: (await r.json()).error.code }));
                """,
                qrPayment);
    assertThat(refused).containsEntry("status", 403L).containsEntry("code", "role_not_permitted");
    desktop.forgiveConsole("/refunds");
    desktop.assertNoConsoleErrors();
  }

  @Test
  @Order(8)
  void theConsoleSpeaksHongKongChinese() {
    desktop.get(console + "#/till");
    desktop.waitFor(test("till-sale"));
    desktop.select(test("language"), "zh-HK");
    desktop.waitForText(test("nav-till"), "收銀");
    desktop.waitForText(test("till-show-qr"), "向顧客顯示二維碼");
    assertThat(desktop.script("return document.documentElement.lang")).isEqualTo("zh-HK");
    desktop.screenshot("till-zh-HK");
    desktop.click(test("nav-payments"));
    desktop.waitForText(test("heading"), "交易");
    desktop.screenshot("payments-zh-HK");
    desktop.script("localStorage.clear()");
    desktop.assertNoConsoleErrors();
  }
}

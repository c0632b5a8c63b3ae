package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static io.harbourpay.server.support.Merchants.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.Merchants;
import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The customer wallet in a real Chromium at 360 px, one customer's journey from sign-up to history,
 * in order: sign up with a one-time code and set the PIN, top up, pay a merchant's dynamic QR by
 * photo and by camera, pay by pay code (the test plays the till, reading the code off the screen
 * with ZXing), confirm a large payment with the PIN, make a code with the network off and charge it
 * once back online, send money, read the history and a receipt, switch to zh-HK.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalletBrowserTest {
  static final String PAYMENTS = "/v1/merchant/payments";
  static final long TOP_UP = 2_000_00;
  static final long ORDER_AMOUNT = 88_00;
  static final long STICKER_AMOUNT = 12_50;
  static final long CODE_AMOUNT = 50_00;
  static final long LARGE_AMOUNT = 600_00;
  static final long SENT_AMOUNT = 100_00;
  static final long WITHDRAWN = 99_50;

  @TestHTTPResource("/wallet/")
  URL wallet;

  Browser browser;
  String phone;
  Api.Customer customer;
  Shop shop;

  record Shop(String merchant, String store, String terminal, Merchants.Key key) {}

  @BeforeAll
  void open() {
    browser = Browser.open("wallet", Browser.PHONE);
  }

  @AfterAll
  void close() {
    if (browser != null) browser.close();
  }

  @Test
  @Order(1)
  void signUpWithTheOneTimeCodeAndSetThePin() {
    phone = Api.newPhone();
    browser.get(wallet.toString());
    browser.waitFor(test("phone-form"));
    browser.screenshot("login");
    enterPhoneAndCode(browser, phone);

    browser.waitFor(test("pin-form"));
    // The server's rule is shown next to the field it names.
    browser.type(test("field-pin"), "123456");
    browser.type(test("field-pin_repeat"), "123456");
    tap(browser, test("save-pin"));
    assertThat(browser.waitFor(test("error-pin")).getText()).isNotBlank();
    assertThat(browser.waitFor(test("field-pin")).getAttribute("aria-invalid")).isEqualTo("true");
    browser.screenshot("pin-too-simple");
    browser.forgiveConsole("400");
    browser.type(test("field-pin"), Api.PIN);
    browser.type(test("field-pin_repeat"), Api.PIN);
    tap(browser, test("save-pin"));

    browser.waitFor(test("no-wallets"));
    browser.screenshot("home-new");
    tap(browser, test("open-HKD"));
    browser.waitForText(test("balance-HKD"), "HK$0.00");
    assertThat(browser.driver().findElements(test("open-HKD"))).isEmpty();
    browser.screenshot("home-hkd-opened");
    customer = signedIn(browser, phone);
    Map<String, Object> me =
        customer.call().get("/v1/me").then().statusCode(200).extract().path("");
    assertThat(me).extractingByKey("pin").asString().contains("set=true");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void topUpShowsPendingThenTheBanksAnswer() {
    browser.get(wallet + "#/bank/topup");
    browser.waitFor(test("link-form"));
    linkBankAccount(browser, "12340000");
    browser.waitFor(test("bank-account"));
    // Ending 0000: the simulated bank declines (insufficient funds), shown after the pending state.
    browser.type(test("field-amount"), "10");
    tap(browser, test("topup-submit"));
    browser.waitForText(test("bank-status"), "not enough money");
    assertThat(browser.waitFor(test("bank-status")).getAttribute("data-status"))
        .isEqualTo("failed");
    browser.screenshot("topup-declined");

    browser.driver().findElement(By.cssSelector("details.card summary")).click();
    linkBankAccount(browser, "12344321");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(driver -> driver.findElements(test("bank-account")).size() == 2);
    browser.select(test("field-bank_account"), bankAccountEnding("4321"));
    browser.type(test("field-amount"), "2,000");
    tap(browser, test("topup-submit"));
    browser.waitForText(test("bank-status"), "HK$2,000.00");
    assertThat(browser.waitFor(test("bank-status")).getAttribute("data-status"))
        .isEqualTo("succeeded");
    browser.screenshot("topup-succeeded");
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP);
    browser.get(wallet + "#/home");
    browser.waitForText(test("balance-HKD"), "HK$2,000.00");
    browser.screenshot("home-funded");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(3)
  void payAMerchantsDynamicQrFromAPhoto() throws IOException {
    shop = shop();
    Response created =
        send(shop.key(), "POST", "/v1/merchant/orders", order(ORDER_AMOUNT, "table-7"));
    created.then().statusCode(201);
    String order = created.path("id");
    Path png = Files.createTempFile("order-", ".png");
    Response qr = send(shop.key(), "GET", "/v1/merchant/orders/" + order + "/qr.png", null);
    qr.then().statusCode(200).contentType("image/png");
    Files.write(png, qr.asByteArray());

    browser.get(wallet + "#/scan");
    browser.waitFor(test("start-camera"));
    browser.screenshot("scan");
    payFromPhoto(browser, png, "HK$88.00", "Central");
    send(shop.key(), "GET", "/v1/merchant/orders/" + order, null)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("paid"));
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP - ORDER_AMOUNT);
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(4)
  void payAStoreStickerThroughAFakeCamera() throws IOException {
    Response qr = send(shop.key(), "GET", "/v1/merchant/stores/" + shop.store() + "/qr.png", null);
    qr.then().statusCode(200).contentType("image/png");
    byte[] sticker = qr.asByteArray();
    Path video = Files.createTempFile("sticker-", ".y4m");
    writeY4m(ImageIO.read(new ByteArrayInputStream(sticker)), video);
    try (Browser camera =
        Browser.open(
            "wallet-camera",
            Browser.PHONE,
            "--use-fake-ui-for-media-stream",
            "--use-fake-device-for-media-stream",
            "--use-file-for-fake-video-capture=" + video)) {
      signInAs(camera);
      camera.get(wallet + "#/scan");
      tap(camera, test("start-camera"));
      // No BarcodeDetector on desktop Linux: frames go to POST /v1/qr/scan until one reads.
      try {
        camera.waitFor(test("field-amount"));
      } catch (TimeoutException notRead) {
        throw new AssertionError(
            "The camera did not read the sticker: " + camera.describe("scan-status"), notRead);
      }
      camera.screenshot("camera-sticker");
      assertThat(camera.waitFor(test("pay-merchant")).getText()).startsWith("Test Merchant");
      camera.type(test("field-amount"), "12.5");
      camera.type(test("field-pin"), Api.PIN);
      tap(camera, test("pay-submit"));
      camera.waitForText(test("pay-result"), "HK$12.50");
      camera.screenshot("paid-sticker");
      // Frames without a readable code answer 400 qr_not_found while the camera settles.
      camera.forgiveConsole("/v1/qr/scan");
      camera.assertNoConsoleErrors();
    }
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP - ORDER_AMOUNT - STICKER_AMOUNT);
  }

  @Test
  @Order(5)
  void theTillReadsThePayCodeOffTheScreenAndChargesIt() throws IOException {
    browser.get(wallet + "#/paycode");
    String shown = shownCode();
    assertThat(shown).matches("88\\d{16}");
    // The lease the phone keeps is the one the platform holds for its newest device.
    Map<String, Object> lease =
        customer
            .call()
            .get("/v1/paycode/devices/current")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    assertThat(shown.substring(2, 10)).isEqualTo(lease.get("device_id"));
    // The phone keeps the id and lease; the secret only as a non-extractable key in IndexedDB.
    assertThat((String) browser.localStorage().get("hp.wallet.paycode-device"))
        .contains(shown.substring(2, 10))
        .doesNotContain("secret");
    browser.waitForText(test("paycode-countdown"), " s");
    Path screen = browser.screenshot("paycode");
    // Both images decode to the code on screen: the QR from the screenshot and from its canvas,
    // the barcode from its canvas.
    assertThat(decode(ImageIO.read(screen.toFile()), BarcodeFormat.QR_CODE)).isEqualTo(shown);
    assertThat(decode(canvas("paycode-qr"), BarcodeFormat.QR_CODE)).isEqualTo(shown);
    assertThat(decode(canvas("paycode-barcode"), BarcodeFormat.CODE_128)).isEqualTo(shown);

    // A code is accepted for its own minute and two more, so the till has time.
    charge(shown, CODE_AMOUNT, "code-1")
        .then()
        .statusCode(201)
        .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
    assertThat(Api.balance(customer, "HKD"))
        .isEqualTo(TOP_UP - ORDER_AMOUNT - STICKER_AMOUNT - CODE_AMOUNT);
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(6)
  void aLargePaymentPopsUpOnThePayCodeScreenAndTheCustomerConfirmsIt() throws IOException {
    freshDevice();
    browser.get(wallet + "#/home");
    browser.get(wallet + "#/paycode");
    Response refused = charge(shownCode(), LARGE_AMOUNT, "large-0");
    refused.then().statusCode(202);
    browser.waitForText(test("confirm-body"), "HK$600.00");
    tap(browser, test("confirm-decline"));
    browser.waitFor(test("toast-info"));
    send(shop.key(), "GET", PAYMENTS + "/" + refused.path("id"), null)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("failed"))
        .body("failure_code", org.hamcrest.Matchers.equalTo("declined_by_customer"));

    freshDevice();
    browser.get(wallet + "#/home");
    browser.get(wallet + "#/paycode");
    Response held = charge(shownCode(), LARGE_AMOUNT, "large-1");
    held.then()
        .statusCode(202)
        .body("status", org.hamcrest.Matchers.equalTo("requires_confirmation"));
    String payment = held.path("id");
    browser.waitForText(test("confirm-body"), "HK$600.00");
    browser.screenshot("confirm-large");
    browser.type(test("field-pin"), Api.PIN);
    tap(browser, test("confirm-pay"));
    browser.waitFor(test("toast-ok"));
    send(shop.key(), "GET", PAYMENTS + "/" + payment, null)
        .then()
        .statusCode(200)
        .body("status", org.hamcrest.Matchers.equalTo("succeeded"));
    assertThat(Api.balance(customer, "HKD")).isEqualTo(spentSoFar(LARGE_AMOUNT));
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(7)
  void aCodeMadeWithTheNetworkOffIsAcceptedOnceBackOnline() {
    freshDevice();
    browser.get(wallet + "#/home");
    browser.get(wallet + "#/paycode");
    shownCode(); // registered online, lease stored
    ChromiumNetworkConditions offline = new ChromiumNetworkConditions();
    offline.setOffline(true);
    browser.driver().setNetworkConditions(offline);
    try {
      browser.driver().navigate().refresh();
      browser.waitFor(test("offline-banner"));
      String made = shownCode();
      browser.screenshot("paycode-offline");
      browser.driver().deleteNetworkConditions();
      Response charged = charge(made, CODE_AMOUNT, "offline-1");
      charged.then().statusCode(201).body("status", org.hamcrest.Matchers.equalTo("succeeded"));
    } finally {
      browser.driver().deleteNetworkConditions();
    }
    assertThat(Api.balance(customer, "HKD")).isEqualTo(spentSoFar(LARGE_AMOUNT + CODE_AMOUNT));
    // The app shell is in the service worker's cache.
    assertThat(
            browser.asyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "navigator.serviceWorker.ready"
                    + ".then(() => caches.match('/wallet/paycode.js'))"
                    + ".then((hit) => done(!!hit && !!navigator.serviceWorker.controller));"))
        .isEqualTo(true);

    // Past the lease, and offline (so nothing can renew it): no code, and the screen says why.
    browser.script(
        "const d = JSON.parse(localStorage.getItem('hp.wallet.paycode-device'));"
            + "d.offline_until = new Date(Date.now() - 60000).toISOString();"
            + "localStorage.setItem('hp.wallet.paycode-device', JSON.stringify(d));");
    browser.driver().setNetworkConditions(offline);
    try {
      browser.driver().navigate().refresh();
      browser.waitForText(test("paycode-lease-ended"), "offline too long");
      assertThat(browser.driver().findElements(test("paycode-qr"))).isEmpty();
      browser.screenshot("paycode-lease-ended");
    } finally {
      browser.driver().deleteNetworkConditions();
    }
    browser.forgiveConsole("ERR_INTERNET_DISCONNECTED");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(8)
  void sendMoneyToAMobileNumber() {
    Api.Customer friend = Api.signUp();
    browser.get(wallet + "#/transfer");
    browser.type(test("field-to_phone"), friend.phone());
    browser.type(test("field-amount"), "100");
    browser.type(test("field-memo"), "dinner");
    browser.type(test("field-pin"), "135792");
    tap(browser, test("transfer-submit"));
    // A wrong PIN: the server's message, next to the PIN.
    assertThat(browser.waitFor(test("error-pin")).getText()).contains("attempts left");
    browser.screenshot("transfer-wrong-pin");
    browser.forgiveConsole("402");
    browser.type(test("field-pin"), Api.PIN);
    // The answer to the first try is lost on the way back (the server did move the money): the
    // page says the network failed, and the retry carries the same Idempotency-Key.
    browser.script(
        "const original = window.fetch; window.transferKeys = [];"
            + "window.fetch = async (input, init) => {"
            + "  const response = await original(input, init);"
            + "  if (String(input) === '/v1/transfers' && init && init.method === 'POST') {"
            + "    window.transferKeys.push(init.headers['Idempotency-Key']);"
            + "    if (window.transferKeys.length === 1) throw new TypeError('Failed to fetch');"
            + "  }"
            + "  return response;"
            + "};");
    tap(browser, test("transfer-submit"));
    browser.waitForText(test("toast-error"), "No connection");
    browser.screenshot("transfer-answer-lost");
    // The person leaves the screen and comes back: the form is drawn afresh, and the identical
    // retry must still carry the first key.
    browser.script("location.hash = '#/home'");
    browser.waitFor(test("balance-HKD"));
    browser.script("location.hash = '#/transfer'");
    browser.type(test("field-to_phone"), friend.phone());
    browser.type(test("field-amount"), "100");
    browser.type(test("field-memo"), "dinner");
    browser.type(test("field-pin"), Api.PIN);
    tap(browser, test("transfer-submit"));
    browser.waitForText(test("transfer-result"), friend.phone());
    @SuppressWarnings("unchecked")
    List<String> keys = (List<String>) browser.script("return window.transferKeys");
    assertThat(keys).hasSize(2);
    assertThat(keys.get(1)).isEqualTo(keys.get(0));
    browser.screenshot("transfer-sent");
    assertThat(Api.balance(friend, "HKD")).isEqualTo(SENT_AMOUNT);
    assertThat(Api.balance(customer, "HKD"))
        .isEqualTo(spentSoFar(LARGE_AMOUNT + CODE_AMOUNT + SENT_AMOUNT));
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(9)
  void historyFiltersAndAReceipt() {
    browser.get(wallet + "#/history");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(driver -> driver.findElements(test("txn")).size() >= 6);
    browser.screenshot("history");
    browser.select(test("field-type"), "p2p_out");
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(
            driver ->
                driver.findElements(test("txn")).size() == 1
                    && "p2p_out".equals(driver.findElement(test("txn")).getAttribute("data-type")));
    WebElement sent = browser.waitFor(test("txn"));
    assertThat(sent.getText()).contains("HK$100.00").contains("dinner");
    sent.findElement(By.tagName("a")).click();
    browser.waitForText(test("receipt-amount"), "100.00");
    assertThat(browser.waitFor(test("receipt-text")).getText()).contains("100.00");
    browser.screenshot("receipt");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(10)
  void verifyIdentityThenWithdrawToTheBank() {
    browser.get(wallet + "#/me");
    assertThat(browser.waitFor(test("limit-HKD")).getText()).contains("HK$3,000.00");
    browser.screenshot("me");
    String review =
        submitIdentity(browser, customer, Api.hkid(System.nanoTime() % 1_000_000), "Chan Tai Man");
    Api.operator()
        .body(Map.of("note", "documents checked"))
        .post("/v1/operator/identity-reviews/" + review + "/approve")
        .then()
        .statusCode(200);
    browser.get(wallet + "#/home");
    browser.get(wallet + "#/me");
    browser.waitForText(test("me-tier"), "Intermediate");
    browser.waitForText(test("kyc-status"), "approved");

    browser.get(wallet + "#/bank/withdraw");
    browser.select(test("field-bank_account"), bankAccountEnding("4321"));
    browser.type(test("field-amount"), "99.50");
    browser.type(test("field-pin"), Api.PIN);
    tap(browser, test("withdraw-submit"));
    browser.waitForText(test("bank-status"), "HK$99.50");
    assertThat(browser.waitFor(test("bank-status")).getAttribute("data-status"))
        .isEqualTo("succeeded");
    browser.screenshot("withdrawn");
    assertThat(Api.balance(customer, "HKD"))
        .isEqualTo(spentSoFar(LARGE_AMOUNT + CODE_AMOUNT + SENT_AMOUNT + WITHDRAWN));
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(11)
  void zhHkShowsTheSameMoneyInTraditionalChinese() {
    browser.get(wallet + "#/home");
    browser.waitFor(test("balance-HKD"));
    browser.select(test("language"), "zh-HK");
    browser.waitForText(test("nav-home"), "主頁");
    long left = spentSoFar(LARGE_AMOUNT + CODE_AMOUNT + SENT_AMOUNT + WITHDRAWN);
    String expected = String.format(java.util.Locale.ROOT, "%,d.%02d", left / 100, left % 100);
    browser.waitForText(test("balance-HKD"), expected);
    assertThat(browser.waitFor(test("balances")).getText()).contains("結餘");
    browser.screenshot("home-zh-HK");
    browser.get(wallet + "#/me");
    browser.waitForText(test("me-tier"), "中級");
    browser.screenshot("me-zh-HK");
    browser.select(test("language"), "en");
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(13)
  void aScreenStillLoadingWhenThePersonMovesOnStaysOffTheNextScreen() {
    browser.get(wallet + "#/home");
    browser.waitFor(test("balance-HKD"));
    // The Me screen's first request answers late; the person has moved to History by then.
    browser.script(
        "const original = window.fetch; window.meAnswered = false;"
            + "window.fetch = async (input, init) => {"
            + "  if (String(input) !== '/v1/me') return original(input, init);"
            + "  await new Promise((resolve) => setTimeout(resolve, 1000));"
            + "  const response = await original(input, init);"
            + "  setTimeout(() => { window.meAnswered = true; }, 200);"
            + "  return response;"
            + "};");
    browser.script("location.hash = '#/me'");
    browser.script("location.hash = '#/history'");
    browser.waitFor(test("history"));
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(driver -> Boolean.TRUE.equals(browser.script("return window.meAnswered")));
    browser.screenshot("late-screen-stays-off");
    assertThat(browser.driver().findElements(test("me")))
        .as("the Me screen's card, drawn after the person left it")
        .isEmpty();
    assertThat(browser.driver().findElements(test("logout"))).isEmpty();
    assertThat(browser.driver().findElements(test("history"))).hasSize(1);
    browser.assertNoConsoleErrors();
  }

  @Test
  @Order(12)
  void theScanEndpointAnswersLikeDecodeAndRefusesClearly() throws IOException {
    Response created =
        send(shop.key(), "POST", "/v1/merchant/orders", order(ORDER_AMOUNT, "table-8"));
    byte[] png =
        send(shop.key(), "GET", "/v1/merchant/orders/" + created.path("id") + "/qr.png", null)
            .asByteArray();
    Map<String, Object> decoded =
        customer
            .call()
            .body(Map.of("payload", created.path("payload")))
            .post("/v1/qr/decode")
            .then()
            .statusCode(200)
            .extract()
            .path("");
    Map<String, Object> scanned = scan(png, "image/png").then().statusCode(200).extract().path("");
    assertThat(scanned).isEqualTo(decoded);

    scan(new byte[0], "image/png")
        .then()
        .statusCode(400)
        .body("error.code", org.hamcrest.Matchers.equalTo("parameter_missing"))
        .body("error.param", org.hamcrest.Matchers.equalTo("image"));
    scan(new byte[3 * 1024 * 1024], "image/jpeg")
        .then()
        .statusCode(400)
        .body("error.code", org.hamcrest.Matchers.equalTo("image_too_large"));
    scan("not a picture".getBytes(java.nio.charset.StandardCharsets.US_ASCII), "image/png")
        .then()
        .statusCode(400)
        .body("error.code", org.hamcrest.Matchers.equalTo("image_unreadable"));
    BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
    java.io.ByteArrayOutputStream blankPng = new java.io.ByteArrayOutputStream();
    ImageIO.write(blank, "png", blankPng);
    scan(blankPng.toByteArray(), "image/png")
        .then()
        .statusCode(400)
        .body("error.code", org.hamcrest.Matchers.equalTo("qr_not_found"));
    Api.anonymous().contentType("image/png").body(png).post("/v1/qr/scan").then().statusCode(401);
    customer
        .call()
        .contentType("text/plain")
        .body("hello")
        .post("/v1/qr/scan")
        .then()
        .statusCode(415);
  }

  Response scan(byte[] image, String type) {
    return customer.call().contentType(type).body(image).post("/v1/qr/scan");
  }

  // ---------------------------------------------------------------------------------------------

  /** Clicks after scrolling the element to the middle, clear of the fixed bottom navigation. */
  static void tap(Browser on, By by) {
    WebElement element = on.waitFor(by);
    on.script("arguments[0].scrollIntoView({block: 'center'})", element);
    on.click(by);
  }

  long spentSoFar(long more) {
    return TOP_UP - ORDER_AMOUNT - STICKER_AMOUNT - CODE_AMOUNT - more;
  }

  /** The code the wallet shows now (its digits, which the images must match). */
  String shownCode() {
    return shownCode(browser);
  }

  /** The customer the wallet in {@code on} is signed in as (its session, for API checks). */
  static Api.Customer signedIn(Browser on, String phone) {
    Map<String, Object> stored = on.localStorage();
    return new Api.Customer(
        phone,
        (String) stored.get("hp.wallet.token"),
        (String) stored.get("hp.wallet.customer"),
        Api.newAddress());
  }

  static String shownCode(Browser on) {
    WebElement digits = on.waitFor(test("paycode-digits"));
    new WebDriverWait(on.driver(), Duration.ofSeconds(15))
        .until(driver -> digits.getAttribute("data-code") != null);
    return digits.getAttribute("data-code");
  }

  /** Types the phone number and the one-time code the SMS carried, and signs in. */
  static void enterPhoneAndCode(Browser on, String phone) {
    on.type(test("field-phone"), phone);
    tap(on, test("send-code"));
    on.waitForText(test("code-sent"), phone);
    // The test reads the SMS the way the customer would; the page itself never can.
    on.type(test("field-code"), Api.code(phone));
    on.screenshot("code");
    tap(on, test("sign-in"));
  }

  /** Links a bank account at bank 004 in the top-up / withdraw screen's form. */
  static void linkBankAccount(Browser on, String accountNumber) {
    on.type(test("field-bank_code"), "004");
    on.type(test("field-account_number"), accountNumber);
    on.type(test("field-holder_name"), "Chan Tai Man");
    tap(on, test("link-submit"));
  }

  /**
   * On the scan screen: a photo of a dynamic QR for {@code amount} at {@code store} (null: any),
   * paid with the PIN; the payment succeeds.
   */
  static void payFromPhoto(Browser on, Path png, String amount, String store) {
    on.driver().findElement(test("scan-file")).sendKeys(png.toString());
    try {
      on.waitForText(test("pay-amount"), amount);
    } catch (TimeoutException notShown) {
      throw new AssertionError(
          "The order's amount "
              + amount
              + " did not appear after the photo was chosen: "
              + on.describe("scan-status", "pay-amount"),
          notShown);
    }
    if (store != null) {
      assertThat(on.waitFor(test("pay-store")).getText()).isEqualTo(store);
    }
    on.screenshot("pay-order");
    on.type(test("field-pin"), Api.PIN);
    tap(on, test("pay-submit"));
    on.waitForText(test("pay-result"), amount);
    assertThat(on.waitFor(test("pay-result")).getAttribute("data-status")).isEqualTo("succeeded");
    on.screenshot("paid-order");
  }

  /**
   * Submits the identity form on the me screen (HKID, for the intermediate tier); returns the
   * review's id.
   */
  static String submitIdentity(
      Browser on, Api.Customer customer, String documentNumber, String fullName) {
    on.select(test("field-document_type"), "hkid");
    on.type(test("field-document_number"), documentNumber);
    on.type(test("field-full_name"), fullName);
    on.script("arguments[0].value = '1985-06-15'", on.waitFor(test("field-date_of_birth")));
    on.select(test("field-requested_tier"), "intermediate");
    tap(on, test("kyc-submit"));
    on.waitForText(test("kyc-status"), "waiting for review");
    on.screenshot("kyc-submitted");
    return customer
        .call()
        .get("/v1/me/identity-reviews/latest")
        .then()
        .statusCode(200)
        .extract()
        .path("id");
  }

  /** Another phone: a new device has a new id, so its codes are fresh whatever the minute. */
  void freshDevice() {
    browser.script("localStorage.removeItem('hp.wallet.paycode-device')");
  }

  Response charge(String code, long amount, String reference) {
    String body =
        "{\"pay_code\":\""
            + code
            + "\",\"amount\":"
            + amount
            + ",\"currency\":\"HKD\",\"store\":\""
            + shop.store()
            + "\",\"terminal\":\""
            + shop.terminal()
            + "\",\"merchant_reference\":\""
            + reference
            + "\"}";
    return send(shop.key(), "POST", PAYMENTS, body);
  }

  String order(long amount, String reference) {
    return "{\"amount\":"
        + amount
        + ",\"currency\":\"HKD\",\"store\":\""
        + shop.store()
        + "\",\"terminal\":\""
        + shop.terminal()
        + "\",\"merchant_reference\":\""
        + reference
        + "\"}";
  }

  static Shop shop() {
    String merchant = Merchants.onboard();
    String store = Merchants.addStore(merchant, "Central");
    String terminal =
        Api.operator()
            .body(Map.of("label", "Till 1"))
            .post("/v1/operator/merchants/" + merchant + "/stores/" + store + "/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    return new Shop(merchant, store, terminal, Merchants.createKey(merchant));
  }

  String bankAccountEnding(String ending) {
    List<Map<String, Object>> accounts =
        customer.call().get("/v1/bank-accounts").then().statusCode(200).extract().path("data");
    return accounts.stream()
        .filter(account -> ((String) account.get("account_number")).endsWith(ending))
        .map(account -> (String) account.get("id"))
        .findFirst()
        .orElseThrow();
  }

  /** A second browser signed in as the same customer (as the same phone would be). */
  void signInAs(Browser other) {
    other.get(wallet.toString());
    other.script(
        "localStorage.setItem('hp.wallet.token', arguments[0]);"
            + "localStorage.setItem('hp.wallet.customer', arguments[1]);",
        customer.token(),
        customer.id());
  }

  BufferedImage canvas(String name) throws IOException {
    String url =
        (String)
            browser.script(
                "return document.querySelector(\"[data-test='" + name + "']\").toDataURL()");
    byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    return ImageIO.read(new ByteArrayInputStream(png));
  }

  static String decode(BufferedImage image, BarcodeFormat format) {
    Map<DecodeHintType, Object> hints = new EnumMap<>(DecodeHintType.class);
    hints.put(DecodeHintType.POSSIBLE_FORMATS, List.of(format));
    hints.put(DecodeHintType.TRY_HARDER, Boolean.TRUE);
    try {
      return new MultiFormatReader()
          .decode(
              new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))), hints)
          .getText();
    } catch (NotFoundException notFound) {
      throw new AssertionError("no " + format + " in the image", notFound);
    }
  }

  /**
   * A YUV4MPEG2 video of one still picture, centred on a white 640 × 480 frame: what Chromium's
   * fake camera plays in a loop.
   */
  static void writeY4m(BufferedImage original, Path file) throws IOException {
    int width = 640;
    int height = 480;
    int side = Math.min(400, Math.min(original.getWidth(), original.getHeight()));
    BufferedImage picture = new BufferedImage(side, side, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D graphics = picture.createGraphics();
    graphics.drawImage(original, 0, 0, side, side, null);
    graphics.dispose();
    int frames = 5;
    byte[] luma = new byte[width * height];
    int left = (width - picture.getWidth()) / 2;
    int top = (height - picture.getHeight()) / 2;
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int px = x - left;
        int py = y - top;
        boolean inside = px >= 0 && py >= 0 && px < picture.getWidth() && py < picture.getHeight();
        int rgb = inside ? picture.getRGB(px, py) : 0xffffff;
        int gray = ((rgb >> 16 & 0xff) * 299 + (rgb >> 8 & 0xff) * 587 + (rgb & 0xff) * 114) / 1000;
        luma[y * width + x] = (byte) gray;
      }
    }
    byte[] chroma = new byte[width * height / 4];
    java.util.Arrays.fill(chroma, (byte) 128);
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          ("YUV4MPEG2 W" + width + " H" + height + " F10:1 Ip A1:1 C420jpeg\n")
              .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      for (int frame = 0; frame < frames; frame++) {
        out.write("FRAME\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(luma);
        out.write(chroma);
        out.write(chroma);
      }
    }
  }
}

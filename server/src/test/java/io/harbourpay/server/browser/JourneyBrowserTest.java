package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static io.harbourpay.server.browser.WalletBrowserTest.tap;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
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
 * The main journey across the three web apps, each in its own Chromium, through the screens only
 * (the API is used to read the one-time code the SMS carries and to double-check at the end of a
 * step): a new customer signs up and tops up in the wallet, pays the demo merchant's till twice
 * (the till's dynamic QR fed to the wallet's photo input, then the wallet's pay code read off the
 * screen and typed into the till), the merchant owner refunds part of the first payment, and the
 * compliance officer approves the customer's identity verification.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyBrowserTest {
  static final long TOP_UP = 1_000_00;
  static final long QR_AMOUNT = 88_00;
  static final long CODE_AMOUNT = 45_60;
  static final long REFUND = 10_00;

  @TestHTTPResource("/wallet/")
  URL walletApp;

  @TestHTTPResource("/merchant/")
  URL merchantApp;

  @TestHTTPResource("/operator/")
  URL operatorApp;

  Browser wallet;
  Browser till;
  Browser operator;
  Api.Customer customer;
  String qrPayment;

  @BeforeAll
  void open() {
    wallet = Browser.open("journey-wallet", Browser.PHONE);
    till = Browser.open("journey-merchant", Browser.DESKTOP);
    operator = Browser.open("journey-operator", Browser.DESKTOP);
  }

  @AfterAll
  void close() {
    for (Browser browser : new Browser[] {wallet, till, operator}) {
      if (browser != null) browser.close();
    }
  }

  @Test
  @Order(1)
  void aNewCustomerSignsUpInTheWallet() {
    String phone = Api.newPhone();
    wallet.get(walletApp.toString());
    WalletBrowserTest.enterPhoneAndCode(wallet, phone);
    wallet.type(test("field-pin"), Api.PIN);
    wallet.type(test("field-pin_repeat"), Api.PIN);
    tap(wallet, test("save-pin"));
    wallet.waitFor(test("no-wallets"));
    tap(wallet, test("open-HKD"));
    wallet.waitForText(test("balance-HKD"), money(0));
    wallet.screenshot("signed-up");

    customer = WalletBrowserTest.signedIn(wallet, phone);
    assertThat(Api.balance(customer, "HKD")).isZero();
    wallet.assertNoConsoleErrors();
  }

  @Test
  @Order(2)
  void theCustomerTopsUpFromALinkedBankAccount() {
    wallet.get(walletApp + "#/bank/topup");
    WalletBrowserTest.linkBankAccount(wallet, "12344321");
    wallet.waitFor(test("bank-account"));
    wallet.type(test("field-amount"), "1,000");
    tap(wallet, test("topup-submit"));
    // The simulated bank answers later; the page shows pending until then.
    wallet.waitForText(test("bank-status"), money(TOP_UP));
    assertThat(wallet.waitFor(test("bank-status")).getAttribute("data-status"))
        .isEqualTo("succeeded");
    wallet.screenshot("topped-up");
    homeShows(TOP_UP, "home-funded");
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP);
    wallet.assertNoConsoleErrors();
  }

  @Test
  @Order(3)
  void theTillShowsAQrTheWalletScansAndPays() throws IOException {
    MerchantConsoleBrowserTest.signIn(
        till,
        merchantApp,
        MerchantConsoleBrowserTest.OWNER,
        MerchantConsoleBrowserTest.OWNER_PASSWORD);
    till.type(test("till-amount"), "88");
    till.click(test("till-show-qr"));
    MerchantConsoleBrowserTest.state(till, "open");
    till.waitForText(test("till-order-amount"), money(QR_AMOUNT));
    MerchantConsoleBrowserTest.until(
        till,
        "const img = document.querySelector(\"[data-test='till-qr']\");"
            + " return img.complete && img.naturalWidth > 0;");
    till.screenshot("till-qr");
    // The picture the till shows (a blob: URL), as the customer's camera would see it.
    String dataUrl =
        (String)
            till.asyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch(arguments[0].src).then((r) => r.blob()).then((blob) => {"
                    + "  const reader = new FileReader();"
                    + "  reader.onload = () => done(reader.result);"
                    + "  reader.readAsDataURL(blob);"
                    + "});",
                till.waitFor(test("till-qr")));
    Path png = Files.createTempFile("till-qr-", ".png");
    Files.write(png, Base64.getDecoder().decode(dataUrl.substring(dataUrl.indexOf(',') + 1)));

    wallet.get(walletApp + "#/scan");
    wallet.waitFor(test("start-camera"));
    WalletBrowserTest.payFromPhoto(wallet, png, money(QR_AMOUNT), null);

    assertThat(MerchantConsoleBrowserTest.state(till, "paid").getText()).contains("Paid");
    qrPayment = till.waitFor(test("till-payment")).getText();
    assertThat(qrPayment).startsWith("pay_");
    till.screenshot("till-paid");
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP - QR_AMOUNT);
    till.assertNoConsoleErrors();
    wallet.assertNoConsoleErrors();
  }

  @Test
  @Order(4)
  void theTillChargesThePayCodeReadOffTheWalletScreen() throws IOException {
    wallet.get(walletApp + "#/paycode");
    String shown = WalletBrowserTest.shownCode(wallet);
    Path screen = wallet.screenshot("paycode");
    String code = WalletBrowserTest.decode(ImageIO.read(screen.toFile()), BarcodeFormat.QR_CODE);
    assertThat(code).matches("88\\d{16}").isEqualTo(shown);

    MerchantConsoleBrowserTest.enterPayCode(till, "45.60", code);
    till.screenshot("till-pay-code");
    till.click(test("till-charge"));
    MerchantConsoleBrowserTest.state(till, "succeeded");
    till.waitForText(test("till-order-amount"), money(CODE_AMOUNT));
    till.screenshot("till-pay-code-paid");

    homeShows(TOP_UP - QR_AMOUNT - CODE_AMOUNT, "home-after-payments");
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP - QR_AMOUNT - CODE_AMOUNT);
    till.assertNoConsoleErrors();
    wallet.assertNoConsoleErrors();
  }

  @Test
  @Order(5)
  void theMerchantRefundsPartOfTheQrPaymentAndTheWalletShowsIt() {
    assertThat(qrPayment).as("the QR payment step ran").isNotNull();
    till.get(merchantApp + "#/payment/" + qrPayment);
    till.waitForText(test("payment-amount"), money(QR_AMOUNT));
    till.waitForText(test("payment-refunded"), money(0));
    till.type(test("refund-amount"), "10");
    till.type(test("refund-reason"), "one item returned");
    till.click(test("refund-submit"));
    till.waitForText(test("payment-refunded"), money(REFUND));
    till.waitForText(test("payment-refundable"), money(QR_AMOUNT - REFUND));
    assertThat(till.driver().findElements(test("refund-row"))).hasSize(1);
    till.screenshot("payment-refunded");

    long left = TOP_UP - QR_AMOUNT - CODE_AMOUNT + REFUND;
    wallet.get(walletApp + "#/history");
    wallet.select(test("field-type"), "refund");
    new WebDriverWait(wallet.driver(), Duration.ofSeconds(15))
        .until(
            driver -> {
              List<WebElement> rows = driver.findElements(test("txn"));
              return rows.size() == 1 && "refund".equals(rows.get(0).getAttribute("data-type"));
            });
    assertThat(wallet.waitFor(test("txn-amount")).getText()).contains(money(REFUND));
    wallet.screenshot("history-refund");
    homeShows(left, "home-after-refund");
    assertThat(Api.balance(customer, "HKD")).isEqualTo(left);
    till.assertNoConsoleErrors();
    wallet.assertNoConsoleErrors();
  }

  @Test
  @Order(6)
  void theComplianceOfficerApprovesTheCustomersIdentity() {
    wallet.get(walletApp + "#/me");
    wallet.waitForText(test("limit-HKD"), "HK$3,000.00");
    String review =
        WalletBrowserTest.submitIdentity(
            wallet,
            customer,
            Api.hkid(Math.floorMod(customer.phone().hashCode(), 1_000_000)),
            "Chan Tai Man");

    OperatorConsoleBrowserTest.login(
        operator,
        operatorApp,
        OperatorConsoleBrowserTest.COMPLIANCE,
        OperatorConsoleBrowserTest.COMPLIANCE_PASSWORD);
    operator.script("location.hash = arguments[0]", "#/reviews");
    By row = By.cssSelector("[data-test='review-row'][data-id='" + review + "']");
    operator.waitFor(row);
    operator.screenshot("reviews");
    operator.click(
        By.cssSelector(
            "[data-test='review-row'][data-id='" + review + "'] [data-test='review-open']"));
    operator.waitForText(test("review-name"), "Chan Tai Man");
    operator.type(By.cssSelector("[data-test='approve'] [name='note']"), "HKID checked");
    operator.screenshot("review-detail");
    operator.click(test("approve-submit"));
    operator.waitFor(test("toast-ok"));
    new WebDriverWait(operator.driver(), Duration.ofSeconds(15))
        .until(driver -> driver.findElements(row).isEmpty());
    operator.screenshot("review-approved");

    wallet.get(walletApp + "#/home");
    wallet.get(walletApp + "#/me");
    wallet.waitForText(test("me-tier"), "Intermediate");
    wallet.waitForText(test("kyc-status"), "approved");
    wallet.waitForText(test("limit-HKD"), "HK$10,000.00");
    wallet.screenshot("me-intermediate");
    customer
        .call()
        .get("/v1/me")
        .then()
        .statusCode(200)
        .body("customer.tier", org.hamcrest.Matchers.equalTo("intermediate"));
    assertThat(Api.balance(customer, "HKD")).isEqualTo(TOP_UP - QR_AMOUNT - CODE_AMOUNT + REFUND);
    operator.assertNoConsoleErrors();
    wallet.assertNoConsoleErrors();
  }

  /** The wallet's home screen shows this HKD balance (the screen is opened afresh). */
  void homeShows(long balance, String screenshot) {
    wallet.get(walletApp + "#/home");
    wallet.waitForText(test("balance-HKD"), money(balance));
    wallet.screenshot(screenshot);
  }

  /** How the apps show an HKD amount in English: HK$1,234.50. */
  static String money(long minor) {
    return String.format(Locale.ROOT, "HK$%,d.%02d", minor / 100, minor % 100);
  }
}

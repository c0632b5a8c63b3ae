package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;

/**
 * The landing page and the shared front-end module, in a real Chromium: the three languages, and
 * money formatting and parsing (exact, in minor units, never through a float).
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SharedAssetsBrowserTest {
  @TestHTTPResource("/")
  URL root;

  Browser browser;

  @BeforeAll
  void open() {
    browser = Browser.open("shared", Browser.PHONE);
  }

  @AfterAll
  void close() {
    if (browser != null) browser.close();
  }

  @Test
  void landingLinksTheThreeAppsInEveryLanguage() {
    browser.get(root.toString());
    browser.waitForText(test("wallet-link"), "Customer wallet");
    browser.screenshot("landing-en");
    browser.select(test("language"), "zh-HK");
    browser.waitForText(test("wallet-link"), "客戶錢包");
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-HK");
    browser.screenshot("landing-zh-HK");
    browser.select(test("language"), "zh-CN");
    browser.waitForText(test("operator-link"), "运营后台");
    // The choice is remembered for the next visit.
    browser.get(root.toString());
    browser.waitForText(test("operator-link"), "运营后台");
    browser.script("localStorage.clear()");
    assertThat(browser.driver().findElements(By.cssSelector("[data-test='apps'] a"))).hasSize(4);
    browser.assertNoConsoleErrors();
  }

  @Test
  @SuppressWarnings("unchecked")
  void moneyIsFormattedAndParsedExactly() {
    browser.get(root.toString());
    browser.waitFor(test("apps"));
    Map<String, Object> out =
        (Map<String, Object>)
            browser.asyncScript(
                """
                const done = arguments[arguments.length - 1];
                import('/assets/hp.js').then((hp) => {
                  const parse = (text, currency) => {
                    try { return hp.parseAmount(text, currency); } catch (e) { return e.code; }
                  };
                  done({
                    en: hp.formatMoney(123456, 'HKD', 'en'),
                    hk: hp.formatMoney(123456, 'HKD', 'zh-HK'),
                    cny: hp.formatMoney(5, 'CNY', 'zh-CN'),
                    neg: hp.formatMoney(-1, 'MOP', 'en'),
                    big: hp.formatMoney(900719925474099, 'HKD', 'en'),
                    parsed: [parse('1,234.5', 'HKD'), parse('0.07', 'HKD'), parse('12', 'MOP'),
                             parse('1.234', 'HKD'), parse('abc', 'HKD'), parse('0.00', 'HKD'),
                             parse('-5', 'HKD'), parse('0.29', 'HKD')],
                  });
                });
                """);
    assertThat(out.get("en")).isEqualTo("HK$1,234.56");
    assertThat((String) out.get("hk")).contains("1,234.56");
    assertThat((String) out.get("cny")).contains("0.05");
    assertThat((String) out.get("neg")).contains("0.01").contains("-");
    // 2^53 - 1 minor units stays exact (a float path would print ...40.99 or round).
    assertThat((String) out.get("big")).contains("9,007,199,254,740.99");
    // 0.29 * 100 is 28.999999999999996 in binary floating point; the parser never multiplies.
    assertThat((List<Object>) out.get("parsed"))
        .containsExactly(
            123450L,
            7L,
            1200L,
            "amount_format",
            "amount_format",
            "amount_positive",
            "amount_format",
            29L);
    browser.assertNoConsoleErrors();
  }
}

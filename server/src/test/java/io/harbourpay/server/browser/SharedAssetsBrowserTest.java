package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The landing page and the shared front-end module, in a real Chromium: the three languages, money
 * formatting and parsing (exact, in minor units, never through a float), and the form helper all
 * three apps use.
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

  /**
   * hp.js handleForm with the network stubbed: the button is busy in flight, an identical retry
   * after a lost answer (network failure, 5xx) carries the same Idempotency-Key, a changed input or
   * a definite answer (success, 4xx) gets a new one, and errors show at the field they name.
   */
  @Test
  @SuppressWarnings("unchecked")
  void formHelperReusesTheKeyOnlyForAnIdenticalRetryAndShowsFieldErrors() {
    browser.get(root.toString());
    browser.waitFor(test("apps"));
    browser.asyncScript(
        """
        const done = arguments[arguments.length - 1];
        import('/assets/hp.js').then((hp) => {
          const { handleForm } = hp.forms(new hp.I18n({}));
          const amount = hp.el('input', { name: 'amount', id: 'helper-amount', 'data-test': 'helper-amount' });
          const button = hp.el('button', { type: 'submit', 'data-test': 'helper-submit' }, 'Send');
          const form = hp.el('form', { 'data-test': 'helper-form', novalidate: true }, hp.el('div', {}, amount), button);
          document.body.prepend(form);
          window.helper = { keys: [], answers: [], results: [], release: null };
          window.fetch = async (path, init) => {
            helper.keys.push(init.headers['Idempotency-Key']);
            const answer = helper.answers.shift();
            if (answer.lost) throw new TypeError('Failed to fetch');
            if (answer.hold) await new Promise((resolve) => { helper.release = resolve; });
            return new Response(JSON.stringify(answer.body),
              { status: answer.status, headers: { 'Content-Type': 'application/json' } });
          };
          handleForm(form, {
            body: () => {
              if (!/^\\d+$/.test(amount.value)) throw hp.invalid('amount', 'Type whole dollars');
              return { amount: Number(amount.value) };
            },
            send: (body, key) => hp.api('/v1/helper', { method: 'POST', body, key }),
            done: (result) => helper.results.push(result),
          });
          done(true);
        });
        """);
    browser.type(test("helper-amount"), "12");

    // The answer is lost: the page says so.
    submitAnswered("{ lost: true }", 1);
    browser.waitForText(test("toast-error"), "No connection");

    // The identical retry is held in flight: the button is disabled and the form busy; then it
    // succeeds with the same key.
    answer("{ hold: true, status: 200, body: { id: 'pay_1' } }");
    browser.click(test("helper-submit"));
    until("return helper.release !== null");
    assertThat(
            browser.script(
                "return document.querySelector(\"[data-test='helper-submit']\").disabled"))
        .isEqualTo(true);
    assertThat(browser.waitFor(test("helper-form")).getAttribute("aria-busy")).isEqualTo("true");
    browser.script("helper.release()");
    until(
        "return helper.results.length === 1 && !document.querySelector(\"[data-test='helper-form']\").hasAttribute('aria-busy')");
    assertThat(keys().get(1)).isEqualTo(keys().get(0));

    // After a success the same input is a new request: a new key. A 4xx naming the field is
    // shown under it.
    submitAnswered(
        "{ status: 400, body: { error: { type: 'invalid_request_error', code: 'amount_too_large',"
            + " message: 'The amount is above the limit', param: 'amount' } } }",
        3);
    assertThat(browser.waitForText(test("error-amount"), "above the limit").isDisplayed()).isTrue();
    assertThat(browser.waitFor(test("helper-amount")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    assertThat(keys().get(2)).isNotEqualTo(keys().get(1));

    // A changed input gets a new key (and the old field error goes); its answer is a 5xx, so the
    // identical retry keeps that key.
    browser.type(test("helper-amount"), "13");
    submitAnswered(
        "{ status: 503, body: { error: { type: 'api_error', code: 'try_again', message: 'Busy' } } }",
        4);
    assertThat(browser.driver().findElement(test("error-amount")).isDisplayed()).isFalse();
    assertThat(keys().get(3)).isNotEqualTo(keys().get(2));
    submitAnswered("{ status: 200, body: { id: 'pay_2' } }", 5);
    assertThat(keys().get(4)).isEqualTo(keys().get(3));
    until("return helper.results.length === 2");

    // A mistake found before sending is shown at its field and sends nothing.
    browser.type(test("helper-amount"), "twelve");
    browser.click(test("helper-submit"));
    browser.waitForText(test("error-amount"), "Type whole dollars");
    assertThat(keys()).hasSize(5);
    browser.screenshot("form-helper");
    browser.assertNoConsoleErrors();
  }

  private void answer(String answer) {
    browser.script("helper.answers.push(" + answer + ")");
  }

  /** Queues the stubbed answer, submits, and waits until request number {@code n} has ended. */
  private void submitAnswered(String answer, int n) {
    answer(answer);
    browser.click(test("helper-submit"));
    until(
        "return helper.keys.length === "
            + n
            + " && !document.querySelector(\"[data-test='helper-form']\").hasAttribute('aria-busy')");
  }

  private void until(String condition) {
    new WebDriverWait(browser.driver(), Duration.ofSeconds(15))
        .until(driver -> Boolean.TRUE.equals(browser.script(condition)));
  }

  @SuppressWarnings("unchecked")
  private List<String> keys() {
    return (List<String>) browser.script("return helper.keys");
  }
}

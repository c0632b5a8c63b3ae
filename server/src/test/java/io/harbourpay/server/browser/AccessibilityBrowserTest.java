package io.harbourpay.server.browser;

import static io.harbourpay.server.browser.Browser.test;
import static org.assertj.core.api.Assertions.assertThat;

import io.harbourpay.server.support.Api;
import io.harbourpay.server.support.SqliteProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The three apps without a mouse and for a screen reader: every screen's controls have names (a
 * label, aria-label or text), images and charts are labelled or hidden, no positive tabindex, no
 * duplicate ids, a language and a title; and the main tasks done with the keyboard alone — Tab to a
 * field, type, Enter — with a visible focus ring on what has focus.
 */
@QuarkusTest
@TestProfile(SqliteProfile.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessibilityBrowserTest {
  @TestHTTPResource("/")
  URL root;

  Browser desktop;
  Browser phone;

  @BeforeAll
  void open() {
    desktop = Browser.open("a11y-desktop", Browser.DESKTOP);
    phone = Browser.open("a11y-phone", Browser.PHONE);
  }

  @AfterAll
  void close() {
    if (desktop != null) desktop.close();
    if (phone != null) phone.close();
  }

  /**
   * Problems on the current page, each naming the element: what axe-core's "name" rules check, kept
   * to what can be decided from the DOM.
   */
  static final String AUDIT =
      """
      const problems = [];
      const shown = (e) => e.getClientRects().length > 0
          && getComputedStyle(e).visibility !== 'hidden';
      const text = (e) => (e ? e.textContent : '').replace(/\\s+/g, ' ').trim();
      const name = (e) => {
        const label = (e.getAttribute('aria-label') || '').trim();
        if (label) return label;
        const by = e.getAttribute('aria-labelledby');
        if (by) {
          const t = by.split(/\\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
          if (t) return t;
        }
        if (e.labels && e.labels.length) {
          const t = Array.from(e.labels).map(text).join(' ').trim();
          if (t) return t;
        }
        if (['BUTTON', 'A', 'SUMMARY'].includes(e.tagName) || e.getAttribute('role') === 'button') {
          const t = text(e);
          if (t) return t;
          const img = e.querySelector('img[alt]:not([alt=""]), svg[aria-label]');
          if (img) return img.getAttribute('alt') || img.getAttribute('aria-label');
        }
        if (e.tagName === 'INPUT' && ['submit', 'button', 'reset'].includes(e.type)) return e.value;
        return (e.getAttribute('title') || '').trim();
      };
      const what = (e) => e.tagName.toLowerCase()
          + (e.id ? '#' + e.id : '')
          + (e.dataset.test ? '[data-test=' + e.dataset.test + ']' : '')
          + (e.getAttribute('name') ? '[name=' + e.getAttribute('name') + ']' : '');
      const controls = 'input:not([type=hidden]), select, textarea, button, a[href],'
          + ' [role=button], summary';
      for (const e of document.querySelectorAll(controls)) {
        if (shown(e) && !name(e)) problems.push('no accessible name: ' + what(e));
      }
      for (const e of document.querySelectorAll('img')) {
        if (shown(e) && !e.hasAttribute('alt')) problems.push('img without alt: ' + what(e));
      }
      for (const e of document.querySelectorAll('svg')) {
        if (!shown(e) || e.closest('[aria-hidden=true]')) continue;
        const labelled = e.getAttribute('aria-label') || e.getAttribute('aria-labelledby')
            || e.querySelector(':scope > title');
        if (!(e.getAttribute('role') === 'img' && labelled) && !e.closest('button, a')) {
          problems.push('svg neither labelled (role=img) nor aria-hidden: ' + what(e));
        }
      }
      for (const e of document.querySelectorAll('[tabindex]')) {
        if (parseInt(e.getAttribute('tabindex'), 10) > 0) problems.push('positive tabindex: ' + what(e));
      }
      const ids = new Map();
      for (const e of document.querySelectorAll('[id]')) ids.set(e.id, (ids.get(e.id) || 0) + 1);
      for (const [id, count] of ids) if (count > 1) problems.push('duplicate id: ' + id);
      if (!document.documentElement.lang) problems.push('html without lang');
      if (!document.title.trim()) problems.push('document without title');
      return problems;
      """;

  @SuppressWarnings("unchecked")
  static List<String> audit(Browser on) {
    return new ArrayList<>((List<String>) on.script(AUDIT));
  }

  /** Waits for {@code ready}, then audits the page; collects problems under {@code screen}. */
  static void auditScreen(Browser on, String screen, By ready, List<String> problems) {
    on.waitFor(ready);
    on.screenshot("a11y-" + screen);
    for (String problem : audit(on)) problems.add(screen + ": " + problem);
  }

  @Test
  void everyScreenNamesItsControls() {
    List<String> problems = new ArrayList<>();
    desktop.get(root.toString());
    desktop.script("sessionStorage.clear(); localStorage.setItem('hp.lang', 'en');");
    auditScreen(desktop, "landing", test("apps"), problems);
    // The audit itself finds what it looks for: broken markup added to the page is reported.
    desktop.script(
        "document.body.insertAdjacentHTML('beforeend', '<div id=\"apps-x\"></div>"
            + "<div id=\"apps-x\"></div><input data-test=\"bad-input\"><button></button>"
            + "<img src=\"/wallet/icon.svg\"><svg width=\"10\" height=\"10\"></svg>"
            + "<a href=\"#\" tabindex=\"3\">x</a>')");
    assertThat(audit(desktop))
        .anyMatch(problem -> problem.contains("no accessible name: input[data-test=bad-input]"))
        .anyMatch(problem -> problem.equals("no accessible name: button"))
        .anyMatch(problem -> problem.startsWith("img without alt"))
        .anyMatch(problem -> problem.startsWith("svg neither labelled"))
        .anyMatch(problem -> problem.startsWith("positive tabindex"))
        .anyMatch(problem -> problem.equals("duplicate id: apps-x"));

    String operator = root + "operator/";
    desktop.get(operator);
    auditScreen(desktop, "operator login", test("login"), problems);
    OperatorConsoleBrowserTest.login(
        desktop,
        urlOf(operator),
        OperatorConsoleBrowserTest.ADMIN,
        OperatorConsoleBrowserTest.ADMIN_PASSWORD);
    auditScreen(desktop, "operator dashboard", test("chart-active"), problems);
    for (String page :
        List.of("customers", "reviews", "merchants", "limits", "audit", "operators")) {
      desktop.script("location.hash = arguments[0]", "#/" + page);
      auditScreen(desktop, "operator " + page, By.cssSelector("main h1, main h2"), problems);
    }

    String merchant = root + "merchant/";
    MerchantConsoleBrowserTest.signIn(
        desktop,
        urlOf(merchant),
        MerchantConsoleBrowserTest.OWNER,
        MerchantConsoleBrowserTest.OWNER_PASSWORD);
    auditScreen(desktop, "merchant till", test("till-sale"), problems);
    for (String page : List.of("payments", "stores", "keys", "webhooks", "users")) {
      desktop.script("location.hash = arguments[0]", "#/" + page);
      auditScreen(desktop, "merchant " + page, By.cssSelector("main h1, main h2"), problems);
    }

    String number = Api.newPhone();
    phone.get(root + "wallet/");
    auditScreen(phone, "wallet login", test("phone-form"), problems);
    WalletBrowserTest.enterPhoneAndCode(phone, number);
    phone.type(test("field-pin"), Api.PIN);
    phone.type(test("field-pin_repeat"), Api.PIN);
    WalletBrowserTest.tap(phone, test("save-pin"));
    auditScreen(phone, "wallet home", test("no-wallets"), problems);
    WalletBrowserTest.tap(phone, test("open-HKD"));
    phone.waitFor(test("balance-HKD"));
    for (String page : List.of("paycode", "scan", "transfer", "history", "me", "bank/topup")) {
      phone.script("location.hash = arguments[0]", "#/" + page);
      auditScreen(phone, "wallet " + page, By.cssSelector("main h1, main h2"), problems);
    }
    assertThat(problems).as("accessibility problems, by screen").isEmpty();
    desktop.assertNoConsoleErrors();
    phone.assertNoConsoleErrors();
  }

  @Test
  void anOperatorSignsInAndMovesAroundWithTheKeyboardOnly() {
    desktop.get(root.toString());
    desktop.script("sessionStorage.clear(); localStorage.setItem('hp.lang', 'en');");
    desktop.get(root + "operator/");
    desktop.waitFor(test("login"));
    tabTo(desktop, "[data-test='login'] [name='username']");
    typeHere(desktop, OperatorConsoleBrowserTest.ADMIN);
    tabTo(desktop, "[data-test='login'] [name='password']");
    assertFocusVisible(desktop);
    typeHere(desktop, OperatorConsoleBrowserTest.ADMIN_PASSWORD + Keys.ENTER);
    desktop.waitFor(test("chart-active"));
    // Every nav link is reachable by Tab and followed with Enter.
    tabTo(desktop, "[data-test='nav'] a[href='#/customers']");
    assertFocusVisible(desktop);
    typeHere(desktop, Keys.ENTER.toString());
    tabTo(desktop, "[data-test='customer-query']");
    desktop.screenshot("a11y-keyboard-operator");
    desktop.assertNoConsoleErrors();
  }

  @Test
  void aCashierTakesASaleWithTheKeyboardOnly() {
    phone.get(root + "merchant/#/login");
    phone.script("sessionStorage.clear(); localStorage.clear();");
    phone.get(root + "merchant/#/login");
    phone.waitFor(test("login-email"));
    tabTo(phone, "[data-test='login-email']");
    typeHere(phone, MerchantConsoleBrowserTest.CASHIER);
    tabTo(phone, "[data-test='login-password']");
    typeHere(phone, MerchantConsoleBrowserTest.CASHIER_PASSWORD + Keys.ENTER);
    phone.waitFor(test("till-sale"));
    MerchantConsoleBrowserTest.until(
        phone, "return document.querySelector(\"[data-test='till-terminal']\").options.length > 0");
    tabTo(phone, "[data-test='till-amount']");
    assertFocusVisible(phone);
    typeHere(phone, "7.50" + Keys.ENTER);
    phone.waitForText(test("till-order-amount"), "HK$7.50");
    assertThat(phone.waitFor(test("till-qr")).isDisplayed()).isTrue();
    phone.screenshot("a11y-keyboard-till");
    phone.assertNoConsoleErrors();
  }

  @Test
  void aCustomerSignsInWithTheKeyboardOnly() {
    String number = Api.newPhone();
    Browser on = phone;
    on.get(root.toString());
    on.script(
        "localStorage.clear(); sessionStorage.clear(); localStorage.setItem('hp.lang', 'en');");
    on.get(root + "wallet/");
    on.waitFor(test("phone-form"));
    tabTo(on, "[data-test='field-phone']");
    assertFocusVisible(on);
    typeHere(on, number + Keys.ENTER);
    on.waitForText(test("code-sent"), number);
    tabTo(on, "[data-test='field-code']");
    typeHere(on, Api.code(number) + Keys.ENTER);
    on.waitFor(test("pin-form"));
    tabTo(on, "[data-test='field-pin']");
    typeHere(on, Api.PIN);
    tabTo(on, "[data-test='field-pin_repeat']");
    typeHere(on, Api.PIN + Keys.ENTER);
    on.waitFor(test("no-wallets"));
    on.screenshot("a11y-keyboard-wallet");
    on.assertNoConsoleErrors();
  }

  // ---------------------------------------------------------------------------------------------

  private static URL urlOf(String url) {
    try {
      return new URL(url);
    } catch (java.net.MalformedURLException bad) {
      throw new IllegalArgumentException(bad);
    }
  }

  /**
   * Presses Tab (at most 60 times) until the element matching {@code selector} has focus: the
   * element is reachable from the keyboard, in the page's tab order.
   */
  static void tabTo(Browser on, String selector) {
    WebElement target = on.waitFor(By.cssSelector(selector));
    new WebDriverWait(on.driver(), Duration.ofSeconds(15))
        .until(driver -> target.isDisplayed() && target.isEnabled());
    for (int presses = 0; presses < 60; presses++) {
      if (Boolean.TRUE.equals(
          on.script("return document.activeElement === arguments[0]", target))) {
        return;
      }
      new Actions(on.driver()).sendKeys(Keys.TAB).perform();
    }
    throw new AssertionError(
        selector
            + " never got focus by Tab; focus is on "
            + on.script(
                "const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : null"));
  }

  /** Types into whatever has focus, as a keyboard does. */
  static void typeHere(Browser on, CharSequence keys) {
    new Actions(on.driver()).sendKeys(keys).perform();
  }

  /** The focused element shows a focus ring (an outline or a box shadow). */
  static void assertFocusVisible(Browser on) {
    Object ring =
        on.script(
            "const s = getComputedStyle(document.activeElement);"
                + " return (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0)"
                + " || (s.boxShadow && s.boxShadow !== 'none');");
    assertThat(ring)
        .as("focus ring on %s", on.script("return document.activeElement.outerHTML.slice(0, 120)"))
        .isEqualTo(Boolean.TRUE);
  }
}

package io.harbourpay.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} + {@code chromium-driver}, which {@code
 * .ci/run} installs) driven through its own chromedriver, so Selenium Manager never tries to
 * download a browser. Where no browser is installed the test is skipped with a message; under
 * {@code CI=true} it fails instead, because a browser test that silently does not run is a test
 * that cannot fail.
 *
 * <p>Every page the test visits is checked for console errors ({@link #assertNoConsoleErrors()}),
 * and {@link #screenshot} saves PNGs under {@code target/screenshots/<suite>/} as test artifacts.
 */
public final class Browser implements AutoCloseable {
  /** A phone: the narrowest screen the web apps promise to work on. */
  public static final Dimension PHONE = new Dimension(360, 780);

  public static final Dimension DESKTOP = new Dimension(1280, 900);

  static final Path CHROMIUM = Paths.get(env("HARBOUR_CHROMIUM", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Paths.get(env("HARBOUR_CHROMEDRIVER", "/usr/bin/chromedriver"));

  private final ChromeDriver driver;
  private final Path screenshots;
  private final List<String> consoleErrors = new ArrayList<>();

  /** The latest console lines of every level, for failure messages ({@link #describe}). */
  private final Deque<String> consoleLines = new ArrayDeque<>();

  private static final int CONSOLE_LINES_KEPT_MAX = 50;
  private int shot;

  private Browser(ChromeDriver driver, Path screenshots) {
    this.driver = driver;
    this.screenshots = screenshots;
  }

  /**
   * Opens a browser, or skips the calling test (fails it under CI=true) when none is installed.
   *
   * @param suite names the screenshot folder
   * @param extraArgs more Chromium switches (a fake camera, say)
   */
  public static Browser open(String suite, Dimension size, String... extraArgs) {
    requireBrowser();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags this machine needs: no sandbox as root, no GPU, and no background traffic to
    // Google's hosts (the network is closed; those connections would only fail and log).
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--lang=en-GB",
        "--window-size=" + Math.max(size.width, 600) + "," + size.height);
    options.addArguments(extraArgs);
    if (size.width < 600) {
      // Desktop Chromium will not make a window narrower than about 500 px; a phone is emulated
      // instead (viewport, touch, device pixel ratio), as Chromium's device toolbar does.
      options.setExperimentalOption(
          "mobileEmulation",
          Map.of(
              "deviceMetrics",
              Map.of(
                  "width", size.width, "height", size.height, "pixelRatio", 1.0, "touch", true)));
    }
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    Path dir = Paths.get("target", "screenshots", suite);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Browser(driver, dir);
  }

  /** Skips (or under CI=true fails) when Chromium or its driver is missing. */
  public static void requireBrowser() {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (present) {
      return;
    }
    String message =
        "Browser tests need Chromium and chromedriver at "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver; .ci/run does this)";
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      Assertions.fail(message + " — CI=true, so the browser tests may not be skipped");
    }
    Assumptions.abort(message);
  }

  public ChromeDriver driver() {
    return driver;
  }

  public void get(String url) {
    collectConsole();
    driver.get(url);
  }

  public WebElement waitFor(By by) {
    return new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until the element's text contains {@code text}. */
  public WebElement waitForText(By by, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(15))
        .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  /** The element with {@code data-test="<name>"}: tests find things by purpose, not by style. */
  public static By test(String name) {
    return By.cssSelector("[data-test='" + name + "']");
  }

  public WebElement click(By by) {
    WebElement element =
        new WebDriverWait(driver, Duration.ofSeconds(15))
            .until(ExpectedConditions.elementToBeClickable(by));
    element.click();
    return element;
  }

  public void type(By by, String text) {
    WebElement element = waitFor(by);
    element.clear();
    element.sendKeys(text);
  }

  /** Chooses the option with this value in a select (typing CJK into a select does not work). */
  public void select(By by, String value) {
    new Select(waitFor(by)).selectByValue(value);
  }

  public Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  public Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Saves a PNG of the viewport as {@code NN-name.png}; returns its path. */
  public Path screenshot(String name) {
    byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    Path file =
        screenshots.resolve(
            String.format(
                Locale.ROOT, "%02d-%s.png", ++shot, name.replaceAll("[^A-Za-z0-9_-]", "-")));
    try {
      Files.write(file, png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /** Fails if the page logged an error (uncaught exception, failed script, console.error). */
  public void assertNoConsoleErrors() {
    collectConsole();
    assertThat(consoleErrors).as("browser console errors").isEmpty();
  }

  /**
   * Console errors the test expects (a 4xx the page shows to the user is logged by Chromium as a
   * failed resource load); removes those matching {@code fragment}.
   */
  public void forgiveConsole(String fragment) {
    collectConsole();
    consoleErrors.removeIf(line -> line.contains(fragment));
  }

  private void collectConsole() {
    try {
      for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
        if (entry.getLevel().intValue() >= Level.SEVERE.intValue()) {
          consoleErrors.add(entry.getMessage());
        }
        consoleLines.addLast(entry.getLevel() + " " + entry.getMessage());
        if (consoleLines.size() > CONSOLE_LINES_KEPT_MAX) consoleLines.removeFirst();
      }
    } catch (RuntimeException noSession) {
      // The window is gone (closed by the test); nothing more to collect.
    }
  }

  /**
   * What the page shows and logged, for a failure message: its address, the text of the elements
   * with these {@code data-test} names (when present), the toasts, and the latest console lines.
   */
  public String describe(String... testNames) {
    StringBuilder out = new StringBuilder();
    try {
      out.append("page ").append(driver.getCurrentUrl());
      for (String name : testNames) {
        List<WebElement> found = driver.findElements(test(name));
        out.append("; ")
            .append(name)
            .append(": ")
            .append(found.isEmpty() ? "(absent)" : '"' + found.get(0).getText() + '"');
      }
      for (WebElement toast : driver.findElements(By.cssSelector("#hp-toasts .toast"))) {
        out.append("; toast: \"").append(toast.getText()).append('"');
      }
    } catch (RuntimeException pageGone) {
      out.append("; (page unreadable: ").append(pageGone.getMessage()).append(')');
    }
    collectConsole();
    out.append("; console: ")
        .append(consoleLines.isEmpty() ? "(empty)" : String.join(" | ", consoleLines));
    return out.toString();
  }

  /** The page's localStorage, for tests that check what a page remembers. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> localStorage() {
    return (Map<String, Object>)
        script("return Object.fromEntries(Object.entries(window.localStorage));");
  }

  @Override
  public void close() {
    driver.quit();
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}

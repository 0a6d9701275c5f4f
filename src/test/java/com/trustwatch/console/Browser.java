package com.trustwatch.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * Headless Debian chromium driven through Debian's chromium-driver, never a browser or driver
 * downloaded by Selenium Manager (the driver's path is given, so Selenium does not look for one).
 * Missing packages fail the test with their names: the browser tests never skip.
 */
final class Browser implements AutoCloseable {

    static final String CHROMEDRIVER = System.getProperty("chromedriver.path", "/usr/bin/chromedriver");
    static final String CHROMIUM = System.getProperty("chromium.path", "/usr/bin/chromium");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final Path profile;
    private final String base;

    Browser(int port) {
        if (!new File(CHROMEDRIVER).canExecute() || !new File(CHROMIUM).canExecute()) {
            throw new IllegalStateException("The console's browser tests need Debian's chromium and chromedriver at "
                    + CHROMIUM + " and " + CHROMEDRIVER + ": install the packages chromium and chromium-driver"
                    + " (apt-get install -y chromium chromium-driver; .ci/run does it when run as root)");
        }
        try {
            Files.createDirectories(Path.of("target"));
            profile = Files.createTempDirectory(Path.of("target"), "chromium-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1366,1000",
                "--user-data-dir=" + profile.toAbsolutePath());
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        // a page that never answers fails its test instead of holding the suite for Selenium's default 5 minutes
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
        base = "http://localhost:" + port;
    }

    void open(String path) {
        driver.get(base + path);
    }

    String path() {
        return driver.getCurrentUrl().substring(base.length());
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    void type(String css, String text) {
        WebElement e = find(css);
        e.clear();
        e.sendKeys(text);
    }

    /**
     * Clicks the element matched by {@code css}, a link or a form's button, and waits until the browser
     * has left the page and loaded the one the click leads to. Under load a click returns before the
     * navigation starts, and a URL or element read then belongs to the old page.
     */
    void follow(String css) {
        follow(find(css));
    }

    /** {@link #follow(String)} for an element already found (a link found by its text). */
    void follow(WebElement target) {
        // the page being left carries a mark; the next document has none. (Waiting for the old <html> to
        // go stale is not enough: mid-navigation chromedriver answers "Node with given id does not belong
        // to the document" instead of a stale reference.) Errors while the page changes are retried.
        ((JavascriptExecutor) driver).executeScript("window.trustwatchLeaving = true");
        target.click();
        new WebDriverWait(driver, Duration.ofSeconds(90)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return window.trustwatchLeaving === undefined && document.readyState === 'complete'")));
    }

    void signIn(String user, String password) {
        open("/login");
        type("#username", user);
        type("#password", password);
        follow("#signin");
    }

    void signOut() {
        follow("#signout");
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Null when the page fits the window's width; otherwise how wide it is and the outermost elements
     * that reach past the right edge, so a failure names what to fix.
     */
    String sidewaysOverflow() {
        return (String) ((JavascriptExecutor) driver).executeScript("""
                const w = document.documentElement.clientWidth;
                const full = document.documentElement.scrollWidth;
                if (full <= w) { return null; }
                const past = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= w + 1);
                const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/).join('.') : '');
                return full + ' px wide in a ' + w + ' px window; past the edge: ' + past.slice(0, 8).map(name).join(', ');
                """);
    }

    /** Warnings and errors in the browser's console (a script or style the CSP blocked shows up here). */
    List<String> consoleProblems() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage).toList();
    }

    /** axe-core's WCAG 2.1 A/AA and best-practice violations on the page as shown. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> accessibilityViolations() {
        String axe;
        try (InputStream in = Browser.class.getResourceAsStream("/axe/axe-4.14.1.min.js")) {
            axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        return (List<Map<String, Object>>) js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
                        + ".then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,"
                        + " nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                        + ".catch(e => done([{id: 'axe-error', help: String(e)}]));");
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a profile left under target/ is removed by the next clean
            }
        }
    }
}

package io.pipelinetrigger.app;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Debian's headless chromium driven by Selenium, offline: the local browser and driver, no Selenium Manager, and
 * none of chromium's own calls home. Keeps the browser's log so a test can require that no error was logged.
 */
final class Browser implements AutoCloseable {

    static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration WAIT = Duration.ofSeconds(45);

    private final ChromeDriver driver;
    private final List<LogEntry> logged = new ArrayList<>();

    Browser(int width, int height) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BrowserAvailable.CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=" + width + "," + height,
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--hide-scrollbars", "--force-device-scale-factor=1");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(BrowserAvailable.CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        if (width < 500) { // headless windows are at least 500 px wide: emulate a phone's viewport instead
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                    "deviceScaleFactor", 1, "mobile", true));
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    void open(URI uri) {
        driver.get(uri.toString());
    }

    /** Saves what the page downloads into directory (else chromium saves it in the user's ~/Downloads). */
    void downloadInto(Path directory) {
        driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", directory.toAbsolutePath().toString()));
    }

    void darkMode(boolean dark) {
        driver.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
    }

    WebElement find(String css) {
        return until(d -> d.findElements(By.cssSelector(css)).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    WebElement button(String text) {
        return until(d -> d.findElements(By.xpath("//button[normalize-space(.)='" + text + "'] | //a[normalize-space(.)='" + text + "']"))
                .stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    void awaitText(String css, Predicate<String> condition) {
        until(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> condition.test(e.getText())) ? true : null);
    }

    <T> T until(ExpectedCondition<T> condition) {
        // the console re-renders a page as the run moves on: an element read mid-render is looked up again
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** Every resource the page loaded since it was opened, by URL. */
    @SuppressWarnings("unchecked")
    List<String> requestedUrls() {
        return (List<String>) script("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name));");
    }

    /** The browser's log since the last call, kept. */
    List<LogEntry> log() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        logged.addAll(entries);
        return List.copyOf(logged);
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}

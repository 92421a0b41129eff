package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console (docs/console.md) in a real browser against the jar as the quick start runs it,
 * {@code java -jar pipeline-app.jar --demo}: a run started from the form is listed and its run page ends with the
 * whole log; the whole log downloads as a file equal to {@code /log}; the runs list follows a run to its end by
 * itself and its filters narrow it; at 375 px neither the runs page nor a run page scrolls sideways.
 */
@ExtendWith(BrowserAvailable.class)
class ConsoleDemoIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final Pattern NOTHING_ELSE = Pattern.compile("$^");

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        browsers.forEach(Browser::close);
        testbed.close();
    }

    @Test
    void onTheDemoARunStartedFromTheFormIsListedAndItsPageEndsShowingTheWholeLog() {
        JarServer server = testbed.startDemo("0.5");
        URI base = base(server);
        JarApi api = testbed.api(server);
        Browser browser = browser(1280, 900);

        browser.open(base.resolve("/ui/#/start"));
        browser.button("Start the run").click(); // the form as it opens: full, daily, the normal daily run
        browser.until(d -> d.getCurrentUrl().contains("#/run/") ? true : null);
        String jobId = browser.driver().getCurrentUrl().replaceAll(".*#/run/", "");

        browser.button("Runs").click();
        By link = By.xpath("//table[contains(@class, 'runs')]//a[normalize-space(.)='" + jobId + "']");
        browser.until(d -> { // the list refreshes itself while the run is active: click the link as it is now
            d.findElement(link).click();
            return true;
        });
        browser.until(d -> d.getCurrentUrl().endsWith("#/run/" + jobId) ? true : null);
        browser.until(d -> api.job(jobId).body().path("outcome").isTextual() // ended, and the page shows all its log
                && logText(browser).equals(wholeLog(base, jobId)) ? true : null);
        browser.awaitText(".run-state[role=status]", "Succeeded"::equals);
        assertThat(logText(browser)).contains("[demo] simulated ingester finished", "[demo] simulated dbt daily finished");
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, NOTHING_ELSE);
    }

    @Test
    void downloadTheWholeLogSavesAFileEqualToTheLogRoute(@TempDir Path downloads) throws IOException {
        JarServer server = testbed.startDemo("0.2");
        URI base = base(server);
        JarApi api = testbed.api(server);
        String jobId = api.accepted("{\"pipeline\":\"full\"}");
        api.awaitFinished(jobId);
        Browser browser = browser(1280, 900);
        browser.downloadInto(downloads);

        browser.open(base.resolve("/ui/#/run/" + jobId));
        browser.until(d -> "true".equals(d.findElement(By.id("log")).getAttribute("data-complete")) ? true : null);
        browser.button("Download the whole log").click();

        Path saved = downloads.resolve(jobId + ".log"); // chromium renames its .crdownload once the file is whole
        browser.until(d -> Files.isRegularFile(saved) ? true : null);
        assertThat(Files.readString(saved, StandardCharsets.UTF_8)).isEqualTo(wholeLog(base, jobId))
                .contains("[demo] simulated dbt daily finished");
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, NOTHING_ELSE);
    }

    @Test
    void theRunsListFollowsARunToItsEndWithoutAReloadAndItsFiltersNarrowIt() {
        JarServer server = testbed.startDemo("2"); // a full run lasts 12 s: the page sees it running
        URI base = base(server);
        JarApi api = testbed.api(server);
        String ingester = api.accepted("{\"pipeline\":\"ingester\"}");
        api.awaitFinished(ingester);
        String failedTest = api.accepted("{\"pipeline\":\"dbt\",\"command\":\"test\"}"); // the demo's test exits 1
        api.awaitFinished(failedTest);
        String full = api.accepted("{\"pipeline\":\"full\"}");
        Browser browser = browser(1280, 900);

        browser.open(base.resolve("/ui/#/runs"));
        awaitRow(browser, full, "Running");
        browser.script("window.sameDocument = true"); // gone if the page were loaded again
        awaitRow(browser, full, "Succeeded");
        assertThat(browser.script("return window.sameDocument === true")).as("updated without a reload").isEqualTo(true);
        assertThat(shownRuns(browser)).containsExactly(full, failedTest, ingester);

        filter(browser, "pipeline", "ingester");
        browser.until(d -> shownRuns(browser).equals(List.of(ingester)) ? true : null);
        filter(browser, "pipeline", "");
        filter(browser, "outcome", "errored");
        browser.until(d -> shownRuns(browser).equals(List.of(failedTest)) ? true : null);
        filter(browser, "outcome", "succeeded");
        browser.until(d -> shownRuns(browser).equals(List.of(full, ingester)) ? true : null);
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, NOTHING_ELSE);
    }

    @Test
    void at375PxTheRunsPageAndARunPageHaveNoHorizontalScroll() {
        JarServer server = testbed.startDemo("0.2");
        URI base = base(server);
        JarApi api = testbed.api(server);
        String jobId = api.accepted("{\"pipeline\":\"full\"}");
        api.awaitFinished(jobId);
        Browser phone = browser(375, 812);

        phone.open(base.resolve("/ui/#/runs"));
        phone.awaitText("table.runs tbody", text -> text.contains(jobId) && text.contains("Succeeded"));
        assertNoHorizontalScrollAt375(phone);
        phone.open(base.resolve("/ui/#/run/" + jobId));
        phone.until(d -> "true".equals(d.findElement(By.id("log")).getAttribute("data-complete")) ? true : null);
        assertNoHorizontalScrollAt375(phone);
        ConsoleChecks.nothingLeftTheOriginAndNoError(phone, base, NOTHING_ELSE);
    }

    private Browser browser(int width, int height) {
        Browser browser = new Browser(width, height);
        browsers.add(browser);
        return browser;
    }

    private static URI base(JarServer server) {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    private static String logText(Browser browser) {
        return (String) browser.script("return document.getElementById('log').textContent");
    }

    private static String wholeLog(URI base, String jobId) {
        return ConsoleChecks.get(base, P + "/log?jobId=" + jobId).body();
    }

    private static void awaitRow(Browser browser, String jobId, String state) {
        By row = By.xpath("//table[contains(@class, 'runs')]//tr[.//a[normalize-space(.)='" + jobId + "']]");
        browser.until(d -> d.findElement(row).findElement(By.cssSelector(".badge")).getText().equals(state) ? true : null);
    }

    /** The job ids the runs table shows, top to bottom. */
    @SuppressWarnings("unchecked")
    private static List<String> shownRuns(Browser browser) {
        return (List<String>) browser.script(
                "return [...document.querySelectorAll('table.runs tbody a')].map(a => a.textContent)");
    }

    private static void filter(Browser browser, String name, String value) {
        new Select(browser.find("#filter-" + name)).selectByValue(value);
    }

    private static void assertNoHorizontalScrollAt375(Browser phone) {
        assertThat(phone.script("return document.documentElement.clientWidth")).as("the emulated viewport").isEqualTo(375L);
        assertThat((Long) phone.script("return document.documentElement.scrollWidth")).as("the page's width")
                .isLessThanOrEqualTo(375L);
    }
}

package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console (docs/console.md) in a real browser against the real jar: start a run from the form, see it
 * in the list, watch its log grow and match {@code /log}, the 409 sentence, cancel; the token prompt; a log
 * line holding markup shown as text. Every test also requires that no request left the server's origin and
 * that the browser logged no error. The screenshots under docs/images/ are the ones these tests take.
 */
@ExtendWith(BrowserAvailable.class)
class ConsoleBrowserIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private final List<Browser> browsers = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        browsers.forEach(Browser::close);
        testbed.close();
    }

    @Test
    void aRunStartedFromTheFormIsListedItsLogGrowsLikeTheLogRouteASecondStartIsBusyAndItIsCancelled() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(
                "for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do echo \"ingester line $i\"; sleep 1; done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer server = testbed.start(environment);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        Browser browser = browser(1280, 900);

        browser.open(base);
        assertThat(browser.driver().getCurrentUrl()).isEqualTo(base + "/ui/");
        browser.awaitText("table.runs", text -> text.contains("No runs match"));
        browser.button("Start a run").click();
        browser.find("form.start");
        browser.driver().findElement(By.xpath("//label[contains(., 'Fastest')]")).click();
        assertThat(browser.find("#enableOpenlineage").getAttribute("value")).isEqualTo("false");
        assertThat(browser.find("#enableElementary").getAttribute("value")).isEqualTo("false");
        browser.screenshot("console-start");
        browser.button("Start the run").click();

        browser.until(d -> d.getCurrentUrl().contains("#/run/") ? true : null);
        String jobId = browser.driver().getCurrentUrl().replaceAll(".*#/run/", "");
        WebElement log = browser.find("pre.log"); // one element for the page's life: text is appended to it
        browser.until(d -> log.getText().contains("ingester line 2") ? true : null);
        int before = log.getText().length();
        browser.until(d -> log.getText().contains("ingester line 4") ? true : null);
        assertThat(log.getText().length()).isGreaterThan(before);
        assertThat(log.getAttribute("data-source")).as("read from the event stream").isEqualTo("events");
        browser.awaitText(".page-head .run-state", "Running"::equals);
        browser.screenshot("console-run");

        browser.open(base.resolve("/ui/#/start"));
        browser.button("Start the run").click();
        WebElement busy = browser.find(".busy");
        assertThat(busy.getText()).startsWith("Another run is active: " + jobId + ".");
        assertThat(busy.findElement(By.tagName("a")).getAttribute("href")).endsWith("#/run/" + jobId);
        browser.screenshot("console-busy");

        browser.button("Runs").click();
        browser.awaitText("table.runs tbody", text -> text.contains(jobId) && text.contains("Running"));
        By row = By.xpath("//tr[.//a[normalize-space(.)='" + jobId + "']]");
        String rowText = browser.until(d -> d.findElement(row).getText());
        assertThat(rowText).contains("full", "plain dbt", "api");
        browser.screenshot("console-runs");

        browser.until(d -> { // the list refreshes itself while the run is active: click the row as it is now
            d.findElement(row).findElement(By.tagName("a")).click();
            return true;
        });
        browser.awaitText("pre.log", text -> text.contains("ingester line 5"));
        browser.button("Cancel run").click();
        browser.find("#confirm-dialog");
        browser.button("Cancel the run").click();
        browser.awaitText(".page-head .badge", "Cancelled"::equals);
        browser.until(d -> "true".equals(d.findElement(By.cssSelector("pre.log")).getAttribute("data-complete")) ? true : null);

        String shown = browser.find("pre.log").getAttribute("textContent");
        assertThat(shown).isEqualTo(get(base, P + "/log?jobId=" + jobId).body());
        assertNothingLeftTheOriginAndNoError(browser, base, Pattern.compile(".*status of 409.*"));

        Browser phone = browser(375, 812);
        phone.darkMode(true);
        phone.open(base.resolve("/ui/#/runs"));
        phone.awaitText("main", text -> text.contains(jobId) && text.contains("Cancelled"));
        phone.screenshot("console-runs-375-dark");
        phone.open(base.resolve("/ui/#/run/" + jobId));
        phone.until(d -> "true".equals(d.findElement(By.cssSelector("pre.log")).getAttribute("data-complete")) ? true : null);
        phone.screenshot("console-run-375-dark");
        assertNothingLeftTheOriginAndNoError(phone, base, Pattern.compile("$^"));
    }

    @Test
    void withTokensTheConsoleAsksForOneAsksAgainAfterAWrongOneAndShowsMarkupInTheLogAsText() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_API_TOKEN", "console-test-token-1");
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell(
                "echo \"<script>window.pwned = 1</script><img src=x onerror=window.pwned=2> & <b>bold</b>\"; echo done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer server = testbed.start(environment);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        Browser browser = browser(1280, 900);

        browser.open(base.resolve("/ui/"));
        WebElement input = browser.find("#token-input");
        assertThat(browser.find("#token-title").getText()).isEqualTo("API token");
        browser.screenshot("console-token");
        input.sendKeys("not-the-token");
        browser.button("Use this token").click();
        browser.awaitText("#token-error", text -> text.startsWith("That token was refused"));
        assertThat(browser.script("return sessionStorage.getItem('pipeline-trigger.token')")).isNull();
        browser.find("#token-input").sendKeys("console-test-token-1");
        browser.button("Use this token").click();
        browser.awaitText("table.runs", text -> text.contains("No runs match"));
        assertThat(browser.script("return localStorage.length")).isEqualTo(0L);

        browser.open(base.resolve("/ui/#/start?pipeline=ingester"));
        browser.button("Start the run").click();
        browser.until(d -> d.getCurrentUrl().contains("#/run/") ? true : null);
        browser.until(d -> "true".equals(d.findElement(By.cssSelector("pre.log")).getAttribute("data-complete")) ? true : null);
        WebElement log = browser.find("pre.log");
        assertThat(log.getText()).contains("<script>window.pwned = 1</script><img src=x onerror=window.pwned=2> & <b>bold</b>");
        assertThat(log.findElements(By.xpath(".//*"))).isEmpty();
        assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
        browser.awaitText(".page-head .badge", "Succeeded"::equals);
        assertNothingLeftTheOriginAndNoError(browser, base, Pattern.compile(".*status of 401.*"));
    }

    @Test
    void everyConsoleAnswerHasStrictHeadersAndTheConsoleCanBeSwitchedOff() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", "true");
        environment.put("PIPELINE_DBT_COMMAND", "true");
        URI base = URI.create("http://127.0.0.1:" + testbed.start(environment).port());
        for (String path : List.of("/", "/ui", "/ui/", "/ui/app.js", "/ui/console.css", "/ui/nothing.js", "/ui/..%2Fdemo%2Fdbt.sh")) {
            HttpResponse<String> answer = get(base, path);
            assertThat(answer.headers().firstValue("Content-Security-Policy").orElseThrow())
                    .startsWith("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline");
            assertThat(answer.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            assertThat(answer.headers().firstValue("Referrer-Policy")).as(path).contains("no-referrer");
        }
        assertThat(get(base, "/").statusCode()).isEqualTo(303);
        assertThat(get(base, "/").headers().firstValue("Location").orElseThrow()).endsWith("/ui/");
        assertThat(get(base, "/ui/app.js").headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(get(base, "/ui/nothing.js").statusCode()).isEqualTo(404);
        assertThat(get(base, "/ui/").body()).doesNotContain("<script>").contains("<script type=\"module\" src=\"app.js\">");

        environment.put("PIPELINE_CONSOLE", "false");
        environment.put("PIPELINE_DATA_DIR", testbed.newDataDir().toString());
        URI off = URI.create("http://127.0.0.1:" + testbed.start(environment).port());
        assertThat(get(off, "/").statusCode()).isEqualTo(404);
        assertThat(get(off, "/ui/").statusCode()).isEqualTo(404);
        assertThat(get(off, P).statusCode()).isEqualTo(200);
    }

    private Browser browser(int width, int height) {
        Browser browser = new Browser(width, height);
        browsers.add(browser);
        return browser;
    }

    private static void assertNothingLeftTheOriginAndNoError(Browser browser, URI base, Pattern alsoExpected) {
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, alsoExpected);
    }

    private static HttpResponse<String> get(URI base, String path) {
        return ConsoleChecks.get(base, path);
    }
}

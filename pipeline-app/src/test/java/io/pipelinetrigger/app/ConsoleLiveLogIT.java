package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.WheelInput;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run page's live log read from the event stream (docs/console.md, "Run"), in a real browser against the
 * real jar behind a relay that can cut the stream: the log grows while the run runs, a cut stream is resumed
 * from the last event's id with nothing lost or doubled, and at the end the page holds exactly what
 * {@code /log} answers: lines cut between two pages, a carriage return, and markup, shown as text. Scrolling the
 * log up stops following its tail until "Follow the tail" is pressed.
 */
@ExtendWith(BrowserAvailable.class)
class ConsoleLiveLogIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final Pattern LAST_EVENT_ID = Pattern.compile("(?im)^Last-Event-ID: *(\\d+)\\r?$");
    // a cut stream is an unfinished answer, which chromium reports; the console resumes it
    private static final Pattern CUT = Pattern.compile(".*(ERR_INCOMPLETE_CHUNKED_ENCODING|ERR_CONNECTION_RESET|ERR_EMPTY_RESPONSE"
            + "|ERR_CONNECTION_CLOSED|network error).*");

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private Browser browser;
    private CuttingProxy proxy;

    @AfterEach
    void cleanUp() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        testbed.close();
    }

    @Test
    void theLogGrowsFromTheEventStreamResumesAfterACutAndEndsEqualToTheLogRoute() throws Exception {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        // half a line, a pause (the stream sends a page ending mid-line), the rest; a carriage return; markup
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("printf \"carriage\\rreturn\\n\"; "
                + "echo \"<script>window.pwned = 1</script><img src=x onerror=window.pwned=2> & <b>bold</b>\"; "
                + "for i in $(seq 1 20); do printf \"half of $i, \"; sleep 0.4; echo \"rest of $i\"; sleep 0.4; done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0; printf \"no newline at the end\""));
        JarServer server = testbed.start(environment);
        proxy = new CuttingProxy(server.port());
        URI base = proxy.base();
        String jobId = testbed.api(server).accepted("{\"pipeline\":\"full\",\"command\":\"run\"}");
        browser = new Browser(1280, 900);

        browser.open(base.resolve("/ui/#/run/" + jobId));
        WebElement log = browser.find("pre.log"); // kept to the end: the page never replaces the log element
        browser.until(d -> logText().contains("rest of 2") ? true : null);
        assertThat(log.getAttribute("data-source")).isEqualTo("events");
        String before = logText();
        browser.until(d -> logText().length() > before.length() ? true : null);
        assertThat(logText()).as("the log grows while the run runs").startsWith(before);
        assertThat(log.getAttribute("data-complete")).isNull();
        browser.awaitText(".run-state[role=status]", "Running"::equals);
        long streamsBeforeCut = eventRequests().size();

        assertThat(proxy.cutEventStreams()).as("event streams cut").isEqualTo(1);
        String atCut = logText();
        browser.until(d -> eventRequests().size() > streamsBeforeCut ? true : null);
        String resumed = eventRequests().get((int) streamsBeforeCut);
        Matcher id = LAST_EVENT_ID.matcher(resumed);
        assertThat(id.find()).as("the resumed request says where it stands: %s", resumed).isTrue();
        assertThat(Long.parseLong(id.group(1))).isPositive();
        browser.until(d -> logText().contains("rest of 20") ? true : null);
        assertThat(logText()).startsWith(atCut);

        browser.until(d -> "true".equals(log.getAttribute("data-complete")) ? true : null);
        browser.awaitText(".run-state[role=status]", "Succeeded"::equals);
        String byRoute = ConsoleChecks.get(URI.create("http://127.0.0.1:" + server.port()), P + "/log?jobId=" + jobId).body();
        assertThat(byRoute).contains("carriage\rreturn\n", "half of 7, rest of 7\n", "no newline at the end");
        assertThat(logText()).as("the page's log, byte for byte").isEqualTo(byRoute);
        assertThat(log.getAttribute("data-source")).isEqualTo("events");
        assertThat(log.getText()).contains("<script>window.pwned = 1</script><img src=x onerror=window.pwned=2> & <b>bold</b>");
        assertThat(log.findElements(By.xpath(".//*"))).isEmpty();
        assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);

        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, CUT);
    }

    @Test
    void onAServerWithoutTheEventStreamTheLogIsFollowedByLogPagesToTheSameBytes() throws Exception {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("printf \"carriage\\rreturn\\n\"; "
                + "for i in $(seq 1 8); do printf \"half of $i, \"; sleep 0.4; echo \"rest of $i\"; sleep 0.4; done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer server = testbed.start(environment);
        proxy = new CuttingProxy(server.port(), P + "/events"); // an older server: 404 for the stream
        URI base = proxy.base();
        String jobId = testbed.api(server).accepted("{\"pipeline\":\"full\",\"command\":\"run\"}");
        browser = new Browser(1280, 900);

        browser.open(base.resolve("/ui/#/run/" + jobId));
        WebElement log = browser.find("pre.log");
        browser.until(d -> logText().contains("rest of 2") ? true : null);
        assertThat(log.getAttribute("data-source")).isEqualTo("log");
        browser.until(d -> "true".equals(log.getAttribute("data-complete")) ? true : null);
        String byRoute = ConsoleChecks.get(URI.create("http://127.0.0.1:" + server.port()), P + "/log?jobId=" + jobId).body();
        assertThat(byRoute).contains("carriage\rreturn\n", "half of 8, rest of 8\n");
        assertThat(logText()).isEqualTo(byRoute);
        assertThat(proxy.requestHeads()).anyMatch(head -> head.startsWith("GET " + P + "/events?"));
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, Pattern.compile(".*/events\\?.* status of 404.*"));
    }

    @Test
    void scrollingTheLogUpStopsFollowingTheTailUntilFollowTheTailIsPressed() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND",
                JarTestbed.shell("for i in $(seq 1 600); do echo \"line $i\"; sleep 0.2; done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        JarServer server = testbed.start(environment);
        URI base = URI.create("http://127.0.0.1:" + server.port());
        String jobId = testbed.api(server).accepted("{\"pipeline\":\"ingester\"}");
        browser = new Browser(1280, 900);

        browser.open(base.resolve("/ui/#/run/" + jobId));
        WebElement log = browser.find("pre.log");
        browser.until(d -> lines() > 40 ? true : null); // more than the log's box holds
        assertThat(atTheTail()).as("following the tail").isTrue();

        browser.script("arguments[0].scrollIntoView({block: 'center'})", log);
        new Actions(browser.driver()).scrollFromOrigin(WheelInput.ScrollOrigin.fromElement(log), 0, -100_000).perform();
        WebElement followTheTail = browser.button("Follow the tail"); // shown once the page stops following
        long scrolledTo = scrollTop();
        long scrolledAt = lines();
        browser.until(d -> lines() > scrolledAt + 10 ? true : null);
        // not back down at the end; at most further up, should chromium still be easing the wheel's scroll
        assertThat(atTheTail()).as("new lines leave the log where the reader scrolled it").isFalse();
        assertThat(scrollTop()).isLessThanOrEqualTo(scrolledTo);

        followTheTail.click();
        assertThat(atTheTail()).isTrue();
        assertThat(followTheTail.isDisplayed()).isFalse();
        long followedAt = lines();
        browser.until(d -> lines() > followedAt + 10 ? true : null);
        assertThat(atTheTail()).as("new lines are followed again").isTrue();
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, Pattern.compile("$^"));
    }

    private String logText() {
        return (String) browser.script("return document.getElementById('log').textContent");
    }

    private long lines() {
        return (Long) browser.script("return document.getElementById('log').textContent.split('\\n').length");
    }

    private long scrollTop() {
        return ((Number) browser.script("return Math.round(document.getElementById('log').scrollTop)")).longValue();
    }

    private boolean atTheTail() {
        return (Boolean) browser.script("const log = document.getElementById('log');"
                + " return log.scrollHeight > log.clientHeight && log.scrollTop + log.clientHeight >= log.scrollHeight - 1");
    }

    private List<String> eventRequests() {
        return proxy.requestHeads().stream().filter(head -> head.startsWith("GET " + P + "/events?")).toList();
    }
}

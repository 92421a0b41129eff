package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The schedules page (docs/console.md, "Schedules") in a real browser against the real jar with a schedules
 * file: each schedule with what it runs, its policy, next and last run in the reader's time and the schedule's
 * zone, and a link to the job the last firing started; and, behind a relay that answers 404 for the route as an
 * older server does, no menu entry and a sentence on the page.
 */
@ExtendWith(BrowserAvailable.class)
class ConsoleSchedulesIT {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final Duration FIRST_FIRING = Duration.ofSeconds(90); // an every-minute cron fires within 60 s
    private static final ObjectMapper JSON = new ObjectMapper();

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
    void eachScheduleShowsItsNextAndLastRunInBothZonesAndLinksToItsLastJob() throws Exception {
        Path dataDir = testbed.newDataDir();
        Path file = Files.writeString(dataDir.resolve("schedules.yaml"), """
                schedules:
                  - name: every-minute
                    cron: "* * * * *"
                    request: {pipeline: ingester}
                  - name: nightly-berlin
                    cron: "0 2 * * *"
                    timeZone: Europe/Berlin
                    request: {pipeline: dbt, command: test, enableElementary: false}
                    onBusy: queue
                  - name: paused-hourly
                    cron: "@hourly"
                    request: {pipeline: full}
                    enabled: false
                """);
        Map<String, String> environment = JarTestbed.processEnvironment(dataDir);
        environment.put("PIPELINE_SCHEDULES_FILE", file.toString());
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("echo scheduled ingester"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        URI base = URI.create("http://127.0.0.1:" + testbed.start(environment).port());
        JsonNode everyMinute = awaitFirstFiring(base);
        String lastJobId = everyMinute.path("lastJobId").asText();
        browser = new Browser(1280, 900);
        // the reader in a third zone: both times are shown for each schedule, whatever this machine's zone
        browser.driver().executeCdpCommand("Emulation.setTimezoneOverride", Map.of("timezoneId", "America/New_York"));

        browser.open(base.resolve("/ui/"));
        browser.button("Schedules").click();
        browser.awaitText("table.schedules tbody", text -> text.contains("every-minute") && text.contains("paused-hourly"));
        WebElement nightly = row("nightly-berlin");
        assertThat(nightly.getText()).contains("0 2 * * *", "Europe/Berlin", "dbt · test · no report", "when busy: queue");
        String next = nightly.findElement(By.cssSelector("td.next-run time")).getAttribute("datetime");
        assertThat(next).isEqualTo(schedule(base, "nightly-berlin").path("nextRunAt").asText());
        assertThat(nightly.findElement(By.cssSelector("td.next-run .zone-time")).getText())
                .as("02:00 in the schedule's own zone").matches("\\(.*02:00.* in Europe/Berlin\\)");
        assertThat(row("paused-hourly").getText()).contains("paused").contains("none yet");
        assertThat(row("paused-hourly").findElement(By.cssSelector("td.next-run")).getText()).isEqualTo("—");

        WebElement minute = row("every-minute");
        assertThat(minute.findElement(By.cssSelector("td.last-run time")).getAttribute("datetime"))
                .isEqualTo(everyMinute.path("lastRunAt").asText());
        assertThat(minute.findElement(By.cssSelector("td.last-run")).getText()).contains(everyMinute.path("lastResult").asText())
                .contains(" UTC in UTC)");
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();
        browser.screenshot("console-schedules");
        minute.findElement(By.linkText(lastJobId)).click();
        browser.awaitText(".page-head h1", lastJobId::equals);
        browser.awaitText(".details", text -> text.contains("schedule:every-minute"));
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, Pattern.compile("$^"));
    }

    @Test
    void onAServerWithoutTheSchedulesRouteTheMenuHasNoSchedulesAndThePageSaysSo() throws Exception {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_INGESTER_COMMAND", "true");
        environment.put("PIPELINE_DBT_COMMAND", "true");
        JarServer server = testbed.start(environment);
        proxy = new CuttingProxy(server.port(), P + "/schedules");
        URI base = proxy.base();
        browser = new Browser(1280, 900);

        browser.open(base.resolve("/ui/"));
        browser.awaitText("table.runs", text -> text.contains("No runs match"));
        browser.until(d -> proxy.requestHeads().stream().anyMatch(head -> head.startsWith("GET " + P + "/schedules")) ? true : null);
        assertThat(browser.script("return document.getElementById('nav-schedules').hidden")).isEqualTo(true);
        assertThat(browser.find("nav").getText()).doesNotContain("Schedules");
        browser.open(base.resolve("/ui/#/schedules"));
        browser.awaitText("main .error", "This server has no schedules."::equals);
        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, Pattern.compile("$^"));
    }

    private WebElement row(String name) {
        return browser.until(d -> d.findElement(By.xpath("//table[contains(@class, 'schedules')]//tr[.//strong[.='" + name + "']]")));
    }

    private JsonNode awaitFirstFiring(URI base) throws Exception {
        long deadline = System.nanoTime() + FIRST_FIRING.toNanos();
        while (true) {
            JsonNode schedule = schedule(base, "every-minute");
            if (!schedule.path("lastJobId").isNull() && !schedule.path("lastJobId").isMissingNode()) {
                return schedule;
            }
            assertThat(System.nanoTime()).as("every-minute fired within %s", FIRST_FIRING).isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    private static JsonNode schedule(URI base, String name) throws Exception {
        for (JsonNode schedule : JSON.readTree(ConsoleChecks.get(base, P + "/schedules").body()).path("schedules")) {
            if (schedule.path("name").asText().equals(name)) {
                return schedule;
            }
        }
        throw new AssertionError("no schedule " + name);
    }
}

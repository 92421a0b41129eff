package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console by keyboard alone and as a screen reader sees it (docs/console.md, "Keyboard, screen readers"), in
 * a real browser against the real jar with tokens: the token prompt, the Tab order of every page with a visible
 * focus ring on each stop, a filter, the start form with a preset picked by arrow keys, cancel with its
 * confirmation by Enter and Space; on each page the landmarks, names and live regions.
 */
@ExtendWith(BrowserAvailable.class)
class ConsoleKeyboardIT {

    private static final String TOKEN = "console-keyboard-token-1";
    private static final String FOCUSED = """
            const e = document.activeElement;
            if (!e || e === document.body) return 'body';
            if (e.id) return '#' + e.id;
            if (e.type === 'radio') return e.name + '=' + e.value;
            return e.tagName.toLowerCase() + ':' + (e.getAttribute('aria-label') || e.textContent.trim());
            """;
    // a keyboard focus shows as an outline of 2 px or more (console.css, :focus-visible)
    private static final String FOCUS_VISIBLE = """
            const e = document.activeElement, style = getComputedStyle(e);
            return e.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
            """;

    private final JarTestbed testbed = JarTestbed.withoutDocker();
    private Browser browser;

    @AfterEach
    void cleanUp() {
        if (browser != null) {
            browser.close();
        }
        testbed.close();
    }

    @Test
    void everyPageWorksByKeyboardInReadingOrderWithAVisibleFocusAndIsLabelledForScreenReaders() {
        Map<String, String> environment = JarTestbed.processEnvironment(testbed.newDataDir());
        environment.put("PIPELINE_API_TOKEN", TOKEN);
        environment.put("PIPELINE_INGESTER_COMMAND", JarTestbed.shell("for i in $(seq 1 120); do echo \"line $i\"; sleep 1; done"));
        environment.put("PIPELINE_DBT_COMMAND", JarTestbed.shell("echo dbt $0"));
        URI base = URI.create("http://127.0.0.1:" + testbed.start(environment).port());
        browser = new Browser(1280, 900);

        // the token prompt takes the focus; Enter sends it; a wrong one asks again with the reason
        browser.open(base.resolve("/ui/"));
        browser.until(d -> "#token-input".equals(focused()) ? true : null);
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();
        keys("not-the-token", Keys.ENTER);
        browser.awaitText("#token-error", text -> text.startsWith("That token was refused"));
        assertThat(focused()).isEqualTo("#token-input");
        keys(TOKEN, Keys.ENTER);
        browser.awaitText("table.runs", text -> text.contains("No runs match"));

        // the runs page from the top: skip link, header, navigation (Schedules once the route answered), the page
        assertThat(browser.find("#health").getText()).isEqualTo("Healthy");
        browser.button("Schedules");
        assertThat(tabsFromTheTop(9)).containsExactly("a:Skip to content", "a:pipeline-trigger console, runs", "a:Runs",
                "a:Start a run", "#nav-schedules", "a:Start a run", "#filter-status", "#filter-pipeline", "#filter-outcome");
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();
        tabsFromTheTop(1);
        keys(Keys.ENTER);
        assertThat(focused()).as("the skip link lands in main").isEqualTo("#main");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/ui/");

        // a filter by arrow keys: the list asks the server again
        tabsFromTheTop(7);
        keys(Keys.ARROW_DOWN);
        assertThat(browser.script("return document.getElementById('filter-status').value")).isEqualTo("running");
        browser.awaitText("table.runs", text -> text.contains("No runs match"));
        keys(Keys.ARROW_UP);
        assertThat(browser.script("return document.getElementById('filter-status').value")).isEqualTo("");

        // the start form: Enter on the navigation's link, then the form in order; a preset by arrow keys
        tabsFromTheTop(4);
        keys(Keys.ENTER);
        browser.find("form.start");
        assertThat(focused()).isEqualTo("#main");
        assertThat(tabs(7)).containsExactly("pipeline=full", "#command", "preset=normal", "#enableOpenlineage",
                "#enableElementary", "#onBusy", "button:Start the run");
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();
        backTabs(4);
        assertThat(focused()).isEqualTo("preset=normal");
        keys(Keys.ARROW_RIGHT, Keys.ARROW_RIGHT, Keys.ARROW_RIGHT);
        assertThat(focused()).isEqualTo("preset=fastest");
        assertThat(browser.script("return [enableOpenlineage.value, enableElementary.value].join()")).isEqualTo("false,false");
        keys(Keys.TAB, Keys.TAB, Keys.TAB, Keys.TAB);
        assertThat(focused()).isEqualTo("button:Start the run");
        keys(Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().contains("#/run/") ? true : null);

        // the run page: status and log are labelled live regions; cancel asks first, by Enter, then Space
        browser.awaitText(".run-state", "Running"::equals);
        browser.button("Cancel run");
        browser.until(d -> ((String) browser.script("return document.getElementById('log').textContent")).contains("line 2") ? true : null);
        assertThat(browser.script("return document.querySelector('.run-state').getAttribute('aria-live')")).isEqualTo("polite");
        assertThat(browser.script("return document.getElementById(document.getElementById('log').getAttribute('aria-labelledby')).textContent"))
                .isEqualTo("Log");
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();
        browser.script("document.getElementById('main').focus()");
        assertThat(tabs(4)).containsExactly("a:← Runs", "button:Cancel run", "button:Download the whole log", "#log");
        backTabs(2);
        assertThat(focused()).isEqualTo("button:Cancel run");
        keys(Keys.ENTER);
        browser.until(d -> "button:Keep it running".equals(focused()) ? true : null);
        assertThat(focusVisible()).isTrue();
        keys(Keys.ENTER);
        browser.until(d -> "button:Cancel run".equals(focused()) ? true : null);
        assertThat(browser.find(".run-state").getText()).isEqualTo("Running");
        keys(Keys.SPACE);
        browser.until(d -> "button:Keep it running".equals(focused()) ? true : null);
        keys(Keys.TAB);
        assertThat(focused()).isEqualTo("#confirm-yes");
        assertThat(focusVisible()).isTrue();
        browser.screenshot("console-cancel-keyboard");
        keys(Keys.SPACE);
        browser.awaitText(".run-state", "Cancelled"::equals);
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();

        // the schedules page by keyboard: the menu entry, then Enter
        tabsFromTheTop(5);
        keys(Keys.ENTER);
        browser.awaitText("table.schedules", text -> text.contains("No schedules are configured."));
        assertThat(ConsoleChecks.accessibilityProblems(browser)).isEmpty();

        ConsoleChecks.nothingLeftTheOriginAndNoError(browser, base, Pattern.compile(".*status of 401.*"));
    }

    /**
     * Presses Tab count times from the top of the page: from a focus point put before everything (a blur alone
     * would leave the browser's starting point where the focus was), gone once the focus leaves it.
     */
    private List<String> tabsFromTheTop(int count) {
        browser.script("const top = document.createElement('span'); top.tabIndex = -1;"
                + " top.addEventListener('blur', () => top.remove()); document.body.prepend(top); top.focus();");
        return tabs(count);
    }

    /** Presses Tab count times; each stop, which must show its focus. */
    private List<String> tabs(int count) {
        List<String> stops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            keys(Keys.TAB);
            String stop = focused();
            assertThat(focusVisible()).as("a visible focus on %s", stop).isTrue();
            stops.add(stop);
        }
        return stops;
    }

    private void backTabs(int count) {
        for (int i = 0; i < count; i++) {
            new Actions(browser.driver()).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        }
    }

    private void keys(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    private String focused() {
        return (String) browser.script(FOCUSED);
    }

    private boolean focusVisible() {
        return Boolean.TRUE.equals(browser.script(FOCUS_VISIBLE));
    }
}

package io.pipelinetrigger.app;

import org.openqa.selenium.logging.LogEntry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What every console browser test requires of a page, and plain HTTP reads of the server beside the browser. */
final class ConsoleChecks {

    // what chromium logs for an answer the console expects and handles: the probe of a route a server may lack
    private static final Pattern PROBE = Pattern.compile(".*/schedules\\?*.* status of 404.*");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private ConsoleChecks() {
    }

    /** Every request the page made went to base's origin, and the browser logged no warning or error but those expected. */
    static void nothingLeftTheOriginAndNoError(Browser browser, URI base, Pattern alsoExpected) {
        assertThat(browser.requestedUrls()).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(base + "/"));
        List<String> errors = browser.log().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                .map(LogEntry::getMessage)
                .filter(message -> !PROBE.matcher(message).matches() && !alsoExpected.matcher(message).matches())
                .toList();
        assertThat(errors).as("the browser's log").isEmpty();
    }

    /**
     * What a screen reader needs of the page as it is now, as sentences (none when all is well): one {@code main},
     * named {@code nav}s, an accessible name for every visible control (a label, its text, aria-label or
     * aria-labelledby), states in words (badges with text, step bars as labelled images), alt on every image,
     * labelled live regions for the run status and the log, no id twice and no aria-labelledby to a missing id.
     */
    @SuppressWarnings("unchecked")
    static List<String> accessibilityProblems(Browser browser) {
        return (List<String>) browser.script(ACCESSIBILITY);
    }

    private static final String ACCESSIBILITY = """
            const problems = [];
            const visible = (e) => e.getClientRects().length > 0;
            const text = (e) => (e ? e.textContent : '').replace(/\\s+/g, ' ').trim();
            const nameOf = (e) => {
              const by = e.getAttribute('aria-labelledby');
              if (by) return by.split(' ').map((id) => text(document.getElementById(id))).join(' ').trim();
              if (e.getAttribute('aria-label')) return e.getAttribute('aria-label').trim();
              if (e.labels && e.labels.length) return [...e.labels].map(text).join(' ').trim();
              if (['A', 'BUTTON'].includes(e.tagName)) return text(e) || (e.querySelector('img[alt]') || {}).alt || '';
              return (e.getAttribute('title') || '').trim();
            };
            if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one main landmark');
            const navs = document.querySelectorAll('nav');
            if (!navs.length) problems.push('no nav landmark');
            navs.forEach((n) => { if (!nameOf(n)) problems.push('a nav without a name'); });
            for (const e of document.querySelectorAll('input, select, textarea, button, a[href], [tabindex]:not([tabindex="-1"])')) {
              if (visible(e) && !nameOf(e)) problems.push('no accessible name: ' + e.outerHTML.slice(0, 120));
            }
            for (const e of document.querySelectorAll('.badge')) if (!text(e)) problems.push('a badge without words');
            for (const e of document.querySelectorAll('.stepbar')) {
              if (e.getAttribute('role') !== 'img' || !nameOf(e)) problems.push('a step bar without a text label');
            }
            for (const e of document.querySelectorAll('img')) if (!e.hasAttribute('alt')) problems.push('an image without alt');
            for (const e of document.querySelectorAll('.run-state')) {
              if (e.getAttribute('role') !== 'status' || e.getAttribute('aria-live') !== 'polite') problems.push('the run status is not a live region');
            }
            for (const e of document.querySelectorAll('pre.log')) {
              if (e.getAttribute('role') !== 'log' || !nameOf(e)) problems.push('the log region has no role or name');
            }
            const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
            ids.filter((id, i) => ids.indexOf(id) !== i).forEach((id) => problems.push('id twice: ' + id));
            for (const e of document.querySelectorAll('[aria-labelledby]')) {
              for (const id of e.getAttribute('aria-labelledby').split(' ')) {
                if (!document.getElementById(id)) problems.push('aria-labelledby names a missing id: ' + id);
              }
            }
            return problems;
            """;

    static HttpResponse<String> get(URI base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

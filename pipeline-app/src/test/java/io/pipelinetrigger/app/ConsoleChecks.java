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

package io.pipelinetrigger.core.domain;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One configured receiver of job events (docs/webhooks.md): its address, the event types it wants (empty: every
 * event) and the format of the body. Only configured endpoints are ever sent to.
 */
public record WebhookEndpoint(URI url, Set<String> events, WebhookFormat format) {

    public WebhookEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(format, "format");
        events = Set.copyOf(events);
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException("a webhook address is an absolute http(s) URL, not "
                    + Quoting.quoted(url.toString()));
        }
        for (String event : events) {
            JobEvent.requireKnownType(event);
        }
    }

    public boolean wants(String eventType) {
        return events.isEmpty() || events.contains(eventType);
    }
}

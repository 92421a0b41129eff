package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.port.out.JobEventFormat;

import java.util.List;
import java.util.Objects;

/** The endpoints job events go to and how their bodies are written; no endpoints, no events (docs/webhooks.md). */
public record WebhookSettings(List<WebhookEndpoint> endpoints, JobEventFormat format) {

    public static final WebhookSettings NONE = new WebhookSettings(List.of(), (event, f) -> {
        throw new IllegalStateException("no webhook endpoints, nothing to render");
    });

    public WebhookSettings {
        endpoints = List.copyOf(endpoints);
        Objects.requireNonNull(format, "format");
    }
}

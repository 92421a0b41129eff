package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobEvent;
import io.pipelinetrigger.core.domain.WebhookFormat;

/** Writes an event as the body an endpoint receives (docs/webhooks.md, "Payload"); a wire format, so an adapter's. */
@FunctionalInterface
public interface JobEventFormat {

    String render(JobEvent event, WebhookFormat format);
}

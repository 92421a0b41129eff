package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.core.application.LeaseSettings;
import io.pipelinetrigger.core.application.TaskTurns;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.RunMetrics;
import io.pipelinetrigger.webhook.JsonJobEventFormat;
import io.pipelinetrigger.webhook.WebhookSender;

/**
 * Starts the webhook sender over the store's outbox when endpoints are configured (docs/webhooks.md); among
 * replicas, only the one whose turn it is sends (docs/operations.md, "Replicas").
 */
final class WebhookWiring {

    private WebhookWiring() {
    }

    static JsonJobEventFormat format(AppConfig config) {
        return new JsonJobEventFormat(config.webhooks().publicUrl());
    }

    /** @return what stops the sender; nothing to stop without endpoints */
    static AutoCloseable startSender(AppConfig config, JobRepository repository, RunMetrics metrics,
                                     TaskTurns turns) {
        if (config.webhooks().endpoints().isEmpty() || !(repository instanceof DeliveryOutbox outbox)) {
            return () -> { };
        }
        WebhookSender sender = WebhookSender.builder(new TurnTakingOutbox(outbox, turns,
                config.leases().leases().map(LeaseSettings::lease).orElse(LeaseSettings.DEFAULT_LEASE)), config.webhooks().endpoints())
                .secret(config.webhooks().secret())
                .metrics(metrics)
                .build()
                .start();
        return sender::close;
    }
}

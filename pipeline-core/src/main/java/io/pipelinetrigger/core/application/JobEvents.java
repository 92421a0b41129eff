package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobEvent;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.port.out.OutboxMessage;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Turns a job change into the outbox messages of every endpoint that wants its event (docs/webhooks.md). */
final class JobEvents {

    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    /** 24 characters of 36: about 124 random bits, so two events never share an id. */
    private static final int ID_LENGTH = 24;

    private final WebhookSettings settings;
    private final InstantSource clock;
    private final RandomGenerator random;

    JobEvents(WebhookSettings settings, InstantSource clock, RandomGenerator random) {
        this.settings = settings;
        this.clock = clock;
        this.random = random;
    }

    boolean any() {
        return !settings.endpoints().isEmpty();
    }

    List<OutboxMessage> started(Job job) {
        return messages(JobEvent.STARTED, job);
    }

    List<OutboxMessage> ended(Job job) {
        return messages(JobEvent.endType(job.outcome().orElseThrow()), job);
    }

    private List<OutboxMessage> messages(String type, Job job) {
        List<WebhookEndpoint> wanting = settings.endpoints().stream().filter(e -> e.wants(type)).toList();
        if (wanting.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        JobEvent event = new JobEvent(newId(), type, now, job, JobEvent.lastLinesOf(job.output()));
        Map<WebhookFormat, String> bodies = new EnumMap<>(WebhookFormat.class);
        List<OutboxMessage> messages = new ArrayList<>();
        for (WebhookEndpoint endpoint : wanting) {
            String body = bodies.computeIfAbsent(endpoint.format(), f -> settings.format().render(event, f));
            messages.add(new OutboxMessage(event.id(), job.id(), type, endpoint.url(), body, now));
        }
        return List.copyOf(messages);
    }

    private String newId() {
        StringBuilder id = new StringBuilder("evt_");
        for (int i = 0; i < ID_LENGTH; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }
}

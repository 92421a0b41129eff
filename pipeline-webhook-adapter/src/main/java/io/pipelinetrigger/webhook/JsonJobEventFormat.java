package io.pipelinetrigger.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobEvent;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.port.out.JobEventFormat;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The bodies endpoints receive (docs/webhooks.md, "Payload"): {@code {"type", "id", "timestamp", "data": job}} as
 * the Standard Webhooks specification lays a message out, or for Slack {@code {"text": "<one line>"}}. The job's
 * {@code url} is where to poll it, under the server's public address.
 */
public final class JsonJobEventFormat implements JobEventFormat {

    /** The API path, as docs/api.md gives it; a poll of one job adds {@code ?jobId=}. */
    private static final String API_PATH = "/api/data-analytics/pipeline/trigger";

    private final ObjectMapper json = new ObjectMapper();
    private final String publicUrl;

    /** @param publicUrl where clients reach this server, e.g. {@code https://etl.example.com} */
    public JsonJobEventFormat(URI publicUrl) {
        String base = Objects.requireNonNull(publicUrl, "publicUrl").toString();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Override
    public String render(JobEvent event, WebhookFormat format) {
        ObjectNode body = format == WebhookFormat.SLACK ? slack(event) : standard(event);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values always writes", e);
        }
    }

    private String pollUrl(Job job) {
        return publicUrl + API_PATH + "?jobId=" + URLEncoder.encode(job.id().value(), StandardCharsets.UTF_8);
    }

    private ObjectNode standard(JobEvent event) {
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        body.put("id", event.id());
        body.put("timestamp", event.occurredAt().toString());
        Job job = event.job();
        ObjectNode data = body.putObject("data");
        data.put("jobId", job.id().value());
        data.put("pipeline", job.spec().pipeline().wireName());
        data.put("command", job.spec().command().map(DbtCommand::wireName).orElse(null));
        data.put("enableOpenlineage", job.spec().flags().enableOpenlineage());
        data.put("enableElementary", job.spec().flags().enableElementary());
        data.put("trigger", job.trigger().wireName());
        data.put("status", job.status().wireName());
        data.put("outcome", job.outcome().map(Outcome::wireName).orElse(null));
        data.put("exitCode", job.exitCodeForDisplay());
        data.put("createdAt", job.createdAt().toString());
        data.put("startedAt", job.startedAt().map(Instant::toString).orElse(null));
        data.put("finishedAt", job.finishedAt().map(Instant::toString).orElse(null));
        putDuration(data, job.startedAt(), job.finishedAt());
        data.put("error", job.error().orElse(null));
        ArrayNode steps = data.putArray("steps");
        for (Step step : job.steps()) {
            ObjectNode node = steps.addObject();
            node.put("name", step.name().wireName());
            node.put("status", step.status().wireName());
            if (step.exitCode().isPresent()) {
                node.put("exitCode", step.exitCode().getAsInt());
            } else {
                node.putNull("exitCode");
            }
            node.put("startedAt", step.startedAt().map(Instant::toString).orElse(null));
            node.put("finishedAt", step.finishedAt().map(Instant::toString).orElse(null));
            putDuration(node, step.startedAt(), step.finishedAt());
        }
        ArrayNode lines = data.putArray("lastLines");
        event.lastLines().forEach(lines::add);
        data.put("url", pollUrl(job));
        return body;
    }

    private static void putDuration(ObjectNode node, Optional<Instant> start, Optional<Instant> end) {
        if (start.isPresent() && end.isPresent()) {
            node.put("durationMs", Duration.between(start.get(), end.get()).toMillis());
        } else {
            node.putNull("durationMs");
        }
    }

    /** One readable line: what ran, how it ended, how long it took, why it failed, where to look. */
    private ObjectNode slack(JobEvent event) {
        Job job = event.job();
        StringBuilder line = new StringBuilder("pipeline-trigger: ").append(job.spec().pipeline().wireName());
        job.spec().command().ifPresent(c -> line.append(' ').append(c.wireName()));
        line.append(" run ").append(job.id().value());
        if (job.outcome().isEmpty()) {
            line.append(" started (").append(job.trigger().wireName()).append(')');
        } else {
            line.append(' ').append(job.outcome().get().wireName().replace('_', ' '));
            if (job.exitCode().isPresent() && job.exitCode().getAsInt() != 0) {
                line.append(" with exit code ").append(job.exitCode().getAsInt());
            }
            if (job.startedAt().isPresent() && job.finishedAt().isPresent()) {
                line.append(" after ").append(readable(Duration.between(job.startedAt().get(), job.finishedAt().get())));
            }
            job.error().ifPresent(e -> line.append(": ").append(e));
        }
        line.append(" <").append(pollUrl(job)).append('>');
        ObjectNode body = json.createObjectNode();
        body.put("text", line.toString());
        return body;
    }

    private static String readable(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds < 60 ? seconds + "s" : seconds / 60 + "m" + String.format("%02d", seconds % 60) + "s";
    }
}

package io.pipelinetrigger.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobEvent;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.Trigger;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies an endpoint receives, held to docs/webhooks.md ("Payload"): the documented example, rebuilt from the
 * job it describes, must render to exactly the documented JSON and Slack line; and over a real run, the last lines
 * are the output as the API shows it, cleaned and with the configured secrets redacted, in every body.
 */
class JsonJobEventFormatTest {

    private static final Path WEBHOOKS_DOC = Path.of("..", "docs", "webhooks.md");
    private static final String SECRET = "pg-p4ssw0rd-7f3a";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobId ID = JobId.of("dbt-1710468000000-abc123");
    private static final String POLL_URL = "https://etl.example.com/api/data-analytics/pipeline/trigger?jobId=" + ID.value();
    private static final List<String> OUTPUT_END = List.of("Completed with 1 error and 0 warnings:",
            "Done. PASS=270 WARN=5 ERROR=1 SKIP=0 TOTAL=276");

    private final JsonJobEventFormat format = new JsonJobEventFormat(URI.create("https://etl.example.com"));

    private static Instant at(String timeOfDay) {
        return Instant.parse("2024-03-15T" + timeOfDay + "Z");
    }

    /** The nightly dbt run of the documented example, accepted at 02:00 and not ended yet. */
    private static Job theNightlyRun() {
        return Job.accepted(ID, new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED),
                        Optional.empty(), Trigger.schedule("nightly"), at("02:00:00"))
                .stepStarted(StepName.DBT, at("02:00:00.120"));
    }

    private static JobEvent theDocumentedEvent() {
        Job errored = theNightlyRun()
                .stepExited(StepName.DBT, 1, at("02:00:41.490"))
                .complete(at("02:00:41.500"), String.join("\n", OUTPUT_END) + "\n");
        return new JobEvent("evt_3k9v0c2m1x8q7w6e5r4t3y2u", "job.errored", at("02:00:41.512"), errored,
                JobEvent.lastLinesOf(errored.output()));
    }

    @Test
    void the_documented_job_renders_to_the_documented_body_with_every_field_the_issue_names() throws IOException {
        JsonNode body = JSON.readTree(format.render(theDocumentedEvent(), WebhookFormat.JSON));

        assertThat(body).isEqualTo(payloadExamples().get(0));
        assertThat(fieldNames(body)).containsExactly("type", "id", "timestamp", "data");
        JsonNode data = body.get("data");
        assertThat(fieldNames(data)).containsExactly("jobId", "pipeline", "command", "enableOpenlineage",
                "enableElementary", "trigger", "status", "outcome", "exitCode", "createdAt", "startedAt", "finishedAt",
                "durationMs", "error", "steps", "lastLines", "url");
        assertThat(fieldNames(data.get("steps").get(0)))
                .containsExactly("name", "status", "exitCode", "startedAt", "finishedAt", "durationMs");
        assertThat(data.get("lastLines")).extracting(JsonNode::asText).containsExactlyElementsOf(OUTPUT_END);
        assertThat(data.get("url").asText()).isEqualTo(POLL_URL);
    }

    @Test
    void a_slack_endpoint_gets_the_documented_one_line_message() throws IOException {
        JsonNode body = JSON.readTree(format.render(theDocumentedEvent(), WebhookFormat.SLACK));

        assertThat(body).isEqualTo(payloadExamples().get(1));
        assertThat(fieldNames(body)).containsExactly("text");
    }

    @Test
    void a_start_has_no_outcome_end_or_durations_yet_and_slack_says_what_started_it() throws IOException {
        JobEvent started = new JobEvent("evt_started000000000000000", JobEvent.STARTED, at("02:00:00.121"),
                theNightlyRun(), List.of());

        JsonNode data = JSON.readTree(format.render(started, WebhookFormat.JSON)).get("data");
        String slack = JSON.readTree(format.render(started, WebhookFormat.SLACK)).get("text").asText();

        assertThat(data.get("status").asText()).isEqualTo("running");
        assertThat(data.get("outcome").isNull()).isTrue();
        assertThat(data.get("exitCode").asInt()).isEqualTo(-1);
        assertThat(data.get("finishedAt").isNull()).isTrue();
        assertThat(data.get("durationMs").isNull()).isTrue();
        assertThat(data.get("steps").get(0).get("status").asText()).isEqualTo("running");
        assertThat(data.get("steps").get(0).get("durationMs").isNull()).isTrue();
        assertThat(data.get("lastLines")).isEmpty();
        assertThat(slack).isEqualTo("pipeline-trigger: dbt daily run " + ID.value() + " started (schedule:nightly) <"
                + POLL_URL + ">");
    }

    @Test
    void a_run_that_timed_out_carries_its_error_in_both_bodies() throws IOException {
        Job timedOut = theNightlyRun().timeOut("dbt ran longer than its timeout of 1m and was stopped.",
                OptionalInt.of(137), at("02:01:05.120"), "");
        JobEvent event = new JobEvent("evt_timedout00000000000000", "job.timed_out", at("02:01:05.200"), timedOut,
                List.of());
        JsonJobEventFormat underASlash = new JsonJobEventFormat(URI.create("https://etl.example.com/"));

        JsonNode data = JSON.readTree(underASlash.render(event, WebhookFormat.JSON)).get("data");
        String slack = JSON.readTree(underASlash.render(event, WebhookFormat.SLACK)).get("text").asText();

        assertThat(data.get("outcome").asText()).isEqualTo("timed_out");
        assertThat(data.get("error").asText()).isEqualTo("dbt ran longer than its timeout of 1m and was stopped.");
        assertThat(data.get("durationMs").asLong()).isEqualTo(65_000);
        assertThat(data.get("url").asText()).isEqualTo(POLL_URL);
        assertThat(slack).isEqualTo("pipeline-trigger: dbt daily run " + ID.value() + " timed out with exit code 137"
                + " after 1m05s: dbt ran longer than its timeout of 1m and was stopped. <" + POLL_URL + ">");
    }

    @Test
    void the_last_lines_of_a_real_run_are_its_last_twenty_cleaned_and_redacted_and_no_body_carries_the_secret()
            throws Exception {
        List<String> printed = Stream.concat(IntStream.rangeClosed(1, 23).mapToObj(n -> "model " + n + " OK"),
                Stream.of("connecting as etl with " + SECRET, "\u001B[31mERROR\u001B[0m model 24 failed")).toList();
        FakeContainerRunner runner = new FakeContainerRunner()
                .on(StepName.DBT, FakeStep.printing(printed.toArray(String[]::new)).thenExiting(1));

        try (PipelineTrigger trigger = aTriggerRedacting(runner)) {
            Job job = Polling.untilFinished(trigger, trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());
            List<Delivery> deliveries = trigger.deliveries(job.id());
            JsonNode errored = JSON.readTree(bodyOf(deliveries, "job.errored", "\"data\""));

            List<String> lastLines = new ArrayList<>();
            errored.get("data").get("lastLines").forEach(line -> lastLines.add(line.asText()));
            assertThat(lastLines).hasSize(JobEvent.LAST_LINES).startsWith("model 6 OK")
                    .endsWith("model 23 OK", "connecting as etl with [REDACTED]", "ERROR model 24 failed");
            assertThat(job.output()).as("the API's output").endsWith(String.join("\n", lastLines) + "\n");
            assertThat(deliveries).extracting(d -> d.message().body())
                    .as("started and errored, each as JSON and for Slack").hasSize(4)
                    .allSatisfy(body -> assertThat(body).doesNotContain(SECRET).doesNotContain("\u001B")
                            .doesNotContainIgnoringCase("\\u001b"));
        }
    }

    @Test
    void a_secret_in_a_failed_runs_error_is_redacted_in_the_json_and_the_slack_body() throws Exception {
        FakeContainerRunner runner = new FakeContainerRunner()
                .on(StepName.DBT, FakeStep.failingWhileRunning("login refused for " + SECRET));

        try (PipelineTrigger trigger = aTriggerRedacting(runner)) {
            Job job = Polling.untilFinished(trigger, trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT)).id());
            List<Delivery> deliveries = trigger.deliveries(job.id());
            JsonNode data = JSON.readTree(bodyOf(deliveries, "job.failed", "\"data\"")).get("data");
            String slack = JSON.readTree(bodyOf(deliveries, "job.failed", "\"text\"")).get("text").asText();

            assertThat(data.get("error").asText()).contains("login refused for [REDACTED]").doesNotContain(SECRET);
            assertThat(slack).contains(" failed ", ": login refused for [REDACTED]").doesNotContain(SECRET);
        }
    }

    /** A facade whose output and errors are redacted, telling a JSON and a Slack endpoint every event. */
    private PipelineTrigger aTriggerRedacting(FakeContainerRunner runner) {
        return PipelineTrigger.builder().containerRunner(runner)
                .outputSanitizer(OutputSanitizer.redacting(Set.of(SECRET)))
                .webhooks(List.of(new WebhookEndpoint(URI.create("https://ops.example.com/hook"), Set.of(), WebhookFormat.JSON),
                                new WebhookEndpoint(URI.create("https://hooks.example.com/slack"), Set.of(), WebhookFormat.SLACK)),
                        format)
                .build();
    }

    private static String bodyOf(List<Delivery> deliveries, String event, String marker) {
        return deliveries.stream().map(Delivery::message).filter(m -> m.eventType().equals(event))
                .map(OutboxMessage::body).filter(body -> body.contains(marker)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + event + " body with " + marker + " in " + deliveries));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The JSON blocks of the doc's "Payload" section, in order: the standard body, then the Slack one. */
    static List<JsonNode> payloadExamples() throws IOException {
        String doc = Files.readString(WEBHOOKS_DOC);
        String payload = doc.substring(doc.indexOf("\n## Payload"), doc.indexOf("\n## Signature"));
        Matcher block = Pattern.compile("```json\n(.*?)```", Pattern.DOTALL).matcher(payload);
        List<JsonNode> examples = new ArrayList<>();
        while (block.find()) {
            examples.add(JSON.readTree(block.group(1)));
        }
        assertThat(examples).as("JSON examples in the Payload section of " + WEBHOOKS_DOC).hasSize(2);
        return examples;
    }
}

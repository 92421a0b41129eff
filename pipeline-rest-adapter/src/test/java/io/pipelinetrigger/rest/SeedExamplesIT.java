package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every example payload of docs/api.md, sent as its curl sends it, answered and run as docs/api.md says. */
class SeedExamplesIT {

    static final List<String> JOB_VIEW_FIELDS = List.of("success", "jobId", "status", "exitCode", "output",
            "pipeline", "command", "enableOpenlineage", "enableElementary", "timeoutSeconds", "createdAt", "startedAt", "finishedAt",
            "error", "outcome", "trigger", "steps");
    static final List<String> STEP_VIEW_FIELDS = List.of("name", "status", "exitCode", "startedAt", "finishedAt", "reason");
    static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z";

    private ApiServer server;

    @BeforeEach
    void startServer() {
        server = ApiServer.enabled(new FakeContainerRunner());
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** name, body exactly as in docs/api.md, then pipeline, command, openlineage, elementary the run must get. */
    static Stream<Arguments> seedPayloads() {
        return Stream.of(
                arguments("quick start: full", "{\"pipeline\": \"full\"}", "full", "daily", true, true),
                arguments("run ingester only", "{\"pipeline\": \"ingester\"}", "ingester", null, true, true),
                arguments("dbt daily, all features", """
                        {
                        "pipeline": "dbt",
                        "command": "daily"
                        }""", "dbt", "daily", true, true),
                arguments("dbt daily without openlineage", """
                        {
                        "pipeline": "dbt",
                        "command": "daily",
                        "enableOpenlineage": false
                        }""", "dbt", "daily", false, true),
                arguments("dbt daily without elementary", """
                        {
                        "pipeline": "dbt",
                        "command": "daily",
                        "enableElementary": false
                        }""", "dbt", "daily", true, false),
                arguments("dbt daily minimal", """
                        {
                        "pipeline": "dbt",
                        "command": "daily",
                        "enableOpenlineage": false,
                        "enableElementary": false
                        }""", "dbt", "daily", false, false),
                arguments("dbt daily with openlineage, without elementary", """
                        {
                        "pipeline": "dbt",
                        "command": "daily",
                        "enableOpenlineage": true,
                        "enableElementary": false
                        }""", "dbt", "daily", true, false),
                arguments("full pipeline", "{\"pipeline\": \"full\", \"command\": \"daily\"}", "full", "daily", true, true),
                arguments("dbt build only", "{\"pipeline\": \"dbt\", \"command\": \"build\"}", "dbt", "build", true, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seedPayloads")
    void aSeedPayloadIsAcceptedWithTheSeedsShapeAndRunsWithItsEffectiveFlags(
            String name, String body, String pipeline, String command, boolean openlineage, boolean elementary)
            throws InterruptedException {
        ApiClient.Answer accepted = server.client().trigger(body);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.contentType()).isEqualToIgnoringCase("application/json;charset=UTF-8");
        JsonNode view = accepted.json();
        assertThat(fieldNames(view)).containsExactlyElementsOf(JOB_VIEW_FIELDS);
        String jobId = view.get("jobId").asText();
        assertThat(jobId).matches(pipeline + "-\\d{13}-[a-z0-9]{6}");
        assertThat(accepted.headers().firstValue("Location")).hasValue(
                server.client().base() + ApiClient.PATH + "?jobId=" + jobId);
        assertThat(view.get("success").asBoolean()).isTrue();
        assertThat(view.get("status").asText()).isEqualTo("running");
        assertThat(view.get("exitCode").isInt()).isTrue();
        assertThat(view.get("exitCode").asInt()).isEqualTo(-1);
        assertThat(view.get("output").asText()).isEqualTo("Pipeline \"" + pipeline + "\" started in background.");
        assertThat(view.get("pipeline").asText()).isEqualTo(pipeline);
        assertThat(textOrNull(view.get("command"))).isEqualTo(command);
        assertThat(view.get("enableOpenlineage").isBoolean()).isTrue();
        assertThat(view.get("enableOpenlineage").asBoolean()).isEqualTo(openlineage);
        assertThat(view.get("enableElementary").asBoolean()).isEqualTo(elementary);
        assertThat(view.get("createdAt").asText()).matches(ISO_UTC);
        assertThat(view.get("startedAt").isNull()).isTrue();
        assertThat(view.get("finishedAt").isNull()).isTrue();
        assertThat(view.get("error").isNull()).isTrue();
        List<String> expectedSteps = pipeline.equals("full") ? List.of("ingester", "dbt") : List.of(pipeline);
        assertThat(view.get("steps")).hasSize(expectedSteps.size());
        for (int i = 0; i < expectedSteps.size(); i++) {
            JsonNode step = view.get("steps").get(i);
            assertThat(fieldNames(step)).containsExactlyElementsOf(STEP_VIEW_FIELDS);
            assertThat(step.get("name").asText()).isEqualTo(expectedSteps.get(i));
            assertThat(step.get("status").asText()).isEqualTo("pending");
            assertThat(step.get("exitCode").isNull()).isTrue();
            assertThat(step.get("startedAt").isNull()).isTrue();
            assertThat(step.get("finishedAt").isNull()).isTrue();
        }

        JsonNode done = server.client().awaitFinished(jobId);

        assertThat(done.get("status").asText()).as(done.toString()).isEqualTo("completed");
        assertThat(fieldNames(done)).containsExactlyElementsOf(JOB_VIEW_FIELDS);
        assertThat(done.get("success").asBoolean()).isTrue();
        assertThat(done.get("exitCode").asInt()).isZero();
        assertThat(done.get("startedAt").asText()).matches(ISO_UTC);
        assertThat(done.get("finishedAt").asText()).matches(ISO_UTC);
        assertThat(done.get("error").isNull()).isTrue();
        for (JsonNode step : done.get("steps")) {
            assertThat(step.get("status").asText()).isEqualTo("completed");
            assertThat(step.get("exitCode").asInt()).isZero();
            assertThat(step.get("finishedAt").asText()).matches(ISO_UTC);
        }
        List<StepSpec> ran = server.runner().startedSteps().stream()
                .filter(spec -> spec.jobId().value().equals(jobId)).toList();
        assertThat(ran).extracting(spec -> spec.step().wireName()).containsExactlyElementsOf(expectedSteps);
        for (StepSpec spec : ran) {
            assertThat(spec.environment()).containsEntry("PIPELINE_JOB_ID", jobId)
                    .containsEntry("PIPELINE_STEP", spec.step().wireName());
            if (spec.step().wireName().equals("dbt")) {
                assertThat(spec.environment())
                        .containsEntry("DBT_COMMAND", command)
                        .containsEntry("ENABLE_OPENLINEAGE", Boolean.toString(openlineage))
                        .containsEntry("ENABLE_ELEMENTARY", Boolean.toString(elementary));
                assertThat(spec.arguments()).containsExactly(command);
            } else {
                assertThat(spec.environment()).doesNotContainKeys("DBT_COMMAND", "ENABLE_OPENLINEAGE", "ENABLE_ELEMENTARY");
                assertThat(spec.arguments()).isEmpty();
            }
        }
        assertThat(server.client().jobIds()).containsExactly(jobId);
    }

    static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String textOrNull(JsonNode node) {
        return node.isNull() ? null : node.asText();
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** The job view on the wire, byte for byte: field order, nulls, timestamps. */
class JobResponseTest {

    private static final Instant CREATED = Instant.parse("2024-03-15T00:00:00Z");
    private static final Instant STARTED = Instant.parse("2024-03-15T00:00:00.250999Z");
    private static final Instant FINISHED = Instant.parse("2024-03-15T00:05:00.123Z");

    private final WireJsonWriter writer = new WireJsonWriter(new WireJson());

    @Test
    void anAcceptedJobSaysItStartedAndKnowsNoTimesYet() throws IOException {
        Job accepted = Job.accepted(JobId.of("dbt-1710460800000-abc123"),
                new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED), CREATED);

        assertThat(json(JobResponse.accepted(accepted))).isEqualTo("{\"success\":true,\"jobId\":\"dbt-1710460800000-abc123\","
                + "\"status\":\"running\",\"exitCode\":-1,\"output\":\"Pipeline \\\"dbt\\\" started in background.\","
                + "\"pipeline\":\"dbt\",\"command\":\"daily\",\"enableOpenlineage\":true,\"enableElementary\":true,\"timeoutSeconds\":null,"
                + "\"createdAt\":\"2024-03-15T00:00:00.000Z\",\"startedAt\":null,\"finishedAt\":null,\"error\":null,"
                + "\"outcome\":null,\"trigger\":\"api\","
                + "\"steps\":[{\"name\":\"dbt\",\"status\":\"pending\",\"exitCode\":null,\"startedAt\":null,\"finishedAt\":null,\"reason\":null}]}");
    }

    @Test
    void aCompletedJobShowsItsExitCodeOutputAndMillisecondTimes() throws IOException {
        Job completed = Job.accepted(JobId.of("dbt-1710460800000-abc123"),
                        new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.BUILD), new FeatureFlags(false, true)), CREATED)
                .stepStarted(StepName.DBT, STARTED)
                .stepExited(StepName.DBT, 1, FINISHED)
                .complete(FINISHED, "Done. ERROR=5\n");

        assertThat(json(JobResponse.of(completed))).isEqualTo("{\"success\":true,\"jobId\":\"dbt-1710460800000-abc123\","
                + "\"status\":\"completed\",\"exitCode\":1,\"output\":\"Done. ERROR=5\\n\","
                + "\"pipeline\":\"dbt\",\"command\":\"build\",\"enableOpenlineage\":false,\"enableElementary\":true,\"timeoutSeconds\":null,"
                + "\"createdAt\":\"2024-03-15T00:00:00.000Z\",\"startedAt\":\"2024-03-15T00:00:00.250Z\","
                + "\"finishedAt\":\"2024-03-15T00:05:00.123Z\",\"error\":null,"
                + "\"outcome\":\"errored\",\"trigger\":\"api\","
                + "\"steps\":[{\"name\":\"dbt\",\"status\":\"completed\",\"exitCode\":1,"
                + "\"startedAt\":\"2024-03-15T00:00:00.250Z\",\"finishedAt\":\"2024-03-15T00:05:00.123Z\",\"reason\":null}]}");
    }

    @Test
    void aSkippedStepSaysWhyItDidNotRunAndTheOthersHaveNoReason() throws IOException {
        Job completed = Job.accepted(JobId.of("full-1710460800000-abc123"),
                        new JobSpec(Pipeline.FULL, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED), CREATED)
                .stepStarted(StepName.INGESTER, STARTED)
                .stepExited(StepName.INGESTER, 1, FINISHED)
                .stepSkipped(StepName.DBT)
                .complete(FINISHED, "pipeline-trigger: dbt skipped: ingester exited with 1\n");

        assertThat(json(JobResponse.of(completed))).endsWith("\"steps\":[{\"name\":\"ingester\",\"status\":\"completed\","
                + "\"exitCode\":1,\"startedAt\":\"2024-03-15T00:00:00.250Z\",\"finishedAt\":\"2024-03-15T00:05:00.123Z\","
                + "\"reason\":null},{\"name\":\"dbt\",\"status\":\"skipped\",\"exitCode\":null,\"startedAt\":null,"
                + "\"finishedAt\":null,\"reason\":\"ingester exited with 1\"}]}");
    }

    @Test
    void aFailedIngesterOnlyJobHasNoCommandAndSaysWhy() {
        Job failed = Job.accepted(JobId.of("ingester-1710460800000-zz9zz9"),
                        new JobSpec(Pipeline.INGESTER, Optional.empty(), FeatureFlags.ALL_ENABLED), CREATED)
                .stepStarted(StepName.INGESTER, STARTED)
                .fail("The engine did not answer.", OptionalInt.empty(), FINISHED, "pipeline-trigger: The engine did not answer.\n");

        JobResponse view = JobResponse.of(failed);

        assertThat(view.success()).isFalse();
        assertThat(view.status()).isEqualTo("failed");
        assertThat(view.exitCode()).isEqualTo(-1);
        assertThat(view.command()).isNull();
        assertThat(view.error()).isEqualTo("The engine did not answer.");
        assertThat(view.outcome()).isEqualTo("failed");
        assertThat(view.steps()).singleElement().satisfies(step -> {
            assertThat(step.status()).isEqualTo("failed");
            assertThat(step.exitCode()).isNull();
        });
    }

    @Test
    void theListKeepsTheOrderItIsGiven() throws IOException {
        Job older = Job.accepted(JobId.of("dbt-1710460800000-aaaaaa"),
                new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.RUN), FeatureFlags.ALL_ENABLED), CREATED);
        Job newer = Job.accepted(JobId.of("full-1710460900000-bbbbbb"),
                new JobSpec(Pipeline.FULL, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED), CREATED.plusSeconds(100));

        JobListResponse list = JobListResponse.of(List.of(newer, older));

        assertThat(list.jobs()).extracting(JobResponse::jobId)
                .containsExactly("full-1710460900000-bbbbbb", "dbt-1710460800000-aaaaaa");
        assertThat(json(list)).startsWith("{\"success\":true,\"jobs\":[{\"success\":true,\"jobId\":\"full-");
        assertThat(json(JobListResponse.of(List.of()))).isEqualTo("{\"success\":true,\"jobs\":[],\"next\":null}");
    }

    @Test
    void anErrorCarriesRunningJobIdOnlyWhenBusy() throws IOException {
        assertThat(json(ErrorResponse.of("Nope."))).isEqualTo("{\"success\":false,\"error\":\"Nope.\"}");
        assertThat(json(ErrorResponse.busy("Busy.", "dbt-1710460800000-abc123")))
                .isEqualTo("{\"success\":false,\"error\":\"Busy.\",\"runningJobId\":\"dbt-1710460800000-abc123\"}");
    }

    @Test
    void timesAreUtcWithExactlyThreeFractionDigits() {
        assertThat(WireTime.format(Instant.parse("2024-03-15T10:20:30Z"))).isEqualTo("2024-03-15T10:20:30.000Z");
        assertThat(WireTime.format(Instant.parse("2024-03-15T10:20:30.1Z"))).isEqualTo("2024-03-15T10:20:30.100Z");
        assertThat(WireTime.format(Instant.parse("2024-03-15T10:20:30.123999999Z"))).isEqualTo("2024-03-15T10:20:30.123Z");
        assertThat(WireTime.formatOrNull(Optional.empty())).isNull();
    }

    private String json(ResponseBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(writer.isWriteable(body.getClass(), body.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
        writer.writeTo(body, body.getClass(), body.getClass(), new Annotation[0], WireJsonWriter.JSON_UTF8, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

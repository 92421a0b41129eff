package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.CatchUp;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Crons;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON example of docs/api.md is an answer this server really gives: each situation the page names is
 * brought about on a real Grizzly server over the real facade (steps played by the fake runner, printing the
 * lines the example shows) and its answer compared with the example, placeholders for ids and times aside.
 */
class ApiDocsExamplesIT {

    private static final String TOKEN = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
    private static final String UNKNOWN_ID = "dbt-1710460800000-abc123";
    private static final Duration JOB = Duration.ofSeconds(10);

    /** Each situation, by the name docs/api.md gives it, and how to bring it about: the answer's body. */
    private static final Map<String, Function<Situations, String>> SITUATIONS = Map.ofEntries(
            Map.entry("trigger-accepted", Situations::triggerAccepted),
            Map.entry("poll-running", Situations::pollRunning),
            Map.entry("poll-completed-with-errors", Situations::pollCompletedWithErrors),
            Map.entry("poll-failed", Situations::pollFailed),
            Map.entry("list", Situations::list),
            Map.entry("schedules", Situations::schedules),
            Map.entry("error-400", Situations::badPipeline),
            Map.entry("error-401", Situations::noToken),
            Map.entry("error-403", Situations::disabled),
            Map.entry("error-404-job", Situations::unknownJob),
            Map.entry("error-404-path", Situations::unknownPath),
            Map.entry("error-405", Situations::wrongMethod),
            Map.entry("error-409-job", Situations::busyWithAJob),
            Map.entry("error-409-container", Situations::busyWithAContainer),
            Map.entry("error-413", Situations::tooLarge),
            Map.entry("error-415", Situations::notJson),
            Map.entry("error-429", Situations::throttled),
            Map.entry("error-500", Situations::engineUnreachable));

    @TestFactory
    Stream<DynamicTest> everyJsonExampleOfTheApiPageIsARealAnswer() {
        return ApiDocsExamples.read().stream().map(example -> DynamicTest.dynamicTest(
                "docs/api.md line " + example.line() + " (" + example.situation() + ")", () -> {
                    Function<Situations, String> situation = SITUATIONS.get(example.situation());
                    assertThat(situation).as("a situation named %s at line %d", example.situation(), example.line())
                            .isNotNull();
                    String answer = situation.apply(new Situations());
                    assertThat(ApiDocsExamples.pretty(ApiDocsExamples.normalized(answer)))
                            .as("the real answer against the example at docs/api.md line %d", example.line())
                            .isEqualTo(ApiDocsExamples.pretty(ApiDocsExamples.normalized(example.json())));
                }));
    }

    @Test
    void theExamplesCoverEverySituationAndTheGenericErrorShape() {
        List<String> named = ApiDocsExamples.read().stream().map(ApiDocsExamples.Example::situation).toList();

        assertThat(named).contains("trigger-accepted", "poll-running", "poll-completed-with-errors", "poll-failed",
                "list", "error-409-job");
        assertThat(SITUATIONS.keySet()).as("situations no example shows any more")
                .isSubsetOf(named.stream().collect(Collectors.toSet()));
    }

    /** One fresh server per situation, so no example depends on another's jobs. */
    private static final class Situations {

        String triggerAccepted() {
            FakeContainerRunner runner = new FakeContainerRunner().on(StepName.INGESTER, FakeStep.runningUntilReleased());
            try (ApiServer server = ApiServer.enabled(runner)) {
                ApiClient.Answer accepted = server.client().trigger("{\"pipeline\": \"full\"}");
                assertThat(accepted.status()).isEqualTo(202);
                return accepted.body();
            }
        }

        String pollRunning() {
            FakeContainerRunner runner = new FakeContainerRunner()
                    .on(StepName.INGESTER, FakeStep.printing("Loaded 46 tables into bronze"))
                    .on(StepName.DBT, FakeStep.runningUntilReleased()
                            .andBytes("Running with dbt=1.8.0\nFound 271 models, 197 tests\n".getBytes(StandardCharsets.UTF_8)));
            try (ApiServer server = ApiServer.enabled(runner)) {
                String jobId = accept(server, "{\"pipeline\": \"full\"}");
                return awaitBody(server, jobId, job -> job.path("output").asText().contains("197 tests"));
            }
        }

        String pollCompletedWithErrors() {
            FakeContainerRunner runner = new FakeContainerRunner()
                    .on(StepName.DBT, FakeStep.printing("Done. PASS=266 WARN=5 ERROR=5 SKIP=0").thenExiting(1));
            return finishedRun(runner, "{\"pipeline\": \"dbt\"}");
        }

        String pollFailed() {
            FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, FakeStep.failingToLaunch(
                    "Image zynexa/dbt:latest of step dbt is not on the Docker engine (No such image: zynexa/dbt:latest);"
                            + " pull or build it there first."));
            return finishedRun(runner, "{\"pipeline\": \"dbt\", \"command\": \"build\"}");
        }

        String list() {
            FakeContainerRunner runner = new FakeContainerRunner()
                    .on(StepName.INGESTER, FakeStep.printing("Loaded 46 tables into bronze"))
                    .on(StepName.DBT, FakeStep.printing("Running with dbt=1.8.0", "Found 271 models, 197 tests"));
            try (ApiServer server = ApiServer.enabled(runner)) {
                String jobId = accept(server, "{\"pipeline\": \"full\"}");
                awaitBody(server, jobId, job -> !job.path("status").asText().equals("running"));
                return server.client().jobs().body();
            }
        }

        /** The two schedules of docs/schedules.md, an hour into the day: the nightly run started, the test skipped. */
        String schedules() {
            MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
            Schedule nightly = new Schedule("nightly-full", Crons.dailyAt(LocalTime.of(2, 0)),
                    ZoneId.of("Europe/Berlin"), TriggerPipelineCommand.of(Pipeline.FULL), BusyPolicy.QUEUE,
                    CatchUp.ONCE, Duration.ofHours(3), true);
            Schedule hourly = new Schedule("hourly-dbt-test", Crons.hourly(), ZoneId.of("UTC"),
                    new TriggerPipelineCommand(Pipeline.DBT, Optional.of(DbtCommand.TEST), Optional.empty(),
                            Optional.empty()), BusyPolicy.REJECT, CatchUp.SKIP, Duration.ofMinutes(10), true);
            FakeContainerRunner runner = new FakeContainerRunner().on(StepName.INGESTER, FakeStep.runningUntilReleased());
            try (ApiServer server = ApiServer.with(runner, facade -> facade.clock(clock)
                    .schedules(List.of(nightly, hourly)), options -> options.apiEnabled(true))) {
                clock.advance(Duration.ofHours(1).plusMillis(40));
                server.facade().fireDueSchedules();
                ApiClient.Answer answer = server.client().get(ApiClient.PATH + "/schedules");
                assertThat(answer.status()).isEqualTo(200);
                return answer.body();
            }
        }

        String badPipeline() {
            return refused(ApiServer.enabled(new FakeContainerRunner()), 400,
                    client -> client.trigger("{\"pipeline\": \"spark\"}"));
        }

        String noToken() {
            return refused(ApiServer.with(new FakeContainerRunner(), options -> options.apiEnabled(true)
                    .tokens(ApiTokens.of(List.of(TOKEN)))), 401, ApiClient::jobs);
        }

        String disabled() {
            return refused(ApiServer.disabled(new FakeContainerRunner()), 403, ApiClient::jobs);
        }

        String unknownJob() {
            return refused(ApiServer.enabled(new FakeContainerRunner()), 404, client -> client.job(UNKNOWN_ID));
        }

        String unknownPath() {
            return refused(ApiServer.enabled(new FakeContainerRunner()), 404,
                    client -> client.get("/api/data-analytics/pipeline/triggers"));
        }

        String wrongMethod() {
            return refused(ApiServer.enabled(new FakeContainerRunner()), 405, client -> client.method("PUT", ApiClient.PATH));
        }

        String busyWithAJob() {
            FakeContainerRunner runner = new FakeContainerRunner().on(StepName.INGESTER, FakeStep.runningUntilReleased());
            try (ApiServer server = ApiServer.enabled(runner)) {
                accept(server, "{\"pipeline\": \"full\"}");
                ApiClient.Answer busy = server.client().trigger("{\"pipeline\": \"dbt\"}");
                assertThat(busy.status()).isEqualTo(409);
                return busy.body();
            }
        }

        String busyWithAContainer() {
            FakeContainerRunner runner = new FakeContainerRunner().withConflictingRun(
                    new ConflictingRun("zynexa-dbt-run-3f2a", "zynexa-dbt-run-3f2a (image zynexa/dbt:latest)"));
            return refused(ApiServer.enabled(runner), 409, client -> client.trigger("{\"pipeline\": \"dbt\"}"));
        }

        String tooLarge() {
            byte[] body = ("{\"pipeline\": \"dbt\", \"padding\": \"" + "x".repeat(TriggerRequestDecoder.MAX_BODY_BYTES) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            return refused(ApiServer.enabled(new FakeContainerRunner()), 413, client -> client.post(ApiClient.PATH,
                    HttpRequest.BodyPublishers.ofByteArray(body), "Content-Type", "application/json"));
        }

        String notJson() {
            return refused(ApiServer.enabled(new FakeContainerRunner()), 415, client -> client.post(ApiClient.PATH,
                    HttpRequest.BodyPublishers.ofString("pipeline=dbt"), "Content-Type", "application/x-www-form-urlencoded"));
        }

        String throttled() {
            ApiServer server = ApiServer.with(new FakeContainerRunner(), options -> options.apiEnabled(true)
                    .tokens(ApiTokens.of(List.of(TOKEN))));
            return refused(server, 429, client -> {
                for (int i = 0; i < FailureThrottle.MAX_FAILURES; i++) {
                    assertThat(client.call("GET", ApiClient.PATH, null, "Authorization", "Bearer wrong-token-" + i).status())
                            .isEqualTo(401);
                }
                return client.call("GET", ApiClient.PATH, null, "Authorization", "Bearer " + TOKEN);
            });
        }

        String engineUnreachable() {
            FakeContainerRunner runner = new FakeContainerRunner()
                    .unreachable("The Docker engine at unix:///var/run/docker.sock does not answer (Connection refused).");
            return refused(ApiServer.enabled(runner), 500, client -> client.trigger("{\"pipeline\": \"dbt\"}"));
        }

        private static String refused(ApiServer server, int status, Function<ApiClient, ApiClient.Answer> call) {
            try (server) {
                ApiClient.Answer answer = call.apply(server.client());
                assertThat(answer.status()).as(answer.body()).isEqualTo(status);
                return answer.body();
            }
        }

        private static String finishedRun(FakeContainerRunner runner, String request) {
            try (ApiServer server = ApiServer.enabled(runner)) {
                String jobId = accept(server, request);
                return awaitBody(server, jobId, job -> !job.path("status").asText().equals("running"));
            }
        }

        private static String accept(ApiServer server, String request) {
            ApiClient.Answer accepted = server.client().trigger(request);
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            return accepted.json().path("jobId").asText();
        }

        private static String awaitBody(ApiServer server, String jobId, java.util.function.Predicate<JsonNode> until) {
            long deadline = System.nanoTime() + JOB.toNanos();
            while (true) {
                ApiClient.Answer poll = server.client().job(jobId);
                if (until.test(poll.json())) {
                    return poll.body();
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("job " + jobId + " did not reach the example's state: " + poll.body());
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}

package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.app.ApiClient.Answer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The runnable jar as an operator meets it: {@code java -jar pipeline-app.jar --demo}, then the seed's curl flow. */
class PipelineAppJarIT {

    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration JOB = Duration.ofSeconds(60);
    private static final Map<String, String> DEMO_ENVIRONMENT = Map.of("HOST", "127.0.0.1", "PORT", "0", "DEMO_STEP_SECONDS", "0.3");

    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InDemoMode {

        private ServerProcess server;
        private ApiClient api;

        @BeforeAll
        void startTheDemo() throws Exception {
            server = ServerProcess.start(DEMO_ENVIRONMENT, "--demo");
            api = new ApiClient(server.awaitPort(START));
        }

        @AfterAll
        void stopIt() throws InterruptedException {
            server.close();
        }

        @Test
        void theLogSaysTheWorkloadIsASimulation() {
            assertThat(server.stdout()).contains("DEMO MODE: the ingester and dbt steps are a SIMULATION");
        }

        @Test
        void theStartUpLogWarnsOfNothingButTheSimulation() {
            assertThat(server.stdout().lines().filter(line -> line.contains("[WARN]") || line.contains("WARNING")))
                    .singleElement().satisfies(line -> assertThat(line).contains("DEMO MODE"));
        }

        @Test
        void theQuickStartRunsTheFullPipelineToACleanEndAndASecondTriggerMeanwhileIsRefused() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"full\"}");
            assertThat(accepted.status()).isEqualTo(202);
            String jobId = accepted.body().path("jobId").asText();
            assertThat(jobId).matches("full-\\d{13}-[a-z0-9]{6}");
            assertThat(accepted.body().path("status").asText()).isEqualTo("running");
            assertThat(accepted.body().path("exitCode").asInt()).isEqualTo(-1);
            assertThat(accepted.body().path("output").asText()).isEqualTo("Pipeline \"full\" started in background.");

            Answer busy = api.trigger("{\"pipeline\": \"dbt\"}");
            assertThat(busy.status()).isEqualTo(409);
            assertThat(busy.body().path("success").asBoolean()).isFalse();
            assertThat(busy.body().path("runningJobId").asText()).isEqualTo(jobId);

            JsonNode done = api.awaitFinished(jobId, JOB);
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("success").asBoolean()).isTrue();
            assertThat(done.path("exitCode").asInt()).isZero();
            assertThat(done.path("output").asText()).contains(
                    "[demo] simulated dlt ingester", "Load package 1710460800.4242 is LOADED",
                    "[demo] simulated dbt step", "$ dbt-ol build", "Finished running 271 models, 197 data tests",
                    "Done. PASS=463 WARN=5 ERROR=0", "$ dbt-ol run --select elementary", "$ edr report",
                    "[WARNING]: Deprecated functionality"); // a stderr line
            assertThat(done.path("steps").findValuesAsText("status")).containsExactly("completed", "completed");
        }

        @Test
        void dbtDailyWithoutOpenlineageAndElementaryRunsPlainDbtAndSkipsTheReport() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"daily\", \"enableOpenlineage\": false, \"enableElementary\": false}");
            assertThat(accepted.status()).isEqualTo(202);

            JsonNode done = api.awaitFinished(accepted.body().path("jobId").asText(), JOB);
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("exitCode").asInt()).isZero();
            assertThat(done.path("enableOpenlineage").asBoolean()).isFalse();
            assertThat(done.path("output").asText())
                    .contains("plain dbt instead of dbt-ol", "$ dbt build", "elementary step skipped")
                    .doesNotContain("$ dbt-ol", "run --select elementary", "edr report");
        }

        @Test
        void theDbtCommandPicksWhatTheSimulationRuns() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"test\"}");
            JsonNode done = api.awaitFinished(accepted.body().path("jobId").asText(), JOB);
            assertThat(done.path("output").asText()).contains("$ dbt-ol test", "Finished running 197 data tests")
                    .doesNotContain("$ dbt-ol build", "$ dbt-ol deps");
        }

        @Test
        void dbtTestEndsCompletedWithExitCode1AndDbtLikeErrorsAboutMissingBronzeTables() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"dbt\", \"command\": \"test\"}");
            JsonNode done = api.awaitFinished(accepted.body().path("jobId").asText(), JOB);
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("success").asBoolean()).isTrue();
            assertThat(done.path("exitCode").asInt()).isEqualTo(1);
            assertThat(done.path("error").isNull()).isTrue();
            assertThat(done.path("output").asText()).contains("Done. PASS=187 WARN=5 ERROR=5",
                    "relation \"bronze.crm_contacts\" does not exist", "ERROR=5 (missing bronze tables)");
        }
    }

    /** DEMO_FAIL=ingester: the way docs/configuration.md shows a failing ingester, and a timed-out run. */
    @Nested
    @TestInstance(TestInstance.Lifecycle.PER_CLASS)
    class InDemoModeWithAFailingIngester {

        private ServerProcess server;
        private ApiClient api;

        @BeforeAll
        void startTheDemo() throws Exception {
            server = ServerProcess.start(Map.of("HOST", "127.0.0.1", "PORT", "0", "DEMO_STEP_SECONDS", "3",
                    "DEMO_FAIL", "ingester"), "--demo");
            api = new ApiClient(server.awaitPort(START));
        }

        @AfterAll
        void stopIt() throws InterruptedException {
            server.close();
        }

        @Test
        void aFullRunEndsCompletedWithTheIngestersCodeAndSaysWhyDbtWasSkipped() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"full\"}");
            JsonNode done = api.awaitFinished(accepted.body().path("jobId").asText(), JOB);
            assertThat(done.path("status").asText()).isEqualTo("completed");
            assertThat(done.path("exitCode").asInt()).isEqualTo(1);
            assertThat(done.path("output").asText()).contains("PipelineStepFailed")
                    .endsWith("pipeline-trigger: dbt skipped: ingester exited with 1\n");
            JsonNode dbt = done.path("steps").get(1);
            assertThat(dbt.path("status").asText()).isEqualTo("skipped");
            assertThat(dbt.path("reason").asText()).isEqualTo("ingester exited with 1");
            assertThat(done.path("steps").get(0).path("reason").isNull()).isTrue();
        }

        @Test
        void aRequestTimeoutShorterThanAPhaseEndsTheRunFailedSayingSo() throws Exception {
            Answer accepted = api.trigger("{\"pipeline\": \"ingester\", \"timeoutSeconds\": 1}");
            JsonNode done = api.awaitFinished(accepted.body().path("jobId").asText(), JOB);
            assertThat(done.path("status").asText()).isEqualTo("failed");
            assertThat(done.path("success").asBoolean()).isFalse();
            assertThat(done.path("error").asText()).isEqualTo("Step ingester timed out after 1s.");
        }
    }

    @Test
    void sigtermStopsTheRunningStepRecordsTheJobAsFailedAndExits() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("HOST", "127.0.0.1", "PORT", "0", "DEMO_STEP_SECONDS", "30"), "--demo")) {
            ApiClient api = new ApiClient(server.awaitPort(START));
            String jobId = api.trigger("{\"pipeline\": \"full\"}").body().path("jobId").asText();
            awaitOutput(api, jobId, "Extract sql_database");

            server.terminate();

            // a graceful stop is a success for systemd and container engines (a JVM left alone would exit 143)
            assertThat(server.awaitExit(Duration.ofSeconds(30))).isZero();
            assertThat(server.stdout())
                    .as("stderr: %s", server.stderr())
                    .contains("shutting down: no new requests")
                    .contains("job " + jobId + " failed: The job was stopped because the server shut down.")
                    .contains("pipeline-trigger stopped");
            assertThat(server.stderr()).isEmpty();
        }
    }

    @Test
    void ctrlCStopsTheServerGracefullyWithExitCodeZero() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("HOST", "127.0.0.1", "PORT", "0"), "--demo")) {
            server.awaitPort(START);

            server.interrupt();

            assertThat(server.awaitExit(Duration.ofSeconds(30))).as("stderr: %s", server.stderr()).isZero();
            assertThat(server.stdout()).contains("SIGINT received: stopping gracefully").contains("pipeline-trigger stopped");
        }
    }

    private static void awaitOutput(ApiClient api, String jobId, String text) throws InterruptedException {
        long deadline = System.nanoTime() + JOB.toNanos();
        while (!api.job(jobId).body().path("output").asText().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("job " + jobId + " never printed \"" + text + "\"");
            }
            Thread.sleep(100);
        }
    }

    @Test
    void withATokenTheJarRefusesCallsWithoutItAndLogsTheTokenByItsIdOnly() throws Exception {
        String token = "3f9c2a7d51e84b06a1c9d2e7f0b3a845";
        Map<String, String> environment = new java.util.HashMap<>(DEMO_ENVIRONMENT);
        environment.put("PIPELINE_API_TOKEN", token);
        try (ServerProcess server = ServerProcess.start(environment, "--demo")) {
            PlainClient api = new PlainClient(server.awaitPort(START), token);

            assertThat(api.withoutToken().postJson("/api/data-analytics/pipeline/trigger", "{\"pipeline\": \"dbt\"}").status())
                    .isEqualTo(401);
            assertThat(api.get("/api/data-analytics/pipeline/trigger").status()).isEqualTo(200);
            assertThat(api.withoutToken().get("/healthz").status()).isEqualTo(200);
            assertThat(server.awaitLine(java.util.regex.Pattern.compile(" audit - time=\\S+ client=127\\.0\\.0\\.1 token=- method=POST outcome=401"),
                    Duration.ofSeconds(10))).as("the audit line of the refused trigger").isPresent();
            assertThat(server.stdout()).contains("security: 1 API token(s), ids " + io.pipelinetrigger.rest.ApiTokens.fingerprint(token))
                    .doesNotContain(token).doesNotContain("NO API TOKEN");
        }
    }

    @Test
    void aTokenShorterThan16CharactersStopsStartUpWithExitCode2() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("PORT", "0", "PIPELINE_API_TOKEN", "hunter2"), "--demo")) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.stderr()).isEqualTo("The API token in PIPELINE_API_TOKEN (token 1) has 7 characters; a token"
                    + " needs at least 16 (make one with: openssl rand -hex 32).");
        }
    }

    @Test
    void aWrongValueStopsStartUpWithExitCode2AndOneSentenceOnStderr() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("PORT", "abc"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.stderr()).isEqualTo("PORT must be a whole number from 0 to 65535, got \"abc\".");
            assertThat(server.stdout()).doesNotContain("listening on");
        }
    }

    @Test
    void enabledTheDefaultDockerRunnerWithoutImagesNamesTheMissingVariable() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("PORT", "0", "PIPELINE_ENABLED", "true"))) {
            assertThat(server.awaitExit(START)).isEqualTo(2);
            assertThat(server.stderr()).startsWith("PIPELINE_INGESTER_IMAGE is required when PIPELINE_RUNNER=docker");
        }
    }

    @Test
    void aPlainStartWithNothingSetServesTheDisabledApiAndSaysWhatEnablingItNeeds() throws Exception {
        try (ServerProcess server = ServerProcess.start(Map.of("HOST", "127.0.0.1", "PORT", "0"))) {
            PlainClient api = new PlainClient(server.awaitPort(START), "");

            assertThat(api.withoutToken().get("/api/data-analytics/pipeline/trigger").status()).isEqualTo(403);
            assertThat(server.stdout()).contains("THE PIPELINE API IS DISABLED")
                    .contains("to enable it, set PIPELINE_ENABLED=true and PIPELINE_INGESTER_IMAGE, PIPELINE_DBT_IMAGE");
        }
    }
}

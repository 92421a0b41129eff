package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Every row of the error table of docs/api.md, and the ways a request can be wrong that it names. */
class ErrorResponsesIT {

    private static final String JSON = "application/json";

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        server = ApiServer.enabled(runner);
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void anUnknownPipelineIs400NamingTheFieldAndTheAllowedValues() {
        String error = assertError(api.trigger("{\"pipeline\": \"spark\"}"), 400);
        assertThat(error).contains("'pipeline'", "\"spark\"", "\"ingester\"", "\"dbt\"", "\"full\"");
        assertNoJobWasCreated();
    }

    @Test
    void anUnknownDbtCommandIs400NamingTheFieldAndTheAllowedValues() {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"command\": \"nightly\"}"), 400);
        assertThat(error).contains("'command'", "\"nightly\"", "\"daily\"", "\"elementary\"");
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"false\"", "0", "1", "[]", "{}"})
    void aFlagThatIsNotAJsonBooleanIs400(String value) {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"enableElementary\": " + value + "}"), 400);
        assertThat(error).contains("'enableElementary'", "true, false or null");
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pipeline\": \"dbt\",}", "{\"pipeline\": dbt}", "{'pipeline': 'dbt'}",
            "{\"pipeline\": \"dbt\"", "{\"pipeline\": \"dbt\"} trailing", "pipeline=dbt"})
    void malformedJsonIs400SayingSoWithoutInternals(String body) {
        String error = assertError(api.trigger(body), 400);
        assertThat(error).startsWith("Request body is not valid JSON: ");
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-5", "1.5", "\"60\"", "604801"})
    void aTimeoutThatIsNotAWholeNumberOfSecondsInRangeIs400(String value) {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"timeoutSeconds\": " + value + "}"), 400);
        assertThat(error).contains("'timeoutSeconds'");
        assertNoJobWasCreated();
    }

    @Test
    void aDuplicateKeyIs400() {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"pipeline\": \"full\"}"), 400);
        assertThat(error).contains("Duplicate field 'pipeline'");
        assertNoJobWasCreated();
    }

    @Test
    void theOpenLineageTypoIs400WithTheHint() {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"enableOpenLineage\": false}"), 400);
        assertThat(error).contains("Unknown field \"enableOpenLineage\"", "Did you mean \"enableOpenlineage\"?");
        assertNoJobWasCreated();
    }

    @Test
    void aMissingPipelineIs400() {
        String error = assertError(api.trigger("{\"command\": \"daily\"}"), 400);
        assertThat(error).contains("'pipeline' is required");
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"dbt\"]", "\"dbt\"", "42", "true", "null"})
    void jsonThatIsNotAnObjectIs400(String body) {
        String error = assertError(api.trigger(body), 400);
        assertThat(error).startsWith("The request body must be a JSON object");
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  \n"})
    void anEmptyBodyIs400(String body) {
        assertThat(assertError(api.trigger(body), 400)).contains("empty");
        assertNoJobWasCreated();
    }

    @Test
    void aJobIdNotInTheIdFormatIs400() {
        assertThat(assertError(api.job("../etc/passwd"), 400)).contains("dbt-1710460800000-abc123");
        assertThat(assertError(api.job("DBT-1710460800000-ABC123"), 400)).contains("DBT-1710460800000-ABC123");
    }

    @Test
    void anEmptyJobIdIs400() {
        assertThat(assertError(api.get(ApiClient.PATH + "?jobId="), 400)).contains("'jobId' is empty");
    }

    @Test
    void aJobIdGivenTwiceIs400() {
        String id = "dbt-1710460800000-abc123";
        assertThat(assertError(api.get(ApiClient.PATH + "?jobId=" + id + "&jobId=" + id), 400)).contains("once");
    }

    @Test
    void anUnknownJobIdIs404() {
        assertThat(assertError(api.job("dbt-1710460800000-abc123"), 404))
                .contains("\"dbt-1710460800000-abc123\"");
    }

    @Test
    void aTriggerWhileAJobRunsIs409NamingTheRunningJob() throws InterruptedException {
        FakeStep blocking = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, blocking);
        String running = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        blocking.awaitStarted();

        ApiClient.Answer busy = api.trigger("{\"pipeline\": \"ingester\"}");

        assertThat(assertError(busy, 409)).contains(running);
        assertThat(busy.json().get("runningJobId").asText()).isEqualTo(running);
        assertThat(api.jobIds()).containsExactly(running);
        blocking.finish();
        assertThat(api.awaitFinished(running).get("status").asText()).isEqualTo("completed");
        assertThat(api.trigger("{\"pipeline\": \"ingester\"}").status()).isEqualTo(202);
    }

    @Test
    void aTriggerWhileAContainerRunsOutsideTheServerIs409NamingIt() {
        runner.withConflictingRun(new ConflictingRun("zynexa-dbt-run-1", "container zynexa-dbt-run-1 (dbt)"));

        ApiClient.Answer busy = api.trigger("{\"pipeline\": \"dbt\"}");

        assertThat(busy.status()).isEqualTo(409);
        assertThat(SeedExamplesIT.fieldNames(busy.json())).as("no job of ours to poll").containsExactly("success", "error");
        assertThat(busy.json().get("error").asText()).contains("zynexa-dbt-run-1");
        assertNoJobWasCreated();
    }

    @Test
    void aBodyOverTheLimitIs413() {
        byte[] body = paddedTrigger(TriggerRequestDecoder.MAX_BODY_BYTES + 1);

        assertThat(assertError(api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofByteArray(body),
                "Content-Type", JSON), 413)).contains("64 KiB");
        assertNoJobWasCreated();
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() {
        byte[] body = paddedTrigger(TriggerRequestDecoder.MAX_BODY_BYTES + 1);
        // ofInputStream has no length: the client sends it chunked, without Content-Length
        HttpRequest.BodyPublisher chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body));

        assertError(api.post(ApiClient.PATH, chunked, "Content-Type", JSON), 413);
        assertNoJobWasCreated();
    }

    @Test
    void aBodyOfExactlyTheLimitIsAccepted() {
        byte[] body = paddedTrigger(TriggerRequestDecoder.MAX_BODY_BYTES);

        assertThat(api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofByteArray(body), "Content-Type", JSON)
                .status()).isEqualTo(202);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/xml",
            "application/json; charset=ISO-8859-1", "not a media type"})
    void aBodyThatIsNotDeclaredJsonIs415(String contentType) {
        ApiClient.Answer answer = api.post(ApiClient.PATH,
                HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}"), "Content-Type", contentType);

        assertError(answer, 415);
        assertNoJobWasCreated();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH"})
    void aMethodTheApiDoesNotHaveIs405ListingTheAllowedOnes(String method) {
        ApiClient.Answer answer = api.method(method, ApiClient.PATH);

        assertThat(assertError(answer, 405)).contains("GET", "POST");
        assertThat(answer.headers().firstValue("Allow").orElse("")).contains("GET", "POST");
        assertNoJobWasCreated();
    }

    @Test
    void anUnreachableRunnerIs500WithItsReason() {
        runner.unreachable("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.");

        String error = assertError(api.trigger("{\"pipeline\": \"dbt\"}"), 500);

        assertThat(error).isEqualTo("Cannot connect to the Docker daemon at unix:///var/run/docker.sock.");
        assertNoJobWasCreated();
    }

    @Test
    void unknownPathsAre404WithTheErrorBody() {
        assertThat(assertError(api.get("/api/data-analytics/pipeline/trigger/extra"), 404)).contains(ApiClient.PATH);
        assertError(api.get("/nothing-here"), 404);
        assertError(api.post("/api/data-analytics/pipeline/triggers",
                HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}"), "Content-Type", JSON), 404);
        assertNoJobWasCreated();
    }

    private void assertNoJobWasCreated() {
        assertThat(api.jobIds()).isEmpty();
        assertThat(runner.startedSteps()).isEmpty();
    }

    /** A valid trigger padded with JSON whitespace to exactly {@code size} bytes. */
    static byte[] paddedTrigger(int size) {
        String json = "{\"pipeline\": \"dbt\"}";
        return (json + " ".repeat(size - json.length())).getBytes(StandardCharsets.UTF_8);
    }
}

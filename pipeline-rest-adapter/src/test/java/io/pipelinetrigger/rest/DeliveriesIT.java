package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.WebhookEndpoint;
import io.pipelinetrigger.core.domain.WebhookFormat;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET .../deliveries?jobId=} (docs/webhooks.md, "The delivery log") over real Grizzly. */
@Timeout(60)
class DeliveriesIT {

    private static final String DELIVERIES = ApiClient.PATH + "/deliveries";
    private static final URI OPS = URI.create("https://ops.example/hook");
    private static final URI SLACK = URI.create("https://hooks.slack.example/services/T0?token=xoxb-secret");
    private static final Instant AT = Instant.parse("2024-03-15T02:00:41.512Z");

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private ApiServer server;

    private ApiClient start(String... tokens) {
        server = ApiServer.with(runner, facade -> facade.jobRepository(store).webhooks(
                        List.of(new WebhookEndpoint(OPS, Set.of(), WebhookFormat.JSON),
                                new WebhookEndpoint(SLACK, Set.of("job.errored"), WebhookFormat.SLACK)),
                        (event, format) -> format + " " + event.type()),
                options -> tokens.length == 0 ? options.apiEnabled(true)
                        : options.apiEnabled(true).tokens(ApiTokens.of(List.of(tokens))));
        return server.client();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String anErroredRun(ApiClient api) throws InterruptedException {
        runner.on(StepName.DBT, FakeStep.printing("1 of 2 ERROR").thenExiting(1));
        String jobId = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        assertThat(api.awaitFinished(jobId).get("status").asText()).isEqualTo("completed");
        return jobId;
    }

    @Test
    void every_message_of_a_job_is_listed_with_its_attempts_and_an_endpoint_query_is_hidden() throws Exception {
        ApiClient api = start();
        String jobId = anErroredRun(api);
        List<Delivery> saved = store.deliveriesOf(JobId.of(jobId));
        Delivery slack = saved.stream().filter(d -> d.message().endpoint().equals(SLACK)).findFirst().orElseThrow();
        store.recordAttempt(slack.message(), new DeliveryAttempt(1, AT, OptionalInt.of(503), Optional.of("answered 503")),
                Optional.of(AT.plusSeconds(5)));
        store.recordAttempt(slack.message(), new DeliveryAttempt(2, AT.plusSeconds(5), OptionalInt.of(204),
                Optional.empty()), Optional.empty());

        ApiClient.Answer answer = api.get(DELIVERIES + "?jobId=" + jobId);

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("jobId").asText()).isEqualTo(jobId);
        List<String> rows = new ArrayList<>();
        body.get("deliveries").forEach(d -> rows.add(d.get("event").asText() + " " + d.get("endpoint").asText()
                + " " + d.get("state").asText() + " " + d.get("attempts").size()));
        assertThat(rows).containsExactly(
                "job.started https://ops.example/hook pending 0",
                "job.errored https://ops.example/hook pending 0",
                "job.errored https://hooks.slack.example/services/T0?… delivered 2");
        JsonNode delivered = body.get("deliveries").get(2);
        assertThat(delivered.get("nextAttemptAt").isNull()).isTrue();
        assertThat(delivered.get("attempts").get(0).toString()).isEqualTo(
                "{\"number\":1,\"at\":\"2024-03-15T02:00:41.512Z\",\"statusCode\":503,\"error\":\"answered 503\"}");
        assertThat(delivered.get("attempts").get(1).get("error").isNull()).isTrue();
        assertThat(body.get("deliveries").get(0).get("nextAttemptAt").asText()).isNotEmpty();
        assertThat(answer.body()).doesNotContain("xoxb-secret");
    }

    @Test
    void a_missing_or_unknown_job_is_a_clear_error() throws Exception {
        ApiClient api = start();

        assertThat(assertError(api.get(DELIVERIES), 400)).contains("jobId");
        assertThat(assertError(api.get(DELIVERIES + "?jobId="), 400)).contains("jobId");
        assertThat(assertError(api.get(DELIVERIES + "?jobId=dbt-1710460800000-nosuch"), 404)).contains("nosuch");
        assertThat(assertError(api.get(DELIVERIES + "?jobId=not%20an%20id"), 400)).isNotBlank();
    }

    @Test
    void with_tokens_set_the_log_needs_one() throws Exception {
        ApiClient api = start("tok-one-0123456789abcdef");
        runner.on(StepName.DBT, FakeStep.exiting(0));
        String jobId = api.post(ApiClient.PATH, java.net.http.HttpRequest.BodyPublishers.ofString("{\"pipeline\":\"dbt\"}"),
                "Content-Type", "application/json", "Authorization", "Bearer tok-one-0123456789abcdef")
                .json().get("jobId").asText();

        assertError(api.get(DELIVERIES + "?jobId=" + jobId), 401);
        ApiClient.Answer allowed = api.call("GET", DELIVERIES + "?jobId=" + jobId, null,
                "Authorization", "Bearer tok-one-0123456789abcdef");
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(200);
        assertThat(allowed.json().get("deliveries").get(0).get("event").asText()).isEqualTo("job.started");
    }
}

package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The list as a paged, filtered history (docs/api.md, "List the jobs"), over real HTTP. */
class JobListIT {

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;
    private final List<String> newestFirst = new ArrayList<>();

    @BeforeEach
    void startServerWithFourFinishedJobs() throws InterruptedException {
        server = ApiServer.enabled(runner);
        api = server.client();
        runner.on(StepName.DBT, FakeStep.printing("Done. ERROR=1").thenExiting(1));
        for (String body : List.of("{\"pipeline\": \"ingester\"}", "{\"pipeline\": \"dbt\"}",
                "{\"pipeline\": \"ingester\"}", "{\"pipeline\": \"dbt\"}")) {
            String id = api.trigger(body).json().get("jobId").asText();
            api.awaitFinished(id);
            newestFirst.add(0, id);
        }
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ApiClient.Answer list(String query) {
        return api.get(ApiClient.PATH + "?" + query);
    }

    private static List<String> ids(ApiClient.Answer answer) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        answer.json().get("jobs").forEach(job -> ids.add(job.get("jobId").asText()));
        return ids;
    }

    @Test
    void thePlainListIsEveryJobNewestFirstWithNoNextPage() {
        ApiClient.Answer all = api.jobs();

        assertThat(ids(all)).isEqualTo(newestFirst);
        assertThat(all.json().get("next").isNull()).isTrue();
    }

    @Test
    void pagesFollowTheirNextCursorToTheEndAndANewJobDoesNotShiftThem() throws InterruptedException {
        ApiClient.Answer first = list("limit=3");
        assertThat(ids(first)).isEqualTo(newestFirst.subList(0, 3));
        String next = first.json().get("next").asText();

        api.awaitFinished(api.trigger("{\"pipeline\": \"ingester\"}").json().get("jobId").asText());

        ApiClient.Answer second = list("limit=3&before=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
        assertThat(ids(second)).isEqualTo(newestFirst.subList(3, 4));
        assertThat(second.json().get("next").isNull()).isTrue();
    }

    @Test
    void statusPipelineOutcomeAndSinceNarrowTheList() {
        assertThat(ids(list("pipeline=ingester"))).containsExactly(newestFirst.get(1), newestFirst.get(3));
        assertThat(ids(list("outcome=errored"))).containsExactly(newestFirst.get(0), newestFirst.get(2));
        assertThat(ids(list("status=completed&pipeline=dbt&outcome=succeeded"))).isEmpty();
        assertThat(ids(list("status=running"))).isEmpty();
        assertThat(ids(list("since=2000-01-01T00:00:00Z"))).isEqualTo(newestFirst);
        assertThat(ids(list("since=2999-01-01"))).isEmpty();
    }

    @Test
    void withoutOutputTheJobsComeWithoutTheirOutputField() {
        JsonNode job = list("output=false&limit=1").json().get("jobs").get(0);

        assertThat(job.get("jobId").asText()).isEqualTo(newestFirst.get(0));
        assertThat(job.has("output")).isFalse();
        assertThat(job.get("status").asText()).isEqualTo("completed");
    }

    @Test
    void everyBadParameterIsA400NamingIt() {
        Map<String, String> badQueries = Map.of(
                "status=done", "'status'",
                "pipeline=spark", "'pipeline'",
                "outcome=ok", "'outcome'",
                "since=yesterday", "'since'",
                "limit=0", "'limit'",
                "limit=1001", "'limit'",
                "limit=ten", "'limit'",
                "before=not-a-cursor", "'before'",
                "output=maybe", "'output'",
                "limit=1&limit=2", "'limit'");
        badQueries.forEach((query, named) ->
                assertThat(assertError(list(query), 400)).as(query).contains(named));
    }
}

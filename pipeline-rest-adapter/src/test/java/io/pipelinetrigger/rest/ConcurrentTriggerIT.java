package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** One active job at a time holds under a burst of triggers over real HTTP (docs/architecture.md, "one active job at a time"). */
class ConcurrentTriggerIT {

    private static final int TRIGGERS = 100;

    @Test
    void aHundredParallelTriggersGiveOne202AndNinetyNine409sNamingIt() throws Exception {
        FakeStep blocking = FakeStep.runningUntilReleased();
        FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, blocking);
        try (ApiServer server = ApiServer.enabled(runner)) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest trigger = HttpRequest.newBuilder(server.client().base().resolve(ApiClient.PATH))
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}")).build();

            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < TRIGGERS; i++) {
                answers.add(http.sendAsync(trigger, HttpResponse.BodyHandlers.ofString()));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();

            ObjectMapper json = new ObjectMapper();
            List<JsonNode> accepted = new ArrayList<>();
            List<JsonNode> busy = new ArrayList<>();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                HttpResponse<String> response = answer.join();
                OpenApiContract.check(response);
                JsonNode body = json.readTree(response.body());
                if (response.statusCode() == 202) {
                    accepted.add(body);
                } else {
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
                    busy.add(body);
                }
            }
            assertThat(accepted).hasSize(1);
            assertThat(busy).hasSize(TRIGGERS - 1);
            String jobId = accepted.get(0).get("jobId").asText();
            assertThat(busy).allSatisfy(body -> assertThat(body.get("runningJobId").asText()).isEqualTo(jobId));
            assertThat(server.client().jobIds()).containsExactly(jobId);
            blocking.finish();
            assertThat(server.client().awaitFinished(jobId).get("status").asText()).isEqualTo("completed");
            assertThat(runner.startedSteps()).hasSize(1);
        }
    }
}

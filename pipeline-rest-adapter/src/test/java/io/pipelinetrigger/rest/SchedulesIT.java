package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.port.in.Schedule;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET .../schedules} over a real server: the list, its next and last runs, behind the token. */
class SchedulesIT {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeStep longRun = FakeStep.runningUntilReleased();
    private final FakeContainerRunner runner = new FakeContainerRunner().on(StepName.DBT, longRun)
            .on(StepName.INGESTER, FakeStep.exiting(0));
    private ApiServer server;

    @AfterEach
    void stop() {
        longRun.finish();
        if (server != null) {
            server.close();
        }
    }

    private ApiServer serverWith(List<Schedule> schedules, java.util.function.UnaryOperator<PipelineTriggerFeature.Builder> api) {
        server = ApiServer.with(runner, facade -> facade.clock(clock).schedules(schedules), api);
        return server;
    }

    @Test
    void without_schedules_the_list_is_empty() {
        ApiClient api = serverWith(List.of(), options -> options.apiEnabled(true)).client();

        ApiClient.Answer answer = api.get(ApiClient.PATH + "/schedules");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"success\":true,\"schedules\":[]}");
    }

    @Test
    void each_schedule_shows_its_request_its_next_run_and_what_its_last_firing_did() throws Exception {
        ApiClient api = serverWith(ExampleSchedules.nightlyFullAndHourlyTest(), options -> options.apiEnabled(true)).client();

        JsonNode before = api.get(ApiClient.PATH + "/schedules").json().get("schedules");
        assertThat(before).hasSize(2);
        JsonNode hourly = before.get(1);
        assertThat(hourly.get("name").asText()).isEqualTo("hourly-test");
        assertThat(hourly.get("cron").asText()).isEqualTo("0 * * * *");
        assertThat(hourly.get("timeZone").asText()).isEqualTo("UTC");
        assertThat(hourly.get("request").toString())
                .isEqualTo("{\"pipeline\":\"dbt\",\"command\":\"test\",\"enableOpenlineage\":false,\"timeoutSeconds\":1800}");
        assertThat(hourly.get("onBusy").asText()).isEqualTo("reject");
        assertThat(hourly.get("catchUp").asText()).isEqualTo("skip");
        assertThat(hourly.get("startingDeadline").asText()).isEqualTo("PT10M");
        assertThat(hourly.get("nextRunAt").asText()).isEqualTo("2024-03-15T01:00:00.000Z");
        assertThat(hourly.get("lastRunAt").isNull()).isTrue();
        assertThat(hourly.get("lastResult").isNull()).isTrue();
        assertThat(before.get(0).get("nextRunAt").asText()).isEqualTo("2024-03-15T01:00:00.000Z"); // 02:00 in Berlin

        clock.advance(Duration.ofHours(1));
        server.facade().fireDueSchedules(); // both fire: the nightly run starts, the hourly one finds it busy

        JsonNode after = api.get(ApiClient.PATH + "/schedules").json().get("schedules");
        JsonNode nightly = after.get(0);
        String jobId = nightly.get("lastJobId").asText();
        assertThat(nightly.get("lastRunAt").asText()).isEqualTo("2024-03-15T01:00:00.000Z");
        assertThat(nightly.get("lastResult").asText()).isEqualTo("started");
        assertThat(api.job(jobId).json().get("trigger").asText()).isEqualTo("schedule:nightly-full");
        JsonNode skipped = after.get(1);
        assertThat(skipped.get("lastResult").asText()).isEqualTo("skipped");
        assertThat(skipped.get("lastJobId").isNull()).isTrue();
        assertThat(skipped.get("lastSkipReason").asText()).startsWith("Skipped (onBusy reject): ").contains(jobId);
        assertThat(skipped.get("nextRunAt").asText()).isEqualTo("2024-03-15T02:00:00.000Z");
    }

    @Test
    void the_list_needs_the_token_when_tokens_are_set() {
        ApiClient api = serverWith(ExampleSchedules.nightlyFullAndHourlyTest(), options -> options.apiEnabled(true)
                .tokens(ApiTokens.of(List.of("3f9c2a7d51e84b06a1c9d2e7f0b3a845")))).client();

        assertThat(assertError(api.get(ApiClient.PATH + "/schedules"), 401)).isEqualTo(BearerTokenFilter.MISSING);
        ApiClient.Answer allowed = api.call("GET", ApiClient.PATH + "/schedules", null,
                "Authorization", "Bearer 3f9c2a7d51e84b06a1c9d2e7f0b3a845");
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.json().get("schedules")).hasSize(2);
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.MutableClock;
import jakarta.ws.rs.core.MediaType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedules list as the API writes it, from a real facade before and after a firing, held to the answer the
 * OpenAPI document gives for {@code GET .../schedules}, which names every field it may carry.
 */
class SchedulesResponseTest {

    private static final String ROUTE = PipelineTriggerFeature.API_PATH + "/schedules";

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FakeStep longRun = FakeStep.runningUntilReleased();
    private final PipelineTrigger trigger = PipelineTrigger.builder()
            .containerRunner(new FakeContainerRunner().on(StepName.DBT, longRun).on(StepName.INGESTER, FakeStep.exiting(0)))
            .clock(clock).schedules(ExampleSchedules.nightlyFullAndHourlyTest()).build();
    private final WireJsonWriter writer = new WireJsonWriter(new WireJson());

    @AfterEach
    void close() {
        longRun.finish();
        trigger.close();
    }

    @Test
    void the_list_before_and_after_a_firing_matches_the_documented_answer() throws IOException {
        String before = schedulesJson();
        clock.advance(Duration.ofHours(1));
        trigger.fireDueSchedules(); // the nightly run starts, the hourly one finds it busy and is skipped
        String after = schedulesJson();

        assertThat(after).contains("\"lastResult\":\"started\"", "\"lastResult\":\"skipped\"");
        validate(before);
        validate(after);
    }

    @Test
    void a_field_the_document_does_not_name_is_refused_in_the_list_and_in_a_schedule() throws IOException {
        String body = schedulesJson();

        assertThatThrownBy(() -> validate(body.replaceFirst("\\{", "{\"page\":1,")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("page");
        assertThatThrownBy(() -> validate(body.replaceFirst("\"name\":", "\"owner\":\"ops\",\"name\":")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("owner");
    }

    private static void validate(String body) {
        OpenApiContract.validate("GET " + ROUTE, OpenApiContract.pointerOf("GET", ROUTE, 200).orElseThrow(), body);
    }

    private String schedulesJson() throws IOException {
        SchedulesResponse body = SchedulesResponse.of(trigger.listSchedules());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(writer.isWriteable(body.getClass(), body.getClass(), new Annotation[0], MediaType.APPLICATION_JSON_TYPE))
                .isTrue();
        writer.writeTo(body, body.getClass(), body.getClass(), new Annotation[0], WireJsonWriter.JSON_UTF8, null, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SettledViewsTest {

    private final WireJson json = new WireJson();
    private final SettledViews views = new SettledViews(json);

    @Test
    void a_settled_job_is_answered_with_the_same_bytes_as_its_view_with_and_without_output() throws IOException {
        Job done = Jobs.aCompletedJob(Jobs.anId("done01"), T0.plusSeconds(60));

        assertThat(written(views.of(done, true))).isEqualTo(written(JobResponse.of(done)));
        assertThat(written(views.of(done, false))).isEqualTo(written(JobResponse.withoutOutput(done)));
        assertThat(views.of(done, true)).isSameAs(views.of(done, true));
    }

    @Test
    void a_running_job_gets_a_fresh_view_at_every_poll() {
        Job running = Jobs.aRunningJob(Jobs.anId("run001"), T0);

        assertThat(views.of(running, true)).isEqualTo(JobResponse.of(running));
        assertThat(views.of(running, true)).isNotSameAs(views.of(running, true));
    }

    @Test
    void a_view_is_used_again_only_for_the_job_it_was_written_from() throws IOException {
        Job done = Jobs.aCompletedJob(Jobs.anId("done02"), T0.plusSeconds(60));
        Job other = Jobs.aFailedJob(Jobs.anId("done02"), T0.plusSeconds(90));
        views.of(done, true);

        assertThat(written(views.of(other, true))).isEqualTo(written(JobResponse.of(other)));
    }

    private String written(ResponseBody body) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        json.write(body, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

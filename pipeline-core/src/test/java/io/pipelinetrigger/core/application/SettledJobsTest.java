package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

class SettledJobsTest {

    private final SettledJobs settled = new SettledJobs();

    @Test
    void a_job_in_a_final_state_is_kept_and_found_again() {
        Job completed = Jobs.aCompletedJob(Jobs.anId("done01"), T0);
        Job failed = Jobs.aFailedJob(Jobs.anId("fail01"), T0);

        assertThat(settled.remember(completed)).isSameAs(completed);
        settled.remember(failed);

        assertThat(settled.find(completed.id())).contains(completed);
        assertThat(settled.find(failed.id())).contains(failed);
    }

    @Test
    void a_running_or_queued_job_is_never_kept() {
        Job running = Jobs.aRunningJob(Jobs.anId("run001"), T0);
        Job queued = Jobs.aQueuedJob(Jobs.anId("que001"), T0);

        assertThat(settled.remember(running)).isSameAs(running);
        settled.remember(queued);

        assertThat(settled.find(running.id())).isEmpty();
        assertThat(settled.find(queued.id())).isEmpty();
    }

    @Test
    void more_settled_jobs_than_the_limit_keep_at_most_the_limit_and_the_newest() {
        List<Job> jobs = IntStream.rangeClosed(0, SettledJobs.LIMIT)
                .mapToObj(i -> Jobs.aCompletedJob(Jobs.anId(String.format("%06x", i)), T0)).toList();

        jobs.forEach(settled::remember);

        long kept = jobs.stream().filter(job -> settled.find(job.id()).isPresent()).count();
        assertThat(kept).isEqualTo(SettledJobs.LIMIT);
        assertThat(settled.find(jobs.get(jobs.size() - 1).id())).isPresent();
    }
}

package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The history part of what every {@link JobRepository} must do: pages, filters, the cursor, output-only saves.
 * {@link JobRepositoryContract} extends it, so each store's test runs both.
 */
public abstract class JobHistoryContract {

    private static final Instant LONG_AGO = Instant.EPOCH;

    protected JobRepository repository;

    protected abstract JobRepository emptyRepository();

    @BeforeEach
    void freshRepository() {
        repository = emptyRepository();
    }

    private static JobFilter filter(int limit) {
        return new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                limit, true);
    }

    private List<Job> fiveFinishedJobs() {
        List<Job> jobs = List.of(
                Jobs.aCompletedJob(Jobs.anId("aaaaa1"), T0.plusSeconds(600)),
                Jobs.aFailedJob(Jobs.anId("aaaaa2"), T0.plusSeconds(1200)),
                Jobs.aCompletedJob(Jobs.anId("aaaaa3"), T0.plusSeconds(1800)),
                anIngesterJob("aaaaa4", T0.plusSeconds(2400)),
                Jobs.aCompletedJob(Jobs.anId("aaaaa5"), T0.plusSeconds(3000)));
        jobs.forEach(repository::insertIfNoneActive);
        return jobs;
    }

    private static Job anIngesterJob(String suffix, Instant finishedAt) {
        return Job.accepted(JobId.of("ingester-1710460800000-" + suffix),
                        new JobSpec(Pipeline.INGESTER, Optional.empty(), FeatureFlags.ALL_ENABLED),
                        finishedAt.minusSeconds(60))
                .fail("Out of memory.", java.util.OptionalInt.of(137), finishedAt, "killed\n");
    }

    @Test
    void a_page_holds_the_newest_jobs_and_the_cursor_of_its_last_leads_to_the_rest() {
        List<Job> jobs = fiveFinishedJobs();

        List<Job> first = repository.findPage(filter(2), LONG_AGO, 2);
        assertThat(first).containsExactly(jobs.get(4), jobs.get(3));

        JobFilter after = new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(JobCursor.of(first.get(1))), 10, true);
        assertThat(repository.findPage(after, LONG_AGO, 10)).containsExactly(jobs.get(2), jobs.get(1), jobs.get(0));
    }

    @Test
    void a_cursor_still_leads_to_the_same_jobs_after_newer_ones_were_saved() {
        List<Job> jobs = fiveFinishedJobs();
        JobCursor cursor = JobCursor.of(repository.findPage(filter(2), LONG_AGO, 2).get(1));
        repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("new001"), T0.plusSeconds(9000)));

        JobFilter after = new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(JobCursor.decode(cursor.encoded()).orElseThrow()), 2, true);
        assertThat(repository.findPage(after, LONG_AGO, 2)).containsExactly(jobs.get(2), jobs.get(1));
    }

    @Test
    void status_pipeline_outcome_and_since_each_narrow_the_page() {
        List<Job> jobs = fiveFinishedJobs();

        assertThat(repository.findPage(new JobFilter(Optional.of(JobStatus.FAILED), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), 10, true), LONG_AGO, 10)).containsExactly(jobs.get(3), jobs.get(1));
        assertThat(repository.findPage(new JobFilter(Optional.empty(), Optional.of(Pipeline.INGESTER), Optional.empty(),
                Optional.empty(), Optional.empty(), 10, true), LONG_AGO, 10)).containsExactly(jobs.get(3));
        assertThat(repository.findPage(new JobFilter(Optional.empty(), Optional.empty(), Optional.of(Outcome.SUCCEEDED),
                Optional.empty(), Optional.empty(), 10, true), LONG_AGO, 10))
                .containsExactly(jobs.get(4), jobs.get(2), jobs.get(0));
        assertThat(repository.findPage(new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.of(jobs.get(2).createdAt()), Optional.empty(), 10, true), LONG_AGO, 10))
                .containsExactly(jobs.get(4), jobs.get(3), jobs.get(2));
    }

    @Test
    void jobs_finished_before_the_retention_cutoff_are_left_out_but_an_active_one_never() {
        List<Job> jobs = fiveFinishedJobs();
        Job active = Jobs.aRunningJob(Jobs.anId("run001"), T0.minus(Duration.ofDays(3)));
        repository.insertIfNoneActive(active);

        assertThat(repository.findPage(filter(10), T0.plusSeconds(1800), 10))
                .containsExactly(jobs.get(4), jobs.get(3), jobs.get(2), active);
    }

    @Test
    void without_output_the_page_names_the_same_jobs() {
        List<Job> jobs = fiveFinishedJobs();
        JobFilter noOutput = new JobFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), 10, false);

        assertThat(repository.findPage(noOutput, LONG_AGO, 10)).extracting(Job::id)
                .containsExactly(jobs.get(4).id(), jobs.get(3).id(), jobs.get(2).id(), jobs.get(1).id(), jobs.get(0).id());
        assertThat(repository.findPage(noOutput, LONG_AGO, 10).get(0).status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void an_output_save_changes_the_output_of_a_running_job_and_nothing_else() {
        Job job = Jobs.aRunningJob().stepStarted(io.pipelinetrigger.core.domain.StepName.DBT, T0.plusSeconds(1));
        repository.insertIfNoneActive(job);

        assertThat(repository.updateOutput(job.id(), "line 1\nline 2 ✓\n")).isTrue();

        assertThat(repository.findById(job.id())).contains(job.withOutput("line 1\nline 2 ✓\n"));
    }

    @Test
    void an_output_save_is_refused_once_the_job_has_ended() {
        Job finished = Jobs.aCompletedJob(Jobs.anId("done01"), T0);
        repository.insertIfNoneActive(finished);

        assertThat(repository.updateOutput(finished.id(), "late")).isFalse();
        assertThat(repository.findById(finished.id())).contains(finished);
        assertThatThrownBy(() -> repository.updateOutput(Jobs.anId("zzzzzz"), "x"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

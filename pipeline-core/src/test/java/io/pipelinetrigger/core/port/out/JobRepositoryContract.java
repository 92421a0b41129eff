package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Trigger;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link JobRepository} must do; each store's test extends this and makes a fresh, empty store. */
public abstract class JobRepositoryContract extends ScheduleFiringContract implements DeliveryOutboxContract,
        JobLeaseContract {

    @Override
    public JobRepository store() {
        return repository;
    }

    @Test
    void a_saved_job_is_found_by_its_id_exactly_as_saved() {
        Job job = Jobs.aRunningJob();

        assertThat(repository.insertIfNoneActive(job)).isEmpty();

        assertThat(repository.findById(job.id())).contains(job);
    }

    @Test
    void a_second_job_is_refused_while_one_is_active_and_the_active_one_is_returned() {
        Job first = Jobs.aRunningJob(Jobs.anId("aaaaaa"), T0);
        Job second = Jobs.aRunningJob(Jobs.anId("bbbbbb"), T0.plusSeconds(1));
        repository.insertIfNoneActive(first);

        assertThat(repository.insertIfNoneActive(second)).contains(first);
        assertThat(repository.findById(second.id())).isEmpty();
    }

    @Test
    void a_new_job_is_accepted_once_the_active_one_has_finished() {
        Job first = Jobs.aRunningJob(Jobs.anId("aaaaaa"), T0);
        repository.insertIfNoneActive(first);
        repository.update(first.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, "done"));

        assertThat(repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("bbbbbb"), T0.plusSeconds(1)))).isEmpty();
        assertThat(repository.findActive()).map(j -> j.id().value()).contains("dbt-1710460800000-bbbbbb");
    }

    @Test
    void an_update_replaces_the_saved_job() {
        Job job = Jobs.aRunningJob();
        repository.insertIfNoneActive(job);
        Job started = job.stepStarted(StepName.DBT, T0.plusSeconds(1)).withOutput("running...");

        repository.update(started);

        assertThat(repository.findById(job.id())).contains(started);
    }

    @Test
    void a_job_ends_exactly_once_a_later_update_of_a_terminal_job_is_refused() {
        Job job = Jobs.aRunningJob();
        repository.insertIfNoneActive(job);
        Job cancelled = job.cancel("Cancelled on request.", OptionalInt.empty(), T0.plusSeconds(2), "bye");
        Job completedLater = job.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0.plusSeconds(3), "");

        assertThat(repository.update(cancelled)).isTrue();
        assertThat(repository.update(completedLater)).isFalse();

        assertThat(repository.findById(job.id())).contains(cancelled);
    }

    @Test
    void every_field_of_a_job_survives_the_round_trip() {
        Job job = Job.accepted(JobId.of("full-1710460800000-k3y000"),
                new JobSpec(Pipeline.FULL, Optional.of(DbtCommand.BUILD), new FeatureFlags(false, true),
                        Optional.of(Duration.ofMinutes(45))),
                Optional.of(new IdempotencyKey("nightly-2024-03-15", "sha256:abc")), T0);
        repository.insertIfNoneActive(job);
        Job changed = job.stepStarted(StepName.INGESTER, T0.plusMillis(1500))
                .stepRunnerId(StepName.INGESTER, "4f1c2a")
                .stepExited(StepName.INGESTER, 0, T0.plusSeconds(90))
                .stepStarted(StepName.DBT, T0.plusSeconds(91))
                .withOutput("multi-byte ✓ and \"quotes\"\n")
                .fail("Out of memory.", OptionalInt.of(137), T0.plusSeconds(200), "tail ✓");

        repository.update(changed);

        assertThat(repository.findById(job.id())).contains(changed);
        assertThat(repository.findByIdempotencyKey("nightly-2024-03-15")).contains(changed);
        assertThat(repository.findByIdempotencyKey("other")).isEmpty();
    }

    @Test
    void the_outcome_of_each_kind_of_end_and_a_schedule_trigger_survive_the_round_trip() {
        Instant at = T0;
        for (Outcome outcome : Outcome.values()) {
            at = at.plusSeconds(60);
            JobId id = JobId.of("dbt-1710460800000-" + outcome.wireName().replace("_", "").substring(0, 6));
            Job job = Job.accepted(id, new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED),
                    Optional.empty(), Trigger.schedule("nightly-" + outcome.ordinal()), at);
            repository.insertIfNoneActive(job);
            Job running = job.stepStarted(StepName.DBT, at.plusSeconds(1));
            Job ended = switch (outcome) {
                case SUCCEEDED, ERRORED -> running.stepExited(StepName.DBT, outcome == Outcome.SUCCEEDED ? 0 : 2,
                        at.plusSeconds(2)).complete(at.plusSeconds(2), "done\n");
                case FAILED -> running.fail("Out of memory.", OptionalInt.of(137), at.plusSeconds(2), "");
                case TIMED_OUT -> running.timeOut("Step dbt timed out after 1s.", OptionalInt.empty(), at.plusSeconds(2), "");
                case CANCELLED -> running.cancel("The job was cancelled on request.", OptionalInt.empty(), at.plusSeconds(2), "");
            };

            assertThat(repository.findById(id)).contains(job);
            assertThat(repository.findById(id).orElseThrow().outcome()).isEmpty();
            repository.update(ended);

            assertThat(repository.findById(id)).contains(ended);
            assertThat(repository.findById(id).orElseThrow().outcome()).contains(outcome);
            assertThat(repository.findById(id).orElseThrow().trigger()).isEqualTo(Trigger.schedule("nightly-" + outcome.ordinal()));
        }
    }

    @Test
    void a_skipped_steps_reason_survives_the_round_trip() {
        Job job = Job.accepted(JobId.of("full-1710460800000-sk1p00"), Jobs.aFullSpec(), T0);
        repository.insertIfNoneActive(job);
        Job skipped = job.stepStarted(StepName.INGESTER, T0).stepExited(StepName.INGESTER, 1, T0.plusSeconds(5))
                .stepSkipped(StepName.DBT);

        repository.update(skipped);

        assertThat(repository.findById(job.id())).contains(skipped);
        assertThat(repository.findById(job.id()).orElseThrow().step(StepName.DBT).skipReason())
                .contains("ingester exited with 1");
    }

    @Test
    void all_jobs_are_listed_newest_first() {
        Job oldest = Jobs.aCompletedJob(Jobs.anId("aaaaaa"), T0);
        Job middle = Jobs.aCompletedJob(Jobs.anId("bbbbbb"), T0.plusSeconds(60));
        Job newest = Jobs.aRunningJob(Jobs.anId("cccccc"), T0.plusSeconds(120));
        repository.insertIfNoneActive(oldest);
        repository.insertIfNoneActive(middle);
        repository.insertIfNoneActive(newest);

        assertThat(repository.findAll()).containsExactly(newest, middle, oldest);
    }

    @Test
    void only_jobs_finished_before_the_cutoff_are_deleted_and_active_ones_never() {
        Job old = Jobs.aCompletedJob(Jobs.anId("aaaaaa"), T0);
        Job recent = Jobs.aFailedJob(Jobs.anId("bbbbbb"), T0.plus(Duration.ofMinutes(50)));
        Job active = Jobs.aRunningJob(Jobs.anId("cccccc"), T0.minus(Duration.ofDays(3)));
        repository.insertIfNoneActive(old);
        repository.insertIfNoneActive(recent);
        repository.insertIfNoneActive(active);

        List<JobId> deleted = repository.deleteFinishedBefore(T0.plus(Duration.ofMinutes(30)));

        assertThat(deleted).containsExactly(old.id());
        assertThat(repository.findAll()).containsExactlyInAnyOrder(recent, active);
    }

    @Test
    void an_unknown_id_is_not_found() {
        assertThat(repository.findById(Jobs.anId("zzzzzz"))).isEmpty();
        assertThat(repository.findActive()).isEmpty();
    }

    @Test
    void among_many_racing_inserts_exactly_one_wins() throws Exception {
        int racers = 32;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Optional<Job>>> inserts = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Job job = Jobs.aRunningJob(Jobs.anId(String.format("r%05d", i)), T0.plusMillis(i));
                inserts.add(() -> repository.insertIfNoneActive(job));
            }
            int accepted = 0;
            for (Future<Optional<Job>> result : pool.invokeAll(inserts)) {
                accepted += result.get().isEmpty() ? 1 : 0;
            }
            assertThat(accepted).isEqualTo(1);
            assertThat(repository.findAll()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

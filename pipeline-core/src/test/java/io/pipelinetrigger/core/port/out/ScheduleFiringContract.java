package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Firing;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schedule firings part of what every {@link JobRepository} must do (docs/schedules.md, "Exactly once"): a
 * firing is recorded with its job in one transaction, once. Run through {@link JobRepositoryContract}.
 */
public abstract class ScheduleFiringContract extends JobQueueContract {

    private static final Instant TWO_AM = Instant.parse("2024-03-15T02:00:00Z");

    private static Firing nightly(Instant at) {
        return new Firing("nightly", at);
    }

    @Test
    void a_firing_is_saved_with_its_job_and_comes_back_as_the_schedules_last() {
        Job job = Jobs.aRunningJob(Jobs.anId("fired1"), TWO_AM);
        FiringRecord record = nightly(TWO_AM).started(job.id(), TWO_AM.plusMillis(1500));

        assertThat(repository.insertIfNoneActive(job, List.of(), record)).isEmpty();

        assertThat(repository.findById(job.id())).contains(job);
        assertThat(repository.lastFirings()).containsExactly(record);
    }

    @Test
    void a_firing_recorded_once_is_refused_a_second_time_and_its_second_job_is_not_saved() {
        Job first = Jobs.aCompletedJob(Jobs.anId("first1"), TWO_AM);
        repository.insertIfNoneActive(first, List.of(), nightly(TWO_AM).started(first.id(), TWO_AM));
        Job second = Jobs.aRunningJob(Jobs.anId("second"), TWO_AM.plusSeconds(1));

        assertThatThrownBy(() -> repository.insertIfNoneActive(second, List.of(),
                nightly(TWO_AM).started(second.id(), TWO_AM.plusSeconds(1))))
                .isInstanceOf(FiringAlreadyRecordedException.class);
        assertThatThrownBy(() -> repository.enqueue(new QueuedJob(Jobs.aQueuedJob(second.id(), T0), Optional.empty()),
                10, nightly(TWO_AM).queued(second.id(), TWO_AM)))
                .isInstanceOf(FiringAlreadyRecordedException.class);
        assertThat(repository.recordFiring(nightly(TWO_AM).skipped("Skipped.", TWO_AM))).isFalse();

        assertThat(repository.findById(second.id())).isEmpty();
        assertThat(repository.lastFirings()).singleElement()
                .satisfies(f -> assertThat(f.jobId()).contains(first.id()));
    }

    @Test
    void an_earlier_firing_than_the_recorded_one_is_refused_too() {
        repository.recordFiring(nightly(TWO_AM).skipped("Skipped: busy.", TWO_AM));

        assertThat(repository.recordFiring(nightly(TWO_AM.minusSeconds(86_400)).skipped("Late.", TWO_AM))).isFalse();
        assertThat(repository.lastFirings()).singleElement()
                .satisfies(f -> assertThat(f.firing().scheduledFor()).isEqualTo(TWO_AM));
    }

    @Test
    void a_firing_refused_because_a_job_is_active_records_nothing() {
        repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("manual"), T0));
        Job fired = Jobs.aRunningJob(Jobs.anId("fired1"), TWO_AM);

        assertThat(repository.insertIfNoneActive(fired, List.of(), nightly(TWO_AM).started(fired.id(), TWO_AM)))
                .isPresent();

        assertThat(repository.lastFirings()).isEmpty();
        assertThat(repository.findById(fired.id())).isEmpty();
    }

    @Test
    void a_queued_firing_is_saved_with_its_queued_job_and_a_full_queue_records_nothing() {
        repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("manual"), T0));
        Job queued = Jobs.aQueuedJob(Jobs.anId("queue1"), TWO_AM);
        FiringRecord record = nightly(TWO_AM).queued(queued.id(), TWO_AM);

        assertThat(repository.enqueue(new QueuedJob(queued, Optional.empty()), 1, record)).hasValue(1);
        Job refused = Jobs.aQueuedJob(Jobs.anId("queue2"), TWO_AM.plusSeconds(3600));
        assertThat(repository.enqueue(new QueuedJob(refused, Optional.empty()), 1,
                nightly(TWO_AM.plusSeconds(3600)).queued(refused.id(), TWO_AM.plusSeconds(3600)))).isEmpty();

        assertThat(repository.lastFirings()).containsExactly(record);
        assertThat(repository.findQueued()).extracting(q -> q.job().id()).containsExactly(queued.id());
    }

    @Test
    void each_schedule_keeps_its_own_latest_firing() {
        FiringRecord nightlyFirst = nightly(TWO_AM).skipped("Skipped: busy.", TWO_AM);
        FiringRecord nightlyNext = nightly(TWO_AM.plusSeconds(86_400)).skipped("Skipped: busy.", TWO_AM);
        FiringRecord hourly = new Firing("hourly", TWO_AM).skipped("Skipped: queue full.", TWO_AM);

        assertThat(repository.recordFiring(nightlyFirst)).isTrue();
        assertThat(repository.recordFiring(hourly)).isTrue();
        assertThat(repository.recordFiring(nightlyNext)).isTrue();

        assertThat(repository.lastFirings()).containsExactlyInAnyOrder(nightlyNext, hourly);
    }

    @Test
    void of_racing_servers_firing_the_same_time_exactly_one_saves_its_job() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> racers = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Job job = Jobs.aCompletedJob(Jobs.anId("race0" + i), TWO_AM);
                racers.add(() -> {
                    try {
                        return repository.insertIfNoneActive(job, List.of(), nightly(TWO_AM).started(job.id(), TWO_AM))
                                .isEmpty();
                    } catch (FiringAlreadyRecordedException lost) {
                        return false;
                    }
                });
            }
            int saved = 0;
            for (Future<Boolean> result : pool.invokeAll(racers)) {
                saved += result.get() ? 1 : 0;
            }
            assertThat(saved).isEqualTo(1);
            assertThat(repository.findAll()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

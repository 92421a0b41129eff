package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

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

/**
 * The queue part of what every {@link JobRepository} must do (docs/api.md, "When the pipeline is busy"); run
 * through {@link JobRepositoryContract}, which every store's test extends.
 */
public abstract class JobQueueContract extends JobHistoryContract {

    @Test
    void queued_jobs_come_back_first_in_line_first_with_their_deadlines_and_are_not_active() {
        repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("runnin"), T0));
        Job first = Jobs.aQueuedJob(Jobs.anId("first1"), T0.plusSeconds(1));
        Job second = Jobs.aQueuedJob(Jobs.anId("second"), T0.plusSeconds(2));

        assertThat(repository.enqueue(new QueuedJob(first, Optional.of(T0.plusSeconds(61))), 10)).hasValue(1);
        assertThat(repository.enqueue(new QueuedJob(second, Optional.empty()), 10)).hasValue(2);

        assertThat(repository.findQueued()).containsExactly(
                new QueuedJob(first, Optional.of(T0.plusSeconds(61))), new QueuedJob(second, Optional.empty()));
        assertThat(repository.findActive()).map(j -> j.id().value()).contains("dbt-1710460800000-runnin");
        assertThat(repository.findById(first.id())).contains(first);
    }

    @Test
    void a_full_queue_refuses_the_job_and_saves_nothing() {
        repository.enqueue(new QueuedJob(Jobs.aQueuedJob(Jobs.anId("first1"), T0), Optional.empty()), 1);
        Job refused = Jobs.aQueuedJob(Jobs.anId("second"), T0.plusSeconds(1));

        assertThat(repository.enqueue(new QueuedJob(refused, Optional.empty()), 1)).isEmpty();

        assertThat(repository.findById(refused.id())).isEmpty();
        assertThat(repository.findQueued()).hasSize(1);
    }

    @Test
    void a_queued_job_starts_only_while_nothing_runs_and_only_once() {
        Job running = Jobs.aRunningJob(Jobs.anId("runnin"), T0);
        repository.insertIfNoneActive(running);
        Job queued = Jobs.aQueuedJob(Jobs.anId("queued"), T0.plusSeconds(1));
        repository.enqueue(new QueuedJob(queued, Optional.empty()), 10);

        assertThat(repository.startQueued(queued.startFromQueue())).isFalse();
        repository.update(running.stepStarted(StepName.DBT, T0).stepExited(StepName.DBT, 0, T0).complete(T0, ""));

        assertThat(repository.startQueued(queued.startFromQueue())).isTrue();
        assertThat(repository.startQueued(queued.startFromQueue())).isFalse();
        assertThat(repository.findActive()).map(Job::status).contains(JobStatus.RUNNING);
        assertThat(repository.findActive()).map(Job::id).contains(queued.id());
        assertThat(repository.findQueued()).isEmpty();
    }

    @Test
    void a_cancelled_queued_job_leaves_the_queue_and_never_starts() {
        Job queued = Jobs.aQueuedJob(Jobs.anId("queued"), T0);
        repository.enqueue(new QueuedJob(queued, Optional.empty()), 10);

        assertThat(repository.update(queued.cancel("Cancelled.", OptionalInt.empty(), T0.plusSeconds(1), ""))).isTrue();

        assertThat(repository.findQueued()).isEmpty();
        assertThat(repository.startQueued(queued.startFromQueue())).isFalse();
        assertThat(repository.findById(queued.id())).map(Job::status).contains(JobStatus.CANCELLED);
    }

    @Test
    void a_held_back_reason_is_saved_with_the_queued_job() {
        Job queued = Jobs.aQueuedJob(Jobs.anId("queued"), T0);
        repository.enqueue(new QueuedJob(queued, Optional.empty()), 10);

        assertThat(repository.update(queued.heldBack("Waiting: the runner cannot be reached."))).isTrue();

        assertThat(repository.findQueued()).map(q -> q.job().error())
                .containsExactly(Optional.of("Waiting: the runner cannot be reached."));
    }

    @Test
    void of_many_racing_enqueues_exactly_the_limit_are_saved() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Callable<OptionalInt>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Job job = Jobs.aQueuedJob(Jobs.anId(String.format("q%05d", i)), T0.plusMillis(i));
                tries.add(() -> repository.enqueue(new QueuedJob(job, Optional.empty()), 10));
            }
            int saved = 0;
            for (Future<OptionalInt> result : pool.invokeAll(tries)) {
                saved += result.get().isPresent() ? 1 : 0;
            }
            assertThat(saved).isEqualTo(10);
            assertThat(repository.findQueued()).hasSize(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void of_racing_starts_of_two_queued_jobs_only_one_runs() throws Exception {
        Job a = Jobs.aQueuedJob(Jobs.anId("aaaaaa"), T0);
        Job b = Jobs.aQueuedJob(Jobs.anId("bbbbbb"), T0.plusSeconds(1));
        repository.enqueue(new QueuedJob(a, Optional.empty()), 10);
        repository.enqueue(new QueuedJob(b, Optional.empty()), 10);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> starts = pool.invokeAll(List.<Callable<Boolean>>of(
                    () -> repository.startQueued(a.startFromQueue()), () -> repository.startQueued(b.startFromQueue())));
            assertThat(starts.get(0).get() ^ starts.get(1).get()).isTrue();
            assertThat(repository.findQueued()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }
}

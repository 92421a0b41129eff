package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every store must do with leases (docs/operations.md, "Replicas"): a running job's lease and a background
 * task's turn are held by one replica at a time, renewed by it, and taken over by another only once they ran out.
 * Mixed into {@link JobRepositoryContract}, so it runs against every store; the time is the caller's.
 */
interface JobLeaseContract {

    Duration LEASE = Duration.ofSeconds(20);

    JobRepository store();

    private Job running(String suffix) {
        Job job = Jobs.aRunningJob(Jobs.anId(suffix), T0);
        assertThat(store().insertIfNoneActive(job)).isEmpty();
        return job;
    }

    @Test
    default void a_running_jobs_lease_is_held_by_its_first_claimant_until_it_runs_out() {
        JobId id = running("lease1").id();

        assertThat(store().claimLease(id, "a", T0, T0.plus(LEASE))).isTrue();
        assertThat(store().claimLease(id, "b", T0.plusSeconds(19), T0.plusSeconds(39))).isFalse();
        assertThat(store().findLease(id)).hasValueSatisfying(lease -> {
            assertThat(lease.holder()).isEqualTo("a");
            assertThat(lease.expiresAt()).isEqualTo(T0.plus(LEASE));
            assertThat(lease.cancelRequested()).isFalse();
        });

        assertThat(store().claimLease(id, "b", T0.plus(LEASE), T0.plus(LEASE).plus(LEASE))).isTrue();
        assertThat(store().findLease(id)).map(JobLease::holder).contains("b");
    }

    @Test
    default void a_holder_claims_its_own_lease_again_and_renews_it_but_not_once_another_took_it_over() {
        JobId id = running("lease2").id();
        store().claimLease(id, "a", T0, T0.plus(LEASE));

        assertThat(store().claimLease(id, "a", T0.plusSeconds(1), T0.plusSeconds(21))).isTrue();
        assertThat(store().renewLease(id, "a", T0.plusSeconds(25))).map(JobLease::expiresAt)
                .contains(T0.plusSeconds(25));
        assertThat(store().renewLease(id, "b", T0.plusSeconds(30))).isEmpty();

        assertThat(store().claimLease(id, "b", T0.plusSeconds(26), T0.plusSeconds(46))).isTrue();
        assertThat(store().renewLease(id, "a", T0.plusSeconds(45))).as("a's lease went to b").isEmpty();
        assertThat(store().findLease(id)).map(JobLease::expiresAt).contains(T0.plusSeconds(46));
    }

    @Test
    default void a_job_that_does_not_run_has_no_lease_to_claim_or_renew() {
        Job job = running("lease3");
        store().claimLease(job.id(), "a", T0, T0.plus(LEASE));
        store().update(job.fail("Gone.", OptionalInt.empty(), T0.plusSeconds(1), ""));

        assertThat(store().renewLease(job.id(), "a", T0.plusSeconds(30))).isEmpty();
        assertThat(store().claimLease(job.id(), "b", T0.plusSeconds(60), T0.plusSeconds(80))).isFalse();
        assertThat(store().requestCancel(job.id())).isFalse();
        assertThat(store().findAdoptable(T0.plusSeconds(60), "b", T0.plusSeconds(60))).isEmpty();
    }

    @Test
    default void adoptable_are_running_jobs_whose_lease_ran_out_that_the_asker_holds_or_left_unleased_long_enough() {
        JobId held = running("lease4").id();
        store().claimLease(held, "a", T0, T0.plus(LEASE));

        assertThat(store().findAdoptable(T0.plusSeconds(10), "b", T0)).isEmpty();
        assertThat(store().findAdoptable(T0.plusSeconds(10), "a", T0)).as("its own, after a restart").containsExactly(held);
        assertThat(store().findAdoptable(T0.plus(LEASE), "b", T0)).containsExactly(held);

        store().update(store().findById(held).orElseThrow().fail("Gone.", OptionalInt.empty(), T0, ""));
        JobId unleased = running("lease5").id();
        assertThat(store().findAdoptable(T0.plusSeconds(1), "b", T0)).as("just saved, about to be leased").isEmpty();
        assertThat(store().findAdoptable(T0.plusSeconds(30), "b", T0.plusSeconds(10))).containsExactly(unleased);
    }

    @Test
    default void a_released_lease_is_claimable_at_once_and_a_release_by_another_changes_nothing() {
        JobId id = running("lease6").id();
        store().claimLease(id, "a", T0, T0.plus(LEASE));

        store().releaseLease(id, "b");
        assertThat(store().claimLease(id, "b", T0.plusSeconds(1), T0.plusSeconds(21))).isFalse();

        store().releaseLease(id, "a");
        assertThat(store().claimLease(id, "b", T0.plusSeconds(1), T0.plusSeconds(21))).isTrue();
    }

    @Test
    default void a_cancel_left_for_the_holder_is_seen_by_its_next_renewal() {
        JobId id = running("lease7").id();
        store().claimLease(id, "a", T0, T0.plus(LEASE));

        assertThat(store().requestCancel(id)).isTrue();

        assertThat(store().renewLease(id, "a", T0.plusSeconds(25))).map(JobLease::cancelRequested).contains(true);
        assertThat(store().findLease(id)).map(JobLease::cancelRequested).contains(true);
    }

    @Test
    default void racing_claims_of_one_expired_lease_let_exactly_one_replica_win() throws Exception {
        JobId id = running("lease8").id();
        store().claimLease(id, "dead", T0, T0.plus(LEASE));
        Instant later = T0.plusSeconds(30);
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String holder = "replica-" + i;
            claims.add(() -> store().claimLease(id, holder, later, later.plus(LEASE)));
        }

        List<Boolean> won = runAll(claims);

        assertThat(won.stream().filter(Boolean::booleanValue)).hasSize(1);
        String winner = "replica-" + won.indexOf(true);
        assertThat(store().findLease(id)).map(JobLease::holder).contains(winner);
    }

    @Test
    default void a_tasks_turn_stays_with_its_holder_until_it_runs_out_or_is_released() throws Exception {
        assertThat(store().claimTask("housekeeping", "a", T0, T0.plus(LEASE))).isTrue();
        assertThat(store().claimTask("housekeeping", "b", T0.plusSeconds(5), T0.plusSeconds(25))).isFalse();
        assertThat(store().claimTask("webhook-sender", "b", T0, T0.plus(LEASE))).as("each task apart").isTrue();
        assertThat(store().claimTask("housekeeping", "a", T0.plusSeconds(10), T0.plusSeconds(30))).isTrue();
        assertThat(store().claimTask("housekeeping", "b", T0.plusSeconds(25), T0.plusSeconds(45))).isFalse();

        assertThat(store().claimTask("housekeeping", "b", T0.plusSeconds(30), T0.plusSeconds(50))).isTrue();
        store().releaseTask("housekeeping", "b");
        List<Callable<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String holder = "replica-" + i;
            claims.add(() -> store().claimTask("housekeeping", holder, T0.plusSeconds(31), T0.plusSeconds(51)));
        }
        assertThat(runAll(claims).stream().filter(Boolean::booleanValue)).as("one of racing claimants").hasSize(1);
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(6);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.CutOffStore;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.JobLease;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replicas on one store (docs/operations.md, "Replicas"), with the time of leases on a clock the test moves: the
 * heartbeats run every few milliseconds, but a lease runs out only when the test says 20 seconds have passed. A
 * replica that dies or is cut off is one whose way to the store the test cuts ({@link CutOffStore}).
 */
@Timeout(30)
class ReplicaLeasesTest {

    private static final Duration LEASE = Duration.ofSeconds(20);

    private final InMemoryJobRepository store = new InMemoryJobRepository();
    private final MutableClock clock = new MutableClock(Jobs.T0);
    private final List<PipelineTrigger> replicas = new ArrayList<>();

    private PipelineTrigger replica(String id, CutOffStore way, FakeContainerRunner runner) {
        PipelineTrigger replica = PipelineTrigger.builder().containerRunner(runner).jobRepository(way).clock(clock)
                .leaveStepsRunningOnShutdown(true)
                .replica(new LeaseSettings(id, LEASE, Duration.ofMillis(10))).build();
        replica.recoverRunningJobs();
        replicas.add(replica);
        return replica;
    }

    private PipelineTrigger replica(String id, FakeContainerRunner runner) {
        return replica(id, new CutOffStore(store), runner);
    }

    private static FakeContainerRunner containers() {
        return new FakeContainerRunner().withStepsOutlivingTheServer();
    }

    @AfterEach
    void stopReplicas() {
        replicas.forEach(PipelineTrigger::close);
    }

    @Test
    void the_job_of_a_replica_gone_silent_is_adopted_once_its_lease_ran_out_and_its_step_reattached_not_started()
            throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        FakeContainerRunner runnerA = containers().on(StepName.DBT, dbt);
        CutOffStore wayOfA = new CutOffStore(store);
        PipelineTrigger a = replica("replica-a", wayOfA, runnerA);
        FakeContainerRunner runnerB = containers()
                .recoverable(StepName.DBT, FakeStep.printing("the whole log").thenExiting(3));
        replica("replica-b", runnerB);
        Job job = a.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();
        assertThat(store.findLease(job.id())).map(JobLease::holder).contains("replica-a");

        wayOfA.cut();
        clock.advance(LEASE.minusSeconds(1));
        assertThat(store.findAdoptable(clock.instant(), "replica-b", clock.instant().minus(LEASE)))
                .as("a lease that has not run out is nobody else's").isEmpty();
        clock.advance(Duration.ofSeconds(1));
        Job done = finished(job);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.exitCode()).hasValue(3);
        assertThat(done.output()).contains("the whole log");
        assertThat(runnerB.startedSteps()).as("the adopter started no step").isEmpty();
        assertThat(runnerB.recoveredSteps()).extracting(s -> s.step()).containsExactly(StepName.DBT);
        assertThat(store.findLease(job.id())).map(JobLease::holder).contains("replica-b");
        awaitTrue(dbt::wasDetached);
        assertThat(dbt.wasStopped()).as("the replica that lost the lease left the step alone").isFalse();
    }

    @Test
    void of_replicas_racing_to_adopt_one_job_exactly_one_reattaches_to_its_step() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        CutOffStore wayOfA = new CutOffStore(store);
        PipelineTrigger a = replica("replica-a", wayOfA, containers().on(StepName.DBT, dbt));
        List<FakeContainerRunner> adopters = new ArrayList<>();
        for (String id : List.of("replica-b", "replica-c", "replica-d")) {
            FakeContainerRunner runner = containers().recoverable(StepName.DBT, FakeStep.printing("done").thenExiting(0));
            adopters.add(runner);
            replica(id, runner);
        }
        Job job = a.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        wayOfA.cut();
        clock.advance(LEASE);
        Job done = finished(job);

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        assertThat(adopters.stream().mapToInt(r -> r.recoveredSteps().size()).sum()).isEqualTo(1);
        assertThat(adopters.stream().mapToInt(r -> r.startedSteps().size()).sum()).isZero();
    }

    @Test
    void a_cancel_on_another_replica_reaches_the_one_that_carries_the_job_and_stops_its_step() throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        PipelineTrigger a = replica("replica-a", containers().on(StepName.DBT, dbt));
        PipelineTrigger b = replica("replica-b", containers());
        Job job = a.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        Job answer = b.cancel(job.id());
        Job done = finished(job);

        assertThat(answer.status()).as("b cannot stop a's step itself").isEqualTo(JobStatus.RUNNING);
        assertThat(done.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(dbt.wasStopped()).isTrue();
        assertThat(done.output()).contains(StopRequest.CANCELLED_REASON);
    }

    @Test
    void a_replica_cut_off_longer_than_its_lease_lets_go_and_takes_its_job_back_once_the_store_answers_again()
            throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased();
        CutOffStore wayOfA = new CutOffStore(store);
        FakeContainerRunner runnerA = containers().on(StepName.DBT, dbt)
                .recoverable(StepName.DBT, FakeStep.printing("after the cut").thenExiting(4));
        PipelineTrigger a = replica("replica-a", wayOfA, runnerA);
        Job job = a.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        wayOfA.cut();
        clock.advance(LEASE);
        awaitTrue(dbt::wasDetached);
        assertThat(store.findById(job.id()).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
        wayOfA.mend();
        Job done = finished(job);

        assertThat(done.exitCode()).hasValue(4);
        assertThat(dbt.wasStopped()).isFalse();
        assertThat(runnerA.startedSteps()).hasSize(1);
        assertThat(runnerA.recoveredSteps()).hasSize(1);
    }

    @Test
    void a_step_that_ends_while_its_replica_cannot_record_it_is_kept_for_the_adopter_which_records_its_exit_code()
            throws Exception {
        FakeStep dbt = FakeStep.runningUntilReleased().thenExiting(6);
        CutOffStore wayOfA = new CutOffStore(store);
        PipelineTrigger a = replica("replica-a", wayOfA, containers().on(StepName.DBT, dbt));
        FakeContainerRunner runnerB = containers().recoverable(StepName.DBT, FakeStep.printing("exited").thenExiting(6));
        replica("replica-b", runnerB);
        Job job = a.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        dbt.awaitStarted();

        wayOfA.cut();
        dbt.finish();
        clock.advance(LEASE);
        Job done = finished(job);

        assertThat(done.exitCode()).hasValue(6);
        assertThat(runnerB.recoveredSteps()).hasSize(1);
        assertThat(dbt.wasClosed()).as("not removed before its end was recorded").isFalse();
    }

    @Test
    void a_finished_steps_container_is_let_go_of_once_its_end_is_recorded() throws Exception {
        FakeStep dbt = FakeStep.exiting(0);
        PipelineTrigger a = replica("replica-a", containers().on(StepName.DBT, dbt));

        Job done = finished(a.trigger(TriggerPipelineCommand.of(Pipeline.DBT)));

        assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
        awaitTrue(dbt::wasClosed);
    }

    @Test
    void a_background_tasks_turn_stays_with_one_replica_and_passes_on_when_it_runs_out() {
        TaskTurns a = new TaskTurns(store, java.util.Optional.of("replica-a"), clock);
        TaskTurns b = new TaskTurns(store, java.util.Optional.of("replica-b"), clock);
        Duration hold = Duration.ofSeconds(80);

        assertThat(a.take("housekeeping", hold)).isTrue();
        assertThat(b.take("housekeeping", hold)).isFalse();
        clock.advance(Duration.ofSeconds(60));
        assertThat(a.take("housekeeping", hold)).as("renewed at its next run").isTrue();
        clock.advance(Duration.ofSeconds(79));
        assertThat(b.take("housekeeping", hold)).isFalse();
        clock.advance(Duration.ofSeconds(1));
        assertThat(b.take("housekeeping", hold)).as("a died: its turn ran out").isTrue();
        assertThat(a.take("housekeeping", hold)).isFalse();
        assertThat(new TaskTurns(store, java.util.Optional.empty(), clock).take("housekeeping", hold))
                .as("a server alone on its store always has the turn").isTrue();
    }

    private Job finished(Job job) throws InterruptedException {
        awaitTrue(() -> store.findById(job.id()).orElseThrow().status().isTerminal());
        return store.findById(job.id()).orElseThrow();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(5);
        }
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.InstantSource;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;

/** Accepts a run: applies defaults, refuses a second active run, saves the job, hands it to a thread. */
public final class TriggerPipelineService implements TriggerPipelineUseCase {

    private static final System.Logger LOG = System.getLogger(TriggerPipelineService.class.getName());

    static final String SHUTTING_DOWN = "The server is shutting down and accepts no new pipeline runs.";

    private final JobRepository repository;
    private final ContainerRunner runner;
    private final InstantSource clock;
    private final JobIdGenerator ids;
    private final TriggerSettings settings;
    private final LiveOutputs liveOutputs;
    private final JobExecutions executions;
    private final RetentionSweeper sweeper;

    TriggerPipelineService(JobRepository repository, ContainerRunner runner, InstantSource clock, JobIdGenerator ids,
                           TriggerSettings settings, LiveOutputs liveOutputs, JobExecutions executions,
                           RetentionSweeper sweeper) {
        this.repository = repository;
        this.runner = runner;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
        this.liveOutputs = liveOutputs;
        this.executions = executions;
        this.sweeper = sweeper;
    }

    @Override
    public Job trigger(TriggerPipelineCommand command) {
        sweeper.sweep();
        JobSpec spec = specOf(command);
        if (!executions.accepting()) {
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
        refuseIfBusy();
        Job job = Job.accepted(ids.next(spec.pipeline()), spec, clock.instant());
        Optional<Job> active = repository.insertIfNoneActive(job);
        if (active.isPresent()) {
            throw busy(active.get().id().value(), "Pipeline job " + active.get().id() + " is still running.");
        }
        OutputTail tail = new OutputTail(settings.outputLimitBytes());
        liveOutputs.register(job.id(), tail);
        try {
            executions.submit(new JobExecution(job, repository, runner, clock, tail, settings.stopGrace()));
        } catch (RejectedExecutionException shuttingDown) {
            // shutdown began between the check above and now: record the truth, then refuse
            tail.appendLine("pipeline-trigger: " + SHUTTING_DOWN);
            repository.update(job.fail(SHUTTING_DOWN, OptionalInt.empty(), clock.instant(), tail.text()));
            liveOutputs.remove(job.id());
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + " accepted: " + describe(spec));
        return job;
    }

    private void refuseIfBusy() {
        Optional<Job> active = repository.findActive();
        if (active.isPresent()) {
            throw busy(active.get().id().value(), "Pipeline job " + active.get().id() + " is still running.");
        }
        Optional<ConflictingRun> outside = runner.findConflictingRun();
        if (outside.isPresent()) {
            throw busy(outside.get().id(), "A pipeline container is already running: " + outside.get().description() + ".");
        }
    }

    private static PipelineBusyException busy(String runningId, String message) {
        return new PipelineBusyException(runningId, message + " Only one pipeline runs at a time; poll it or try again when it has finished.");
    }

    private JobSpec specOf(TriggerPipelineCommand command) {
        FeatureFlags defaults = settings.defaultFlags();
        FeatureFlags flags = new FeatureFlags(command.enableOpenlineage().orElse(defaults.enableOpenlineage()),
                command.enableElementary().orElse(defaults.enableElementary()));
        Optional<DbtCommand> dbtCommand = command.pipeline().runsDbt()
                ? Optional.of(command.command().orElse(DbtCommand.DEFAULT))
                : Optional.empty(); // the ingester has no dbt step: a command given for it is ignored
        return new JobSpec(command.pipeline(), dbtCommand, flags);
    }

    private static String describe(JobSpec spec) {
        return "pipeline=" + spec.pipeline().wireName()
                + spec.command().map(c -> " command=" + c.wireName()).orElse("")
                + " openlineage=" + spec.flags().enableOpenlineage()
                + " elementary=" + spec.flags().enableElementary();
    }
}

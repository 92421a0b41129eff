package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.IdempotencyKeyReusedException;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.RejectedExecutionException;

/** Accepts a run: applies defaults, refuses a second active run, saves the job, hands it to a thread. */
final class TriggerPipelineService implements TriggerPipelineUseCase {

    static final String SHUTTING_DOWN = "The server is shutting down and accepts no new pipeline runs.";

    private static final System.Logger LOG = System.getLogger(TriggerPipelineService.class.getName());

    private final ExecutionContext context;
    private final JobIdGenerator ids;
    private final LiveOutputs liveOutputs;
    private final JobExecutions executions;
    private final RetentionSweeper sweeper;

    TriggerPipelineService(ExecutionContext context, JobIdGenerator ids, LiveOutputs liveOutputs,
                           JobExecutions executions, RetentionSweeper sweeper) {
        this.context = context;
        this.ids = ids;
        this.liveOutputs = liveOutputs;
        this.executions = executions;
        this.sweeper = sweeper;
    }

    @Override
    public Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        sweeper.sweep();
        Optional<IdempotencyKey> key = idempotencyKey.map(k -> new IdempotencyKey(k, command.fingerprint()));
        Optional<Job> earlier = key.flatMap(this::jobStartedWith);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        JobSpec spec = specOf(command);
        if (!executions.accepting()) {
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
        refuseIfBusy();
        Job job = Job.accepted(ids.next(spec.pipeline()), spec, key, context.clock().instant());
        Optional<Job> active = context.repository().insertIfNoneActive(job);
        if (active.isPresent()) {
            return sameRequestOrBusy(active.get(), key);
        }
        start(job);
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + " accepted: " + describe(spec));
        return job;
    }

    private void start(Job job) {
        OutputTail tail = new OutputTail(context.settings().outputLimitBytes(), context.settings().sanitizer());
        liveOutputs.register(job.id(), tail);
        try {
            executions.submit(new JobExecution(job, context, tail));
        } catch (RejectedExecutionException shuttingDown) {
            // shutdown began between the check before the insert and now: record the truth, then refuse
            tail.appendLine("pipeline-trigger: " + SHUTTING_DOWN);
            context.repository().update(job.fail(SHUTTING_DOWN, OptionalInt.empty(), context.clock().instant(), tail.text()));
            liveOutputs.remove(job.id());
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
    }

    /** The job an earlier request with this key started, if the request was the same; else the key is refused. */
    private Optional<Job> jobStartedWith(IdempotencyKey key) {
        Optional<Job> earlier = context.repository().findByIdempotencyKey(key.key());
        if (earlier.isPresent() && !earlier.get().idempotencyKey().orElseThrow().equals(key)) {
            throw new IdempotencyKeyReusedException(key.key(), earlier.get().id());
        }
        return earlier;
    }

    private void refuseIfBusy() {
        Optional<Job> active = context.repository().findActive();
        if (active.isPresent()) {
            throw busy(active.get().id().value(), "Pipeline job " + active.get().id() + " is still running.");
        }
        Optional<ConflictingRun> outside = context.runner().findConflictingRun();
        if (outside.isPresent()) {
            throw busy(jobWeKnow(outside.get()).orElse(null), "A pipeline container is already running: "
                    + outside.get().description() + ".");
        }
    }

    /**
     * The run's job id only when this server can answer for it (the store has the job): a container of another
     * server (docs/docker.md, "Two servers on one engine") or of cron carries no id a client could poll here.
     */
    private Optional<String> jobWeKnow(ConflictingRun run) {
        if (!JobId.isWellFormed(run.id())) {
            return Optional.empty();
        }
        return context.repository().findById(JobId.of(run.id())).map(job -> job.id().value());
    }

    /** A racing retry of the same keyed request gets the job its twin started; anything else is busy. */
    private static Job sameRequestOrBusy(Job active, Optional<IdempotencyKey> key) {
        if (key.isPresent() && active.idempotencyKey().equals(key)) {
            return active;
        }
        throw busy(active.id().value(), "Pipeline job " + active.id() + " is still running.");
    }

    private static PipelineBusyException busy(String runningId, String message) {
        return new PipelineBusyException(runningId, message
                + " Only one pipeline runs at a time; poll it or try again when it has finished.");
    }

    private JobSpec specOf(TriggerPipelineCommand command) {
        FeatureFlags defaults = context.settings().defaultFlags();
        FeatureFlags flags = new FeatureFlags(command.enableOpenlineage().orElse(defaults.enableOpenlineage()),
                command.enableElementary().orElse(defaults.enableElementary()));
        Optional<DbtCommand> dbtCommand = command.pipeline().runsDbt()
                ? Optional.of(command.command().orElse(DbtCommand.DEFAULT))
                : Optional.empty(); // the ingester has no dbt step: a command given for it is ignored
        return new JobSpec(command.pipeline(), dbtCommand, flags,
                command.timeout().or(() -> context.settings().defaultStepTimeout()));
    }

    private static String describe(JobSpec spec) {
        return "pipeline=" + spec.pipeline().wireName()
                + spec.command().map(c -> " command=" + c.wireName()).orElse("")
                + " openlineage=" + spec.flags().enableOpenlineage()
                + " elementary=" + spec.flags().enableElementary()
                + spec.stepTimeout().map(t -> " timeout=" + StopRequest.readable(t)).orElse("");
    }
}

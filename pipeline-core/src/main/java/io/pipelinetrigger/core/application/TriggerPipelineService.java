package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Firing;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.IdempotencyKeyReusedException;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.Trigger;
import io.pipelinetrigger.core.port.in.TriggerAnswer;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.out.ConflictingRun;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Accepts a run: applies defaults, refuses a second active run (or attaches to it, or queues behind it, as the
 * trigger's busy policy says), saves the job, hands it to a thread. What it asks the store does not grow with the
 * history: the job of an idempotency key (when one is given), the active job, and the insert (docs/performance.md).
 */
final class TriggerPipelineService implements TriggerPipelineUseCase {

    static final String SHUTTING_DOWN = JobLauncher.SHUTTING_DOWN;

    private static final System.Logger LOG = System.getLogger(TriggerPipelineService.class.getName());

    private final ExecutionContext context;
    private final JobIdGenerator ids;
    private final JobLauncher launcher;
    private final JobQueue queue;

    TriggerPipelineService(ExecutionContext context, JobIdGenerator ids, JobLauncher launcher, JobQueue queue) {
        this.context = context;
        this.ids = ids;
        this.launcher = launcher;
        this.queue = queue;
    }

    @Override
    public Job trigger(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        return submit(command, idempotencyKey).job();
    }

    @Override
    public TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey) {
        return submit(command, idempotencyKey, Trigger.API);
    }

    /** A trigger from the API or, with {@code schedule:<name>}, from a schedule. */
    TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey, Trigger trigger) {
        return submit(command, idempotencyKey, trigger, Optional.empty());
    }

    /**
     * A schedule's firing: the job it makes is saved together with the record of the firing (docs/schedules.md,
     * "Exactly once").
     *
     * @throws FiringAlreadyRecordedException when the firing was recorded before; nothing is saved then
     */
    TriggerAnswer fire(TriggerPipelineCommand command, Firing firing) {
        return submit(command, Optional.empty(), Trigger.schedule(firing.schedule()), Optional.of(firing));
    }

    private TriggerAnswer submit(TriggerPipelineCommand command, Optional<String> idempotencyKey, Trigger trigger,
                                 Optional<Firing> firing) {
        Optional<IdempotencyKey> key = idempotencyKey.map(k -> new IdempotencyKey(k, command.fingerprint()));
        Optional<Job> earlier = key.flatMap(this::jobStartedWith);
        if (earlier.isPresent()) {
            return new TriggerAnswer(earlier.get(), false, queue.position(earlier.get().id()));
        }
        JobSpec spec = specOf(command);
        if (!launcher.accepting()) {
            throw new RunnerUnavailableException(SHUTTING_DOWN);
        }
        BusyPolicy policy = command.onBusy().orElse(context.settings().defaultOnBusy());
        if (policy == BusyPolicy.QUEUE && mustWait()) {
            return enqueue(command, spec, key, trigger, firing);
        }
        Optional<Job> attachable;
        try {
            attachable = refuseIfBusy(policy, spec);
        } catch (PipelineBusyException busyMeanwhile) {
            if (policy == BusyPolicy.QUEUE) {
                return enqueue(command, spec, key, trigger, firing); // a run began since mustWait looked: wait behind it
            }
            throw busyMeanwhile;
        }
        if (attachable.isPresent()) {
            return new TriggerAnswer(attachable.get(), true, OptionalInt.empty());
        }
        Job job = Job.accepted(ids.next(spec.pipeline()), spec, key, trigger, context.clock().instant());
        Optional<Job> active = firing.isPresent()
                ? context.repository().insertIfNoneActive(job, List.of(), firing.get().started(job.id(), job.createdAt()))
                : context.repository().insertIfNoneActive(job);
        if (active.isPresent()) {
            if (policy == BusyPolicy.QUEUE && !(key.isPresent() && active.get().idempotencyKey().equals(key))) {
                return enqueue(command, spec, key, trigger, firing); // it began running meanwhile: wait behind it
            }
            return sameRequestOrBusy(active.get(), key, policy, spec);
        }
        launcher.launch(job);
        LOG.log(System.Logger.Level.INFO, "job " + job.id() + " accepted: " + describe(spec));
        return TriggerAnswer.started(job);
    }

    /** A queued trigger waits when a run is active, others wait before it, or the runner would refuse it. */
    private boolean mustWait() {
        if (context.repository().findActive().isPresent() || !queue.isEmpty()) {
            return true;
        }
        try {
            return context.runner().findConflictingRun().isPresent();
        } catch (RuntimeException unreachable) {
            return true; // it waits until the runner answers again
        }
    }

    private TriggerAnswer enqueue(TriggerPipelineCommand command, JobSpec spec, Optional<IdempotencyKey> key,
                                  Trigger trigger, Optional<Firing> firing) {
        Job queued = Job.queued(ids.next(spec.pipeline()), spec, key, trigger, context.clock().instant());
        queue.enqueue(queued, command.queueTimeout().or(() -> context.settings().defaultQueueTimeout()),
                firing.map(f -> f.queued(queued.id(), queued.createdAt())));
        LOG.log(System.Logger.Level.INFO, "job " + queued.id() + " queued: " + describe(spec));
        Job now = context.repository().findById(queued.id()).orElse(queued); // it may have started already
        return new TriggerAnswer(now, false, queue.position(queued.id()));
    }

    /** The job an earlier request with this key started, if the request was the same; else the key is refused. */
    private Optional<Job> jobStartedWith(IdempotencyKey key) {
        Optional<Job> earlier = context.repository().findByIdempotencyKey(key.key());
        if (earlier.isPresent() && !earlier.get().idempotencyKey().orElseThrow().equals(key)) {
            throw new IdempotencyKeyReusedException(key.key(), earlier.get().id());
        }
        return earlier;
    }

    /** @return the active job when the trigger attaches to it; else empty, and the trigger may start */
    private Optional<Job> refuseIfBusy(BusyPolicy policy, JobSpec spec) {
        Optional<Job> active = context.repository().findActive();
        if (active.isPresent()) {
            return Optional.of(attachOrBusy(active.get(), policy, spec));
        }
        Optional<ConflictingRun> outside = context.runner().findConflictingRun();
        if (outside.isPresent()) {
            throw busy(jobWeKnow(outside.get()).orElse(null), "A pipeline container is already running: "
                    + outside.get().description() + ".");
        }
        return Optional.empty();
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
    private static TriggerAnswer sameRequestOrBusy(Job active, Optional<IdempotencyKey> key, BusyPolicy policy,
                                                   JobSpec spec) {
        if (key.isPresent() && active.idempotencyKey().equals(key)) {
            return TriggerAnswer.started(active);
        }
        return new TriggerAnswer(attachOrBusy(active, policy, spec), true, OptionalInt.empty());
    }

    /** {@code attach} gets the active run when it runs the same effective request; anything else is busy. */
    private static Job attachOrBusy(Job active, BusyPolicy policy, JobSpec spec) {
        if (policy == BusyPolicy.ATTACH && active.spec().equals(spec)) {
            return active;
        }
        String differs = policy == BusyPolicy.ATTACH
                ? " It runs another request (" + describe(active.spec()) + "), so this one cannot attach to it."
                : "";
        throw busy(active.id().value(), "Pipeline job " + active.id() + " is still running." + differs);
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

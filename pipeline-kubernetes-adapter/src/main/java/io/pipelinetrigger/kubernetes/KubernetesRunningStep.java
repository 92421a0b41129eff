package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A step's Job after it was resumed (or found again after a restart): its pod is looked at every poll interval
 * and its log followed from the start once its container runs. The exit is read from the container's terminated
 * state; a pod stuck on its image or on scheduling for longer than the pending limit fails the step with the
 * cluster's reason. Closing deletes the Job (unless a TTL is set), detaching leaves it to a restarted server.
 */
final class KubernetesRunningStep implements RunningStep {

    private static final System.Logger LOG = System.getLogger(KubernetesRunningStep.class.getName());
    /** After the container ended, how long its log may stay silent before we stop waiting for the rest. */
    static final Duration LOG_IDLE_LIMIT_AFTER_EXIT = Duration.ofSeconds(30);
    /** The API may fail a few looks in a row (a restarting API server) before the step is given up. */
    private static final int MAX_FAILED_LOOKS = 10;

    private enum Hold { FOLLOWING, DETACHED, CLOSED }

    private final Cluster cluster;
    private final KubernetesRunnerConfig config;
    private final JobId jobId;
    private final StepName step;
    private final String jobName;
    private final LogSink sink;
    /** Wakes the look loop before its interval is over: let go of, or the log stream ended (the container may have). */
    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<Hold> hold = new AtomicReference<>(Hold.FOLLOWING);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<StepOutcome> ended = new CompletableFuture<>();
    private volatile PodLogFollower logs;
    private volatile Optional<String> podName = Optional.empty();
    private volatile StepOutcome outcome;

    KubernetesRunningStep(Cluster cluster, KubernetesRunnerConfig config, StepSpec spec, String jobName, LogSink sink) {
        this.cluster = cluster;
        this.config = config;
        this.jobId = spec.jobId();
        this.step = spec.step();
        this.jobName = jobName;
        this.sink = sink;
    }

    @Override
    public String id() {
        return jobName;
    }

    /** Begins following on a thread of its own: the log flows to the sink whether or not anyone awaits the exit. */
    KubernetesRunningStep follow() {
        Thread follower = new Thread(() -> {
            try {
                StepOutcome end = followToExit();
                LOG.log(System.Logger.Level.DEBUG, "job " + jobId + ": Job " + jobName + " ended: " + end);
                outcome = end;
                ended.complete(end);
            } catch (InterruptedException e) {
                ended.complete(letGoOutcome());
            } catch (RuntimeException e) {
                closeLogs();
                ended.complete(failed("Following the " + step.wireName() + " step failed: " + e));
            }
        }, "pipeline-follow-" + jobName);
        follower.setDaemon(true);
        follower.start();
        return this;
    }

    @Override
    public StepOutcome awaitExit() throws InterruptedException {
        try {
            return ended.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the follower completes normally", e);
        }
    }

    private StepOutcome followToExit() throws InterruptedException {
        Optional<Instant> stuckSince = Optional.empty();
        int failedLooks = 0;
        while (true) {
            if (hold.get() != Hold.FOLLOWING) {
                return letGoOutcome();
            }
            PodObservation.Seen seen;
            try {
                Optional<Job> job = cluster.job(jobName);
                Optional<Pod> pod = cluster.podOf(jobName);
                pod.ifPresent(p -> podName = Optional.of(p.getMetadata().getName()));
                seen = PodObservation.of(step.wireName(), job, pod);
                failedLooks = 0;
            } catch (ClusterCallException e) {
                if (++failedLooks >= MAX_FAILED_LOOKS) {
                    closeLogs();
                    return failed("The Kubernetes API stopped answering while the " + step.wireName() + " step ran: "
                            + PodObservation.sentence(e.getMessage()));
                }
                LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not look at Job " + jobName + " ("
                        + e.getMessage() + "); looking again");
                awaitNextLook();
                continue;
            }
            if (seen instanceof PodObservation.Ended ended) {
                followLogs(); // a container that ended before we looked still has its log
                logs.containerEnded();
                awaitRestOfOutput();
                return ended.outcome();
            }
            if (seen instanceof PodObservation.Gone gone) {
                closeLogs();
                return failed(stopping.get() ? "Step " + step.wireName() + " was stopped; its pod is gone." : gone.reason());
            }
            if (seen instanceof PodObservation.Running) {
                followLogs();
                stuckSince = Optional.empty();
            }
            if (seen instanceof PodObservation.Waiting waiting && waiting.problem().isPresent()) {
                Instant since = stuckSince.orElseGet(Instant::now);
                stuckSince = Optional.of(since);
                boolean overLimit = Duration.between(since, Instant.now()).compareTo(config.pendingLimit()) >= 0;
                if (waiting.hopeless() || overLimit) {
                    closeLogs();
                    return failed(waiting.problem().get() + (waiting.hopeless() ? ""
                            : " (waited " + config.pendingLimit().toSeconds() + " s)"));
                }
            } else if (seen instanceof PodObservation.Waiting) {
                stuckSince = Optional.empty();
            }
            awaitNextLook();
        }
    }

    private void awaitNextLook() throws InterruptedException {
        if (wake.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS) && hold.get() == Hold.FOLLOWING) {
            wake.drainPermits();
        }
    }

    private void followLogs() {
        if (logs != null || podName.isEmpty()) {
            return;
        }
        String pod = podName.get();
        String container = step.wireName();
        // a stream that ends is looked at at once: a stopped pod's terminated state is only there until it is removed
        PodLogFollower follower = new PodLogFollower(jobId, step, pod, sink,
                since -> cluster.followLog(pod, container, since), config.pollInterval(), wake::release);
        logs = follower;
        follower.start();
    }

    private void awaitRestOfOutput() throws InterruptedException {
        if (!logs.awaitEnd(LOG_IDLE_LIMIT_AFTER_EXIT)) {
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": the log of Job " + jobName + " stayed silent for "
                    + LOG_IDLE_LIMIT_AFTER_EXIT.toSeconds() + " s after its container ended; reporting the end without the rest");
            logs.close();
        }
    }

    private StepOutcome letGoOutcome() {
        closeLogs();
        return failed(hold.get() == Hold.DETACHED
                ? "Stopped following the " + step.wireName() + " step; its Job " + jobName + " runs on, for a restarted"
                        + " server to reattach to."
                : "Step " + step.wireName() + " was let go of before it ended; its Job was deleted.");
    }

    private void closeLogs() {
        PodLogFollower follower = logs;
        if (follower != null) {
            follower.close();
        }
    }

    private static StepOutcome failed(String reason) {
        return new StepOutcome.Failed(reason, OptionalInt.empty());
    }

    /**
     * Returns at once (a cancel arrives on an HTTP thread). Deletes the pod with {@code grace} first (the container
     * gets SIGTERM, then SIGKILL once the grace has passed), then the Job: deleting only the Job would leave its pod
     * to the garbage collector, with the pod's own grace rather than this one.
     */
    @Override
    public void stop(Duration grace) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, "job " + jobId + ": stopping Job " + jobName + " (kill after " + grace + ")");
        Thread stopper = new Thread(() -> stopNow(grace), "pipeline-stop-" + jobName);
        stopper.setDaemon(true);
        stopper.start();
    }

    private void stopNow(Duration grace) {
        long seconds = Math.max(0, (grace.toMillis() + 999) / 1000);
        try {
            Optional<Pod> pod = cluster.podOf(jobName);
            if (pod.isPresent()) {
                cluster.deletePod(pod.get().getMetadata().getName(), seconds);
            }
            cluster.deleteJob(jobName, seconds);
        } catch (ClusterCallException e) {
            stopping.set(false);
            LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not stop Job " + jobName + ": " + e.getMessage());
        }
    }

    @Override
    public void detach() {
        if (hold.compareAndSet(Hold.FOLLOWING, Hold.DETACHED)) {
            closeLogs();
            wake.release(Integer.MAX_VALUE / 2);
            LOG.log(System.Logger.Level.INFO, "job " + jobId + ": stopped following Job " + jobName
                    + "; it runs on for a restarted server to reattach to");
        }
    }

    /** Deletes the Job (its pod goes with it) unless the operator leaves finished Jobs to their TTL; after detach, nothing. */
    @Override
    public void close() {
        Hold before = hold.getAndSet(Hold.CLOSED);
        if (before == Hold.CLOSED) {
            return;
        }
        closeLogs();
        wake.release(Integer.MAX_VALUE / 2);
        if (before == Hold.DETACHED) {
            return;
        }
        if (outcome != null && config.ttlAfterFinished().isPresent()) {
            return; // left for Kubernetes to delete ttlSecondsAfterFinished after it finished
        }
        try {
            cluster.deleteJob(jobName, config.stopGrace().toSeconds());
        } catch (ClusterCallException e) {
            if (!e.is(404)) {
                LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": could not delete Job " + jobName
                        + "; delete it by hand (kubectl delete job " + jobName + "): " + e.getMessage());
            }
        }
    }
}

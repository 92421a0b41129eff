package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The background threads that carry jobs, the timers they use (timeouts, output saves), and the list of what
 * they carry, so cancel and shutdown can reach them.
 */
final class JobExecutions implements AutoCloseable {

    private final ExecutorService executor;
    private final ScheduledExecutorService timers;
    private final Map<JobId, JobExecution> running = new ConcurrentHashMap<>();
    private final LiveOutputs liveOutputs;

    JobExecutions(LiveOutputs liveOutputs) {
        this.liveOutputs = liveOutputs;
        AtomicInteger counter = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "pipeline-job-" + counter.incrementAndGet());
            thread.setDaemon(false); // a JVM must not exit in the middle of recording a job's end
            return thread;
        });
        this.timers = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipeline-timers");
            thread.setDaemon(true);
            return thread;
        });
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    /** False once shutdown has begun: no new job is accepted then. */
    boolean accepting() {
        return !executor.isShutdown();
    }

    Optional<JobExecution> find(JobId id) {
        return Optional.ofNullable(running.get(id));
    }

    /** The jobs carried here now. */
    Set<JobId> ids() {
        return Set.copyOf(running.keySet());
    }

    /** @throws RejectedExecutionException once shutdown has begun */
    void submit(JobExecution execution) {
        JobId id = execution.job().id();
        running.put(id, execution);
        try {
            executor.execute(() -> {
                try {
                    execution.run();
                } finally {
                    running.remove(id);
                    liveOutputs.remove(id);
                }
            });
        } catch (RejectedExecutionException e) {
            running.remove(id);
            throw e;
        }
    }

    /**
     * Refuses new jobs, then either detaches from every running job (its step goes on, to be reattached after a
     * restart) or stops it with the shutdown reason; waits up to {@code wait} for every execution to finish.
     */
    boolean shutdown(boolean detach, Duration wait) throws InterruptedException {
        executor.shutdown();
        running.values().forEach(execution -> {
            if (detach) {
                execution.detach();
            } else {
                execution.requestStop(StopRequest.shutdown());
            }
        });
        return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        timers.shutdownNow();
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The background threads that carry jobs, and the list of what they carry, so shutdown can stop them. */
final class JobExecutions implements AutoCloseable {

    private final ExecutorService executor;
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
    }

    /** False once shutdown has begun: no new job is accepted then. */
    boolean accepting() {
        return !executor.isShutdown();
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

    /** Stops every running job with the reason and waits up to {@code wait} for their ends to be recorded. */
    boolean stopAll(String reason, Duration wait) throws InterruptedException {
        executor.shutdown();
        running.values().forEach(execution -> execution.stop(reason));
        return executor.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}

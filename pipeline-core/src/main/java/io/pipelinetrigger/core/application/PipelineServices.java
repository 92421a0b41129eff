package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobIdGenerator;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** The use cases wired together around one repository and one runner; the facade's engine room. */
public final class PipelineServices implements AutoCloseable {

    private final TriggerPipelineService trigger;
    private final JobQueryService queries;
    private final JobExecutions executions;

    public PipelineServices(JobRepository repository, ContainerRunner runner, InstantSource clock,
                            RandomGenerator random, TriggerSettings settings) {
        LiveOutputs liveOutputs = new LiveOutputs();
        RetentionSweeper sweeper = new RetentionSweeper(repository, clock, settings);
        this.executions = new JobExecutions(liveOutputs);
        this.trigger = new TriggerPipelineService(repository, runner, clock, new JobIdGenerator(clock, random),
                settings, liveOutputs, executions, sweeper);
        this.queries = new JobQueryService(repository, liveOutputs, sweeper);
    }

    public TriggerPipelineService trigger() {
        return trigger;
    }

    public JobQueryService queries() {
        return queries;
    }

    /**
     * Refuses new jobs, stops running steps (stop signal, kill after the grace) and waits up to {@code wait}
     * for every job's end to be recorded.
     *
     * @return true when every job ended in time
     */
    public boolean shutdown(String reason, Duration wait) throws InterruptedException {
        return executions.stopAll(reason, wait);
    }

    @Override
    public void close() {
        executions.close();
    }
}

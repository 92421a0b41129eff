package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;

/** What every job execution shares: where jobs are saved, what runs steps, time, timers and settings. */
record ExecutionContext(JobRepository repository, ContainerRunner runner, OutputArchive archive,
                        InstantSource clock, ScheduledExecutorService timers, TriggerSettings settings) {
}

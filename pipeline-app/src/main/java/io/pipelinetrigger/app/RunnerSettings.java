package io.pipelinetrigger.app;

/** Which runner carries the steps, with its validated settings. */
sealed interface RunnerSettings permits ProcessRunnerSettings, DockerRunnerSettings {

    /** {@code process} or {@code docker}, as {@code PIPELINE_RUNNER} spells it. */
    String name();

    /** A one-line summary for the start-up log: no secrets (env file values are never shown). */
    String describe();
}

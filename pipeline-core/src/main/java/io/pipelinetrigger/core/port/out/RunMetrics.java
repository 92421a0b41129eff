package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Pipeline;

/**
 * What core tells whoever counts runs (a metrics registry, docs/operations.md "Metrics"): a run started, a
 * run's end was saved, a trigger was refused because a run was active, how many runs are active or queued,
 * and how a webhook delivery attempt went. Called on the thread that did it, so an implementation must be
 * quick and must not throw; every method does nothing by default, and {@link #NONE} counts nothing.
 */
public interface RunMetrics {

    /** Counts nothing: the default of the facade. */
    RunMetrics NONE = new RunMetrics() {
    };

    /** A new run was saved and is about to start its first step. */
    default void runStarted(Job job) {
    }

    /** A run's terminal state was saved (exactly once per run); its steps carry their start and end times. */
    default void runEnded(Job job) {
    }

    /** A trigger for {@code pipeline} was refused because a run was active (the API's 409). */
    default void busyRefused(Pipeline pipeline) {
    }

    /** How many runs are active now (after a restart, recovered runs count too). */
    default void runsActive(int count) {
    }

    /** How many runs wait in the queue now (the busy policy {@code queue}); never called while no queue exists. */
    default void runsQueued(int count) {
    }

    /**
     * One webhook delivery attempt ended: {@code result} is a short label such as {@code delivered},
     * {@code retrying} or {@code given_up}, for whoever sends webhooks to call.
     */
    default void webhookDelivery(String result) {
    }
}

package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.JobId;

/**
 * A nudge each time a job's archived log grows or its saved state changes, so that a follower of the job (the
 * event stream of docs/api.md) reads what is new when there is something to read instead of polling.
 */
public interface WatchJobQuery {

    /** Never calls back: a follower over it falls back to reading at its own pace. */
    WatchJobQuery NONE = (id, onChange) -> () -> { };

    /**
     * Calls {@code onChange} after each change of the job, on the thread that made it (a step's output pump, the
     * job thread): it must return at once and never throw. Changes may be coalesced by the caller, never lost
     * while the watch is open.
     */
    Watch watch(JobId id, Runnable onChange);

    /** Stops the calls; closing twice is harmless. */
    @FunctionalInterface
    interface Watch extends AutoCloseable {
        @Override
        void close();
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.OutputTail;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The output tails of running jobs, so a poll sees output as it arrives. */
final class LiveOutputs {

    private final Map<JobId, OutputTail> tails = new ConcurrentHashMap<>();

    void register(JobId id, OutputTail tail) {
        tails.put(id, tail);
    }

    Optional<OutputTail> find(JobId id) {
        return Optional.ofNullable(tails.get(id));
    }

    void remove(JobId id) {
        tails.remove(id);
    }
}

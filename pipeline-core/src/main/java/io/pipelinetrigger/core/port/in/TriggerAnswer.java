package io.pipelinetrigger.core.port.in;

import io.pipelinetrigger.core.domain.Job;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a trigger got: the job, whether it is an already active run this trigger attached to ({@code onBusy:
 * attach}), and the job's place in the queue while it is {@code queued} (1 = next).
 */
public record TriggerAnswer(Job job, boolean attached, OptionalInt queuePosition) {

    public TriggerAnswer {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(queuePosition, "queuePosition");
    }

    public static TriggerAnswer started(Job job) {
        return new TriggerAnswer(job, false, OptionalInt.empty());
    }
}

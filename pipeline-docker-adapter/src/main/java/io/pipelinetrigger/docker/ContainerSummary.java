package io.pipelinetrigger.docker;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A container as listed by the engine: enough to tell an operator which run is in the way, and to tell
 * whether a container is a leftover ({@code created} is when the engine created it, to the second).
 */
record ContainerSummary(String id, String name, String image, Map<String, String> labels, Instant created, String state) {

    ContainerSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(created, "created");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        state = state == null ? "" : state;
    }

    Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }

    /** Whether our instance made it (a container without the instance label: the default instance). */
    boolean ofInstance(String instance) {
        return ContainerPlan.instanceOf(labels).equals(instance);
    }
}

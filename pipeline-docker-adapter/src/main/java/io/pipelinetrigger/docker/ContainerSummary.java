package io.pipelinetrigger.docker;

import java.util.Map;
import java.util.Optional;

/** A container as listed by the engine: enough to tell an operator which run is in the way. */
record ContainerSummary(String name, String image, Map<String, String> labels) {

    ContainerSummary {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    Optional<String> label(String key) {
        return Optional.ofNullable(labels.get(key));
    }
}

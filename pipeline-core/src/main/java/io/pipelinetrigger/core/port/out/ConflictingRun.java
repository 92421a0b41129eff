package io.pipelinetrigger.core.port.out;

import java.util.Objects;

/**
 * A pipeline run the runner can see that this server did not start (e.g. {@code docker compose run dbt} from
 * cron, or a step of another server on the same engine). {@code id} is its job id label where it has one, else its
 * container name; core passes it on to the client only when it is a job of its own store.
 */
public record ConflictingRun(String id, String description) {

    public ConflictingRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}

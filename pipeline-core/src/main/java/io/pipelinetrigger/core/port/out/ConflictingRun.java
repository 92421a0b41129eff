package io.pipelinetrigger.core.port.out;

import java.util.Objects;

/**
 * A pipeline run the runner can see that this server did not start (e.g. {@code docker compose run dbt} from
 * cron). {@code id} is its job id label where it has one, else its container name.
 */
public record ConflictingRun(String id, String description) {

    public ConflictingRun {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(description, "description");
    }
}

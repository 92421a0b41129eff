package io.pipelinetrigger.cli;

import java.util.List;

/** The values the API knows, checked before any request so that a typo costs no round trip. */
final class Values {

    static final List<String> PIPELINES = List.of("ingester", "dbt", "full");
    static final List<String> DBT_COMMANDS = List.of("daily", "run", "build", "test", "deps", "elementary");
    static final List<String> STATUSES = List.of("running", "completed", "failed", "cancelled", "queued");
    static final List<String> ON_BUSY = List.of("reject", "attach", "queue");
    static final long LONGEST_TIMEOUT_SECONDS = 604_800;

    private Values() {
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.port.out.JobRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which replica runs a background task (housekeeping, webhook sending) now: one at a time, through a lease row per
 * task in the store (docs/operations.md, "Replicas"). The replica that has the turn renews it at every run; when it
 * dies, its turn runs out and the next replica to ask takes it over. Alone on its store (no replica settings), a
 * server always has the turn.
 */
public final class TaskTurns {

    private static final System.Logger LOG = System.getLogger(TaskTurns.class.getName());

    private final JobRepository store;
    private final Optional<String> replicaId;
    private final InstantSource clock;
    private final Set<String> held = ConcurrentHashMap.newKeySet();

    public TaskTurns(JobRepository store, Optional<String> replicaId, InstantSource clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.replicaId = Objects.requireNonNull(replicaId, "replicaId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Takes (or keeps) the turn of {@code task} for {@code hold}: ask at every run, with a hold longer than the time
     * between two runs, so the turn stays here while this replica lives.
     *
     * @return true when this replica runs the task now; false when another one has the turn or the store is out of reach
     */
    public boolean take(String task, Duration hold) {
        if (replicaId.isEmpty()) {
            return true;
        }
        Instant now = clock.instant();
        boolean mine;
        try {
            mine = store.claimTask(task, replicaId.get(), now, now.plus(hold));
        } catch (RuntimeException unreachable) {
            mine = false; // another replica that reaches the store takes the turn once it ran out
        }
        boolean before = mine ? !held.add(task) : held.remove(task);
        if (mine != before) {
            LOG.log(System.Logger.Level.INFO, mine ? "this replica runs " + task + " now"
                    : "another replica runs " + task + " now (or the store is out of reach)");
        }
        return mine;
    }

    /** Lets go of every turn this replica has, so another takes them at once (a graceful stop). */
    public void releaseAll() {
        replicaId.ifPresent(id -> held.forEach(task -> {
            try {
                store.releaseTask(task, id);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the turn of " + task + " could not be released; it runs out: "
                        + e.getMessage());
            }
        }));
        held.clear();
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;

import java.util.HashMap;
import java.util.Map;

/**
 * One {@link JobEventHub} per followed running job: made for its first follower, closed when its last follower
 * leaves or the job's end has been read. Attach and detach take one lock, so a hub is never closed under a
 * follower that just joined it.
 */
final class JobEventHubs {

    private final EventSources sources;
    private final WriteTurns turns;
    private final SharedPages pages;
    private final OutputBurst burst = new OutputBurst();
    private final Map<JobId, JobEventHub> hubs = new HashMap<>();
    private final Map<JobEventHub, Integer> members = new HashMap<>();

    JobEventHubs(EventSources sources) {
        this.sources = sources;
        this.turns = new WriteTurns(sources.settings().writers(), sources.settings().stuckAfter());
        this.pages = new SharedPages(sources.logs(), sources.settings().pageBytes(), sources.settings().queueBytes());
    }

    EventSources sources() {
        return sources;
    }

    /** The archive's pages that catching-up followers share. */
    SharedPages pages() {
        return pages;
    }

    /** The turns every follower of this server takes to read and write. */
    WriteTurns turns() {
        return turns;
    }

    /** Whether a followed step prints faster than its followers can be fed: they hold back meanwhile. */
    OutputBurst burst() {
        return burst;
    }

    /** The job's hub, started at {@code position} when it has none (the follower stands there, caught up). */
    synchronized JobEventHub attach(JobId id, long position) {
        JobEventHub hub = hubs.get(id);
        if (hub == null || hub.isClosed()) {
            JobEventHub made = new JobEventHub(id, position, sources, burst, () -> forget(id));
            hubs.put(id, made);
            made.start();
            hub = made;
        }
        members.merge(hub, 1, Integer::sum);
        return hub;
    }

    synchronized void detach(JobId id, JobEventHub hub, EventFollower follower) {
        hub.leave(follower);
        Integer left = members.merge(hub, -1, Integer::sum);
        if (left != null && left <= 0) {
            members.remove(hub);
            hubs.remove(id, hub);
            hub.close();
        }
    }

    /** How many hubs are open (one per followed running job, whatever the number of followers). */
    synchronized int open() {
        return hubs.size();
    }

    private synchronized void forget(JobId id) {
        JobEventHub hub = hubs.get(id);
        if (hub != null && hub.isClosed()) {
            hubs.remove(id);
        }
    }
}

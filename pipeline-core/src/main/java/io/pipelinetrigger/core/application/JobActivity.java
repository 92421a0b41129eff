package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.port.in.WatchJobQuery;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Who watches which job: told by the store's decorator of every saved change and by the archive's decorator of
 * every appended chunk. With no watcher a signal is one map lookup, so a step's output pump pays nothing for it.
 */
final class JobActivity implements WatchJobQuery {

    private static final System.Logger LOG = System.getLogger(JobActivity.class.getName());

    private final Map<JobId, List<Runnable>> watchers = new ConcurrentHashMap<>();

    @Override
    public Watch watch(JobId id, Runnable onChange) {
        watchers.computeIfAbsent(id, any -> new CopyOnWriteArrayList<>()).add(onChange);
        return () -> watchers.computeIfPresent(id, (key, list) -> {
            list.remove(onChange);
            return list.isEmpty() ? null : list;
        });
    }

    /** The jobs watched now. */
    Set<JobId> watched() {
        return Set.copyOf(watchers.keySet());
    }

    void changed(JobId id) {
        List<Runnable> watching = watchers.get(id);
        if (watching == null) {
            return;
        }
        for (Runnable watcher : watching) {
            try {
                watcher.run();
            } catch (RuntimeException e) {
                // a watcher's bug must not break the step whose output is being written
                LOG.log(Level.WARNING, "A watcher of job " + id + " failed", e);
            }
        }
    }
}

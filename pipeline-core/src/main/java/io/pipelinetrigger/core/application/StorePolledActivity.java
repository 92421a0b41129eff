package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.lang.System.Logger.Level;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The changes of jobs this server does not execute, seen in the shared store (docs/operations.md, "Replicas"):
 * another replica's writes signal nothing here, so each {@link #look()} reads the state and log size of every job
 * someone here follows (an event stream, a {@code wait}) and executes elsewhere, and tells the followers when it
 * moved, and the waiters when it ended. Jobs executed here are signalled by their own writes and skipped.
 */
final class StorePolledActivity {

    private static final System.Logger LOG = System.getLogger(StorePolledActivity.class.getName());

    /** What a follower sees change: the state, the steps, the size of the log. */
    private record Seen(JobStatus status, List<Step> steps, long logBytes) {
    }

    private final JobRepository repository;
    private final OutputArchive archive;
    private final JobActivity activity;
    private final JobEnds ends;
    private final LiveOutputs executedHere;
    private final Map<JobId, Seen> seen = new ConcurrentHashMap<>();
    private boolean failing;

    StorePolledActivity(JobRepository repository, OutputArchive archive, JobActivity activity, JobEnds ends,
                        LiveOutputs executedHere) {
        this.repository = repository;
        this.archive = archive;
        this.activity = activity;
        this.ends = ends;
        this.executedHere = executedHere;
    }

    /** One look at every followed job executed elsewhere; never throws (it runs on a timer). */
    void look() {
        Set<JobId> followed = new HashSet<>(activity.watched());
        followed.addAll(ends.awaited());
        seen.keySet().retainAll(followed);
        try {
            for (JobId id : followed) {
                if (executedHere.find(id).isPresent()) {
                    seen.remove(id);
                } else {
                    look(id);
                }
            }
            if (failing) {
                LOG.log(Level.INFO, "The store answers again; followers of jobs run elsewhere see them move again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "Cannot read the store for the jobs followed here and run elsewhere: "
                        + e.getMessage() + "; trying again");
                failing = true;
            }
        }
    }

    private void look(JobId id) {
        Optional<Job> found = repository.findById(id);
        if (found.isEmpty()) {
            seen.remove(id);
            activity.changed(id); // removed: its followers find out and end
            return;
        }
        Job job = found.get();
        long bytes = 0;
        for (StepName step : job.spec().pipeline().steps()) {
            bytes += archive.bytesKept(id, step);
        }
        Seen now = new Seen(job.status(), job.steps(), bytes);
        if (!now.equals(seen.put(id, now))) {
            activity.changed(id);
        }
        if (job.status().isTerminal()) {
            ends.endedElsewhere(job);
        }
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The poll views of the last jobs polled in a final state, written as JSON once: such a job never changes, so its
 * view does not either, and polling it again only copies the bytes out (docs/performance.md, "Polling a settled
 * job"). A view is used again only for the very job it was written from; at most {@link #LIMIT} are held, a new
 * one beyond that pushing out an arbitrary other.
 */
final class SettledViews {

    static final int LIMIT = 128;

    private final WireJson json;
    private final Map<Key, Written> views = new ConcurrentHashMap<>();

    SettledViews(WireJson json) {
        this.json = json;
    }

    /** The poll's view of {@code job}, with or without its output. */
    ResponseBody of(Job job, boolean withOutput) {
        if (!job.status().isTerminal()) {
            return view(job, withOutput);
        }
        Key key = new Key(job.id(), withOutput);
        Written known = views.get(key);
        if (known != null && (known.job() == job || known.job().equals(job))) {
            return known.body();
        }
        Written written = new Written(job, new WrittenJson(json.bytes(view(job, withOutput))));
        if (known == null && views.size() >= LIMIT) {
            Iterator<Key> any = views.keySet().iterator();
            if (any.hasNext()) {
                views.remove(any.next());
            }
        }
        views.put(key, written);
        return written.body();
    }

    private static JobResponse view(Job job, boolean withOutput) {
        return withOutput ? JobResponse.of(job) : JobResponse.withoutOutput(job);
    }

    private record Key(JobId id, boolean withOutput) {
    }

    private record Written(Job job, WrittenJson body) {
    }
}

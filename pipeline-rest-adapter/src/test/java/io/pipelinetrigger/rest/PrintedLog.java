package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.WatchJobQuery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The log of a running dbt job, for the event stream's tests: text printed into it nudges its watchers, as the
 * archive does for each chunk, and every page read of it is kept.
 */
final class PrintedLog implements ReadLogQuery, WatchJobQuery {

    static final JobId JOB = JobId.of("dbt-1710460800000-abc123");
    static final Job RUNNING = Job.accepted(JOB,
            new JobSpec(Pipeline.DBT, Optional.of(DbtCommand.DAILY), FeatureFlags.ALL_ENABLED),
            Instant.parse("2024-03-15T00:00:00Z"));

    private final List<Runnable> watchers = new CopyOnWriteArrayList<>();
    private final List<ReadLogCommand> reads = new CopyOnWriteArrayList<>();
    private final List<LogPage> pagesRead = new CopyOnWriteArrayList<>();
    private volatile String log = "";
    private volatile boolean ended;

    /** Hubs over this log, the job always {@link #RUNNING} as far as its view goes. */
    JobEventHubs hubs(EventSources.Settings settings) {
        return new JobEventHubs(new EventSources(this, id -> RUNNING, this, new WireJson(), settings));
    }

    void print(String text) {
        log += text;
        watchers.forEach(Runnable::run);
    }

    /** The job ended: a read that reaches the end of the log says there is no more. */
    void end() {
        ended = true;
        watchers.forEach(Runnable::run);
    }

    int size() {
        return log.length();
    }

    /** Whether a read began at {@code offset}. */
    boolean readAt(long offset) {
        return reads.stream().anyMatch(read -> read.offset() == offset);
    }

    /** Whether a read returned text beyond {@code offset}. */
    boolean readPast(long offset) {
        return pagesRead.stream().anyMatch(page -> page.nextOffset() > offset);
    }

    @Override
    public LogPage readLog(ReadLogCommand command) {
        reads.add(command);
        String text = log;
        int end = (int) Math.min(text.length(), command.offset() + command.limit());
        LogPage page = new LogPage(text.substring((int) command.offset(), end), end, !ended || end < text.length(),
                text.length());
        pagesRead.add(page);
        return page;
    }

    @Override
    public Watch watch(JobId id, Runnable onChange) {
        watchers.add(onChange);
        return () -> watchers.remove(onChange);
    }
}

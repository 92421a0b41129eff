package io.pipelinetrigger.app.run;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive;

/**
 * The store's archive on a data directory that still holds the files of the archive it replaces (a server that
 * switched to {@code PIPELINE_LOG_ARCHIVE=store}, e.g. by its upgrade on PostgreSQL): a step the store has nothing
 * of is read from its file, so the logs of earlier jobs stay readable until retention deletes them (from both); a
 * step that goes on after the switch (a reattached container) is first copied into the store, so its log keeps
 * every byte at the same offsets (docs/operations.md, "Replicas").
 */
final class ArchiveWithEarlierFiles implements OutputArchive {

    private final OutputArchive store;
    private final OutputArchive files;

    ArchiveWithEarlierFiles(OutputArchive store, OutputArchive files) {
        this.store = store;
        this.files = files;
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step) {
        return open(job, step, () -> { });
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step, Runnable readable) {
        StepOutputWriter writer = store.open(job, step, readable);
        if (store.bytesKept(job, step) == 0 && files.bytesKept(job, step) > 0) {
            files.replay(job, step, writer);
        }
        return writer;
    }

    @Override
    public long bytesKept(JobId job, StepName step) {
        long kept = store.bytesKept(job, step);
        return kept > 0 ? kept : files.bytesKept(job, step);
    }

    @Override
    public boolean replay(JobId job, StepName step, LogSink sink) {
        return store.replay(job, step, sink) || files.replay(job, step, sink);
    }

    @Override
    public byte[] read(JobId job, StepName step, long offset, int limit) {
        return store.bytesKept(job, step) > 0 ? store.read(job, step, offset, limit)
                : files.read(job, step, offset, limit);
    }

    @Override
    public void delete(JobId job) {
        store.delete(job);
        files.delete(job);
    }
}

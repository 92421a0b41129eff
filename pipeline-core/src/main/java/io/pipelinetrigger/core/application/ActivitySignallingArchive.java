package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive;

/**
 * The output archive as the job threads see it: each chunk, once readable (appended, or stored with its batch),
 * signals the job's watchers.
 */
final class ActivitySignallingArchive implements OutputArchive {

    private final OutputArchive archive;
    private final JobActivity activity;

    ActivitySignallingArchive(OutputArchive archive, JobActivity activity) {
        this.archive = archive;
        this.activity = activity;
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step) {
        return archive.open(job, step, () -> activity.changed(job));
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step, Runnable readable) {
        return archive.open(job, step, () -> {
            activity.changed(job);
            readable.run();
        });
    }

    @Override
    public long bytesKept(JobId job, StepName step) {
        return archive.bytesKept(job, step);
    }

    @Override
    public boolean replay(JobId job, StepName step, LogSink sink) {
        return archive.replay(job, step, sink);
    }

    @Override
    public byte[] read(JobId job, StepName step, long offset, int limit) {
        return archive.read(job, step, offset, limit);
    }

    @Override
    public void delete(JobId job) {
        archive.delete(job);
    }
}

package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;

/**
 * Keeps the whole output of every step (the job view keeps only a tail), so it survives the container's
 * removal; retention deletes it with the job.
 */
public interface OutputArchive {

    /** An archive that keeps nothing: the default for embedders who need only the tail. */
    OutputArchive NONE = new OutputArchive() {
        @Override
        public StepOutputWriter open(JobId job, StepName step) {
            return new StepOutputWriter() {
                @Override
                public void accept(io.pipelinetrigger.core.domain.LogChunk chunk) {
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public long bytesKept(JobId job, StepName step) {
            return 0;
        }

        @Override
        public boolean replay(JobId job, StepName step, LogSink sink) {
            return false;
        }

        @Override
        public byte[] read(JobId job, StepName step, long offset, int limit) {
            return new byte[0];
        }

        @Override
        public void delete(JobId job) {
        }
    };

    /** Opens the step's archive for appending (a reattached step goes on where it was). */
    StepOutputWriter open(JobId job, StepName step);

    /**
     * {@link #open(JobId, StepName)}, and {@code readable} runs each time appended bytes can be read: after each
     * chunk for an archive that writes each one through (the default), after each batch for one that batches, and
     * once when the writer closes. It must return at once and never throw.
     */
    default StepOutputWriter open(JobId job, StepName step, Runnable readable) {
        StepOutputWriter writer = open(job, step);
        return new StepOutputWriter() {
            @Override
            public void accept(io.pipelinetrigger.core.domain.LogChunk chunk) {
                writer.accept(chunk);
                readable.run();
            }

            @Override
            public void close() {
                writer.close();
                readable.run();
            }
        };
    }

    /** How many bytes of the step's output are kept: after a restart, what a replay of the step skips. */
    long bytesKept(JobId job, StepName step);

    /** Sends what is kept of the step's output into the sink, in order; false when nothing is kept. */
    boolean replay(JobId job, StepName step, LogSink sink);

    /**
     * Up to {@code limit} bytes of what is kept of the step's output, from byte {@code offset}: fewer at the end
     * of what is kept, none past it or when nothing is kept. Safe while the step's writer appends.
     */
    byte[] read(JobId job, StepName step, long offset, int limit);

    /** Removes everything kept for the job. */
    void delete(JobId job);

    /** Receives a step's output as it arrives; closed when the step has ended. */
    interface StepOutputWriter extends LogSink, AutoCloseable {
        @Override
        void close();
    }
}

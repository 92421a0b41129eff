package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.OutputArchive.StepOutputWriter;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;

/**
 * One step's output on its way into {@code job_log_chunks}: bytes wait in a buffer of one row's size, written as
 * a row when it fills (on the step's output pump, which then waits for the insert: memory stays bounded) or when
 * the archive's flusher comes by. A failed insert is logged once and the archive stops for this step: the job's
 * tail still gets everything, as with a full disk under the file archive.
 */
final class ChunkWriter extends OutputStream implements StepOutputWriter {

    private static final System.Logger LOG = System.getLogger(ChunkWriter.class.getName());

    private final JdbcOutputArchive archive;
    private final Transactions transactions;
    private final JobId job;
    private final StepName step;
    private final byte[] buffer;
    private final Runnable readable;
    private int filled;
    private long offset;
    private boolean broken;
    private boolean closed;

    ChunkWriter(JdbcOutputArchive archive, Transactions transactions, JobId job, StepName step, long offset, int rowBytes,
                Runnable readable) {
        this.archive = archive;
        this.transactions = transactions;
        this.job = job;
        this.step = step;
        this.offset = offset;
        this.buffer = new byte[rowBytes];
        this.readable = readable;
    }

    @Override
    public synchronized void accept(LogChunk chunk) {
        if (broken || closed) {
            return;
        }
        try {
            chunk.writeTo(this); // into the buffer, without another copy of the chunk
        } catch (IOException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    /** Called by {@link LogChunk#writeTo}: fills the buffer, writing a row each time it is full. */
    @Override
    public synchronized void write(byte[] bytes, int from, int length) {
        int at = from;
        int left = length;
        while (left > 0 && !broken) {
            int taken = Math.min(left, buffer.length - filled);
            System.arraycopy(bytes, at, buffer, filled, taken);
            filled += taken;
            at += taken;
            left -= taken;
            if (filled == buffer.length) {
                flush();
            }
        }
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** Writes what waits as one row; never throws (the flusher and the pump call it). */
    @Override
    public synchronized void flush() {
        if (filled == 0 || broken) {
            return;
        }
        try {
            long at = offset;
            int count = filled;
            transactions.write("archive the output of job " + job,
                    connection -> LogChunkRows.insert(connection, job, step, at, buffer, count));
            offset += count;
            filled = 0;
            readable.run();
        } catch (RuntimeException e) {
            broken = true;
            filled = 0;
            LOG.log(Level.WARNING, "job " + job + ": archiving the output of step " + step.wireName()
                    + " in the job store failed at byte " + offset + "; only the tail is kept from here", e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        flush();
        closed = true;
        archive.forget(this);
        readable.run();
    }
}

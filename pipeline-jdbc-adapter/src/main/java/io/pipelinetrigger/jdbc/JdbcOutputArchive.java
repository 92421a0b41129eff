package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;
import io.pipelinetrigger.core.port.out.OutputArchive;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Each step's whole output in the job store's {@code job_log_chunks} table (V10), so every replica on the
 * database reads the same log (docs/operations.md, "Replicas"). A step's output is batched in memory up to
 * {@code rowBytes} and written as one row when that fills, and at least every {@code flushEvery} while bytes
 * wait: a step printing a GiB makes a few thousand inserts, not millions, and holds at most one row's bytes
 * in memory; a follower on another replica sees output that late at most.
 */
final class JdbcOutputArchive implements OutputArchive, AutoCloseable {

    /** Rows of 256 KiB; written at least every 250 ms while output waits. */
    static final Settings DEFAULT_SETTINGS = new Settings(256 * 1024, Duration.ofMillis(250));
    private static final int REPLAY_PAGE_BYTES = 1024 * 1024;

    /** How output is batched into rows. */
    record Settings(int rowBytes, Duration flushEvery) {
        Settings {
            Objects.requireNonNull(flushEvery, "flushEvery");
            if (rowBytes < 1 || flushEvery.isNegative() || flushEvery.isZero()) {
                throw new IllegalArgumentException("bad log row settings: " + rowBytes + " bytes, every " + flushEvery);
            }
        }
    }

    private final Transactions transactions;
    private final Settings settings;
    private final Set<ChunkWriter> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;

    JdbcOutputArchive(Transactions transactions, Settings settings) {
        this.transactions = transactions;
        this.settings = settings;
        this.flusher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "pipeline-log-flusher");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.flushEvery().toNanos();
        flusher.scheduleWithFixedDelay(this::flushWaiting, every, every, TimeUnit.NANOSECONDS);
    }

    @Override
    public StepOutputWriter open(JobId job, StepName step) {
        return open(job, step, () -> { });
    }

    /** {@code readable} runs after each row is written: then, not at each chunk, a reader finds new bytes. */
    @Override
    public StepOutputWriter open(JobId job, StepName step, Runnable readable) {
        ChunkWriter writer = new ChunkWriter(this, transactions, job, step, bytesKept(job, step), settings.rowBytes(),
                readable);
        open.add(writer);
        return writer;
    }

    @Override
    public long bytesKept(JobId job, StepName step) {
        return transactions.read("read the log size of job " + job, connection -> LogChunkRows.end(connection, job, step));
    }

    @Override
    public boolean replay(JobId job, StepName step, LogSink sink) {
        long offset = 0;
        byte[] page = read(job, step, offset, REPLAY_PAGE_BYTES);
        if (page.length == 0) {
            return false;
        }
        while (page.length > 0) {
            sink.accept(new LogChunk(step, LogStream.STDOUT, page));
            offset += page.length;
            page = read(job, step, offset, REPLAY_PAGE_BYTES);
        }
        return true;
    }

    @Override
    public byte[] read(JobId job, StepName step, long offset, int limit) {
        if (offset < 0 || limit <= 0) {
            return new byte[0];
        }
        return transactions.read("read the log of job " + job,
                connection -> LogChunkRows.read(connection, job, step, offset, limit));
    }

    @Override
    public void delete(JobId job) {
        transactions.write("delete the log of job " + job, connection -> LogChunkRows.delete(connection, job));
    }

    /** Writes what waits and stops the flusher; the writers still open write their rest when closed. */
    @Override
    public void close() {
        flusher.shutdown();
        flushWaiting();
    }

    void forget(ChunkWriter writer) {
        open.remove(writer);
    }

    private void flushWaiting() {
        for (ChunkWriter writer : open) {
            writer.flush();
        }
    }
}

package io.pipelinetrigger.kubernetes;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Copies a step container's log into the sink while it runs, on a thread of its own. A stream that ends while the
 * container still runs was dropped (an API server restart, a proxy's idle timeout): it is opened again from the last
 * line's timestamp ({@link LogCursor}), so nothing is repeated or lost. Only the read that began after the container
 * had ended is taken as complete. Kubernetes serves stdout and stderr as one stream, so all of it arrives as stdout.
 */
final class PodLogFollower {

    private static final System.Logger LOG = System.getLogger(PodLogFollower.class.getName());
    /** A line longer than this (the kubelet splits lines at 16 KiB anyway) is handed on in pieces. */
    private static final int MAX_LINE = 1024 * 1024;
    /** After the container ended, a log that cannot be read this often in a row is given up. */
    private static final int MAX_FAILED_FINAL_READS = 5;

    interface Source {
        /** A stream that ends when the container has ended (or when the connection drops); closing it ends it. */
        InputStream open(Optional<String> sinceTime);
    }

    private final JobId jobId;
    private final StepName step;
    private final LogSink sink;
    private final Source source;
    private final Duration reconnectDelay;
    private final Runnable streamEnded;
    private final LogCursor cursor = new LogCursor();
    private final CountDownLatch ended = new CountDownLatch(1);
    private final CountDownLatch containerEnded = new CountDownLatch(1);
    private final AtomicLong linesSeen = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;
    private volatile InputStream current;
    private volatile int reconnects;
    private boolean sinkFailureLogged;

    PodLogFollower(JobId jobId, StepName step, String podName, LogSink sink, Source source, Duration reconnectDelay,
                   Runnable streamEnded) {
        this.streamEnded = streamEnded;
        this.jobId = jobId;
        this.step = step;
        this.sink = sink;
        this.source = source;
        this.reconnectDelay = reconnectDelay;
        this.thread = new Thread(this::follow, "pipeline-log-" + podName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** The container has ended: the next stream opened is read to its end and is the last. */
    void containerEnded() {
        containerEnded.countDown();
    }

    /**
     * Waits until the whole log has been read, for as long as lines keep coming; gives up once nothing arrives
     * for {@code idleLimit}. Returns at once if it was never started.
     */
    boolean awaitEnd(Duration idleLimit) throws InterruptedException {
        if (thread.getState() == Thread.State.NEW) {
            return true;
        }
        long seen = linesSeen.get();
        while (!ended.await(idleLimit.toMillis(), TimeUnit.MILLISECONDS)) {
            long now = linesSeen.get();
            if (now == seen) {
                return false;
            }
            seen = now;
        }
        return true;
    }

    int reconnects() {
        return reconnects;
    }

    void close() {
        closed = true;
        InputStream stream = current;
        if (stream != null) {
            try {
                stream.close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "job " + jobId + ": closing the log stream failed: " + e);
            }
        }
        thread.interrupt();
    }

    private void follow() {
        try {
            int failedFinalReads = 0;
            while (!closed) {
                boolean lastRead = containerEnded.getCount() == 0;
                Optional<Exception> failure = readOnce(lastRead);
                if (lastRead && failure.isEmpty()) {
                    return;
                }
                if (lastRead && ++failedFinalReads >= MAX_FAILED_FINAL_READS) {
                    LOG.log(System.Logger.Level.WARNING, "job " + jobId + ": gave up reading the rest of the log of step "
                            + step.wireName() + " after it ended; its output may be incomplete (" + failure.get().getMessage() + ")");
                    return;
                }
                if (closed) {
                    return;
                }
                reconnects++;
                streamEnded.run();
                LOG.log(System.Logger.Level.DEBUG, "job " + jobId + ": log stream of step " + step.wireName()
                        + " ended while it runs" + failure.map(e -> " (" + e.getMessage() + ")").orElse("")
                        + "; reopening from " + cursor);
                containerEnded.await(reconnectDelay.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ended.countDown();
        }
    }

    /** One stream, read to its end; a line cut off by a dropped stream is read again from the next one. */
    private Optional<Exception> readOnce(boolean lastRead) {
        cursor.beginRead();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try (InputStream in = source.open(cursor.sinceTime())) {
            current = in;
            if (closed) {
                return Optional.empty();
            }
            byte[] buffer = new byte[8192];
            for (int read; (read = in.read(buffer)) >= 0; ) {
                for (int i = 0; i < read; i++) {
                    line.write(buffer[i]);
                    if (buffer[i] == '\n' || line.size() >= MAX_LINE) {
                        deliver(line.toByteArray());
                        line.reset();
                    }
                }
            }
            if (lastRead && line.size() > 0) {
                deliver(line.toByteArray()); // the step's last output had no newline
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(e);
        } finally {
            current = null;
        }
    }

    /** Strips the timestamp the API put before the line and hands the line on, unless an earlier stream delivered it. */
    private void deliver(byte[] stamped) {
        int space = indexOf(stamped, (byte) ' ');
        Optional<Instant> timestamp = space < 0 ? Optional.empty()
                : LogCursor.timestampOf(new String(stamped, 0, space, StandardCharsets.US_ASCII));
        if (timestamp.isPresent() && !cursor.isNew(timestamp.get())) {
            return;
        }
        int from = timestamp.isPresent() ? space + 1 : 0;
        linesSeen.incrementAndGet();
        if (from >= stamped.length) {
            return;
        }
        try {
            sink.accept(new LogChunk(step, LogStream.STDOUT, stamped, from, stamped.length - from));
        } catch (RuntimeException e) {
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                LOG.log(System.Logger.Level.ERROR, "job " + jobId + ": the output sink of step " + step.wireName()
                        + " failed; later output of this step may be missing", e);
            }
        }
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < Math.min(bytes.length, 64); i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

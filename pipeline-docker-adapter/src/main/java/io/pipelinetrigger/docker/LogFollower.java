package io.pipelinetrigger.docker;

import com.github.dockerjava.api.model.Frame;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.LogSink;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each frame of a container's log stream to the sink as raw bytes, on docker-java's reading thread.
 * Nothing is decoded or kept here: the sink (core's bounded output tail) decodes UTF-8 once, so a character
 * split across frames stays whole, and memory stays flat however much the step prints.
 */
final class LogFollower extends EngineStream<Frame> {

    private static final System.Logger LOG = System.getLogger(LogFollower.class.getName());
    private static final int STDERR_START_BYTES = 512;

    private final JobId jobId;
    private final StepName step;
    private final LogSink sink;
    /** Bytes a reopened stream replays that an earlier stream of the same container handed on already. */
    private final long alreadyHandedOn;
    private final AtomicLong bytesSeen = new AtomicLong();
    /** The first bytes the step wrote to stderr, where the init process reports a program it could not run. */
    private final byte[] stderrStart = new byte[STDERR_START_BYTES];
    private volatile int stderrStartLength;
    private boolean sinkFailureLogged;

    LogFollower(JobId jobId, StepName step, LogSink sink) {
        this(jobId, step, sink, 0);
    }

    private LogFollower(JobId jobId, StepName step, LogSink sink, long alreadyHandedOn) {
        this.jobId = jobId;
        this.step = step;
        this.sink = sink;
        this.alreadyHandedOn = alreadyHandedOn;
    }

    /**
     * A follower for a stream opened again on the same container after this one ended early: the engine replays
     * the log from its start, in the order this one saw it, so the bytes this one handed on are skipped.
     */
    LogFollower continued() {
        LogFollower next = new LogFollower(jobId, step, sink, handedOnUpTo());
        System.arraycopy(stderrStart, 0, next.stderrStart, 0, stderrStartLength);
        next.stderrStartLength = stderrStartLength;
        return next;
    }

    @Override
    public void onNext(Frame frame) {
        LogStream target = switch (frame.getStreamType()) {
            case STDOUT, RAW -> LogStream.STDOUT;
            case STDERR -> LogStream.STDERR;
            case STDIN -> null;
        };
        byte[] payload = frame.getPayload();
        if (target == null || payload == null || payload.length == 0) {
            return;
        }
        long before = bytesSeen.getAndAdd(payload.length);
        if (before + payload.length <= alreadyHandedOn) {
            return; // replayed: handed on by the stream before this one
        }
        if (before < alreadyHandedOn) {
            payload = Arrays.copyOfRange(payload, (int) (alreadyHandedOn - before), payload.length);
        }
        if (target == LogStream.STDERR && stderrStartLength < STDERR_START_BYTES) {
            int length = Math.min(payload.length, STDERR_START_BYTES - stderrStartLength);
            System.arraycopy(payload, 0, stderrStart, stderrStartLength, length);
            stderrStartLength += length;
        }
        try {
            // docker-java reuses the payload buffer for the next frame: LogChunk copies it now, on this thread
            sink.accept(new LogChunk(step, target, payload));
        } catch (RuntimeException e) {
            if (!sinkFailureLogged) {
                sinkFailureLogged = true;
                LOG.log(System.Logger.Level.ERROR, "job " + jobId + ": the output sink of step " + step.wireName()
                        + " failed; later output of this step may be missing", e);
            }
        }
    }

    /**
     * Waits until the stream has ended, for as long as output keeps coming: the container may have exited
     * long before all of a large output was read. Gives up once the stream stays silent for {@code idleLimit}.
     *
     * @return whether the stream ended
     */
    boolean awaitEnd(Duration idleLimit) throws InterruptedException {
        long seen = bytesSeen.get();
        while (!awaitEnded(idleLimit)) {
            long now = bytesSeen.get();
            if (now == seen) {
                return false;
            }
            seen = now;
        }
        return true;
    }

    /** The first line the step wrote to stderr (at most 512 bytes of it); empty when it wrote none. */
    String firstStderrLine() {
        String start = new String(stderrStart, 0, stderrStartLength, StandardCharsets.UTF_8);
        int newline = start.indexOf('\n');
        return newline < 0 ? start : start.substring(0, newline);
    }

    long bytesSeen() {
        return bytesSeen.get();
    }

    /** How far into the container's log the sink has been handed bytes, by this stream or the ones before it. */
    long handedOnUpTo() {
        return Math.max(bytesSeen(), alreadyHandedOn);
    }

}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepStatus;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client of {@code GET .../events}, on its own thread, writing to its own connection (docs/architecture.md,
 * "The event stream"). It reads the archive itself (pages it shares with other followers doing the same) until it
 * stands where the job's hub stands, then takes the hub's frames from a queue bounded in bytes; when the queue
 * would overflow it goes back to reading the archive, so a slow client costs memory for its queue at most and never
 * holds anyone up. Each read and each write takes one of the server's write turns. A client that stops reading
 * altogether blocks only this thread, until the server's write timeout closes its connection.
 */
final class EventFollower {

    private static final System.Logger LOG = System.getLogger(EventFollower.class.getName());
    private static final SseFrame WAKE = SseFrame.comment("wake");
    /** How many pages (or queued frames) a follower writes in one turn before it lets the next one write. */
    private static final int PAGES_PER_TURN = 4;

    private final JobId id;
    private final JobEventHubs hubs;
    private final EventSources sources;
    private final LinkedBlockingQueue<SseFrame> queue = new LinkedBlockingQueue<>();
    private final Map<String, StepResponse> seen = new HashMap<>();
    private final SseFrame behindNotice;
    private long position;
    private long queuedBytes;
    private boolean offFeed;
    private long lastWrite = System.nanoTime();
    private Optional<JobEventHub> hub = Optional.empty();

    private OutputStream out = OutputStream.nullOutputStream();

    EventFollower(JobId id, long offset, JobEventHubs hubs) {
        this.id = Objects.requireNonNull(id, "id");
        this.position = offset;
        this.hubs = hubs;
        this.sources = hubs.sources();
        this.behindNotice = SseFrame.comment("more than " + sources.settings().queueBytes()
                + " bytes behind the live log: reading on from the archive");
    }

    /** Writes the stream to {@code connection} until the end, the client goes away or the job is removed. */
    void stream(OutputStream connection) {
        this.out = connection;
        try {
            write(SseFrame.opening());
            writeSteps(sources.jobs().getJob(id));
            follow();
        } catch (IOException | IllegalStateException gone) {
            // the client left, or read nothing for the server's write timeout and was dropped (docs/api.md)
            LOG.log(Level.INFO, "Job " + id + ": a follower went away at byte " + position + " (" + reason(gone) + ")");
        } catch (JobNotFoundException removed) {
            LOG.log(Level.INFO, "Job " + id + " was removed while followed");
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Following job " + id + " failed at byte " + position, e);
        } finally {
            hub.ifPresent(joined -> hubs.detach(id, joined, this));
        }
    }

    private static String reason(Exception gone) {
        Throwable cause = gone;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }

    /** Called by the hub under its lock; false when this follower has fallen off the feed. */
    synchronized boolean offer(SseFrame frame) {
        if (offFeed) {
            return false;
        }
        if (queuedBytes + frame.bytes().length > sources.settings().queueBytes()) {
            offFeed = true;
            queue.clear();
            queuedBytes = 0;
            queue.offer(WAKE);
            return false;
        }
        queuedBytes += frame.bytes().length;
        queue.offer(frame);
        return true;
    }

    /** The hub closed without an end (its reader failed): read on from the archive, then join a new hub. */
    synchronized void feedEnded() {
        offFeed = true;
        queue.offer(WAKE);
    }

    /** Whether the client has yet to see this step frame's state (asked by the hub at join, under its lock). */
    boolean hasNotSeen(SseFrame stepFrame) {
        return stepFrame.step().filter(view -> !view.equals(seenView(view))).isPresent();
    }

    private synchronized StepResponse seenView(StepResponse view) {
        return seen.get(view.name());
    }

    private void follow() throws IOException, InterruptedException {
        while (true) {
            if (catchUp(Long.MAX_VALUE)) {
                return;
            }
            if (hub.isPresent() && hub.get().isClosed()) {
                hubs.detach(id, hub.get(), this);
                hub = Optional.empty();
            }
            if (hub.isEmpty()) {
                hub = Optional.of(hubs.attach(id, position));
            }
            synchronized (this) {
                queue.clear();
                queuedBytes = 0;
                offFeed = false;
            }
            JobEventHub.Join join = hub.get().join(this, position);
            if (join.joined()) {
                if (drainFeed()) {
                    return;
                }
            } else if (position < join.position()) {
                if (catchUp(join.position())) {
                    return;
                }
            } else {
                hub.get().awaitMove(1000);
                heartbeatIfDue();
            }
        }
    }

    /**
     * Reads the archive on its own up to {@code until} (or, with {@code Long.MAX_VALUE}, up to where it has
     * nothing safe to show yet); true when the job's end has been written.
     */
    private boolean catchUp(long until) throws IOException, InterruptedException {
        while (position < until) {
            holdBackDuringBurst();
            long from = position;
            SharedPages.Page page;
            // reading and cleaning a page is most of a catching-up follower's work: it takes a turn as the write does
            try (WriteTurns.Turn turn = hubs.turns().take()) {
                page = readAndWrite(until);
                for (int pages = 1; pages < PAGES_PER_TURN && page.more() && position > from && position < until;
                     pages++) {
                    from = position;
                    page = readAndWrite(until);
                }
            }
            if (!page.more()) {
                Job ended = sources.jobs().getJob(id);
                writeSteps(ended);
                write(SseFrame.end(ended, sources.json()));
                return true;
            }
            if (page.nextOffset() == from) {
                if (until == Long.MAX_VALUE) {
                    return false;
                }
                hub.orElseThrow().awaitMove(1000);
                heartbeatIfDue();
            }
        }
        return false;
    }

    private SharedPages.Page readAndWrite(long until) throws IOException {
        SharedPages.Page page = hubs.pages().read(id, position, until);
        if (page.frame().isPresent()) {
            writeNow(page.frame().get());
        }
        return page;
    }

    /** Writes the hub's frames; true after the end, false when it fell off the feed. */
    private boolean drainFeed() throws IOException, InterruptedException {
        long heartbeat = sources.settings().heartbeat().toMillis();
        while (true) {
            SseFrame frame = queue.poll(heartbeat, TimeUnit.MILLISECONDS);
            if (frame == null) {
                write(SseFrame.HEARTBEAT);
                continue;
            }
            holdBackDuringBurst();
            // what is queued goes out in one turn, up to a few pages: a turn per frame would be a hand-over per frame
            try (WriteTurns.Turn turn = hubs.turns().take()) {
                for (int frames = 1; frame != null; frames++) {
                    boolean behind;
                    synchronized (this) {
                        queuedBytes -= frame == WAKE ? 0 : frame.bytes().length;
                        behind = offFeed;
                    }
                    if (behind) {
                        writeNow(behindNotice);
                        return false;
                    }
                    writeNow(frame);
                    if (frame.kind() == SseFrame.Kind.END) {
                        return true;
                    }
                    frame = frames < PAGES_PER_TURN ? queue.poll() : null;
                }
            }
        }
    }

    /** While a followed step prints faster than it can be followed, only heartbeats go out (see OutputBurst). */
    private void holdBackDuringBurst() throws IOException, InterruptedException {
        while (!hubs.burst().awaitOver(sources.settings().heartbeat().toMillis())) {
            write(SseFrame.HEARTBEAT);
        }
    }

    private void writeSteps(Job job) throws IOException, InterruptedException {
        for (Step step : job.steps()) {
            SseFrame frame = SseFrame.step(step, sources.json());
            if (step.status() != StepStatus.PENDING && hasNotSeen(frame)) {
                write(frame);
            }
        }
    }

    private void heartbeatIfDue() throws IOException, InterruptedException {
        if (System.nanoTime() - lastWrite >= sources.settings().heartbeat().toNanos()) {
            write(SseFrame.HEARTBEAT);
        }
    }

    private void write(SseFrame frame) throws IOException, InterruptedException {
        try (WriteTurns.Turn turn = hubs.turns().take()) {
            writeNow(frame);
        }
    }

    private void writeNow(SseFrame frame) throws IOException {
        out.write(frame.bytes());
        // through Jersey's buffer and Grizzly's to the socket: an event is never held back for the next one
        out.flush();
        lastWrite = System.nanoTime();
        if (frame.kind() == SseFrame.Kind.LOG) {
            position = frame.nextOffset();
        }
        frame.step().ifPresent(view -> {
            synchronized (this) {
                seen.put(view.name(), view);
            }
        });
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.domain.StepStatus;
import io.pipelinetrigger.core.port.in.ReadLogCommand;
import io.pipelinetrigger.core.port.in.WatchJobQuery;

import java.lang.System.Logger.Level;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one reader of a running job's log for all its followers (docs/architecture.md, "The event stream"): one
 * thread reads each new page of the archive once, cleans it once, frames it once, and hands the same frame to
 * every follower that has caught up with it. A follower whose queue is full leaves the feed and reads the
 * archive at its own pace, so neither the step nor the other followers ever wait for it.
 */
final class JobEventHub {

    private static final System.Logger LOG = System.getLogger(JobEventHub.class.getName());
    /** How long the reader waits for a nudge before it looks anyway (a watch that missed a change). */
    private static final long LOOK_ANYWAY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Pages the reader may lag behind a growing log before it declares a burst ({@link OutputBurst}). */
    private static final int BURST_BEHIND_PAGES = 16;
    /** How long the reader waits after a nudge, before it reads what is new. */
    private static final long GATHER_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** How often the reader looks at the log's size during a burst. */
    private static final long BURST_LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    /** What a follower learns when it tries to join. */
    record Join(boolean joined, long position) {
    }

    private final JobId id;
    private final EventSources sources;
    private final OutputBurst burst;
    private final Runnable onClosed;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private final AtomicBoolean nudged = new AtomicBoolean();
    /** Set while the reader is parked in {@link #awaitNudge()}: the only wait a nudge ends. */
    private volatile boolean awaitingNudge;
    private final Set<EventFollower> live = new LinkedHashSet<>();
    private final Map<StepName, StepResponse> steps = new EnumMap<>(StepName.class);
    private final Map<StepName, SseFrame> stepFrames = new EnumMap<>(StepName.class);
    private final Thread reader;
    private long position;
    private Optional<SseFrame> end = Optional.empty();
    private volatile boolean closed;

    JobEventHub(JobId id, long position, EventSources sources, OutputBurst burst, Runnable onClosed) {
        this.id = id;
        this.position = position;
        this.sources = sources;
        this.burst = burst;
        this.onClosed = onClosed;
        this.reader = new Thread(this::read, "pipeline-events-" + id.value());
        this.reader.setDaemon(true);
    }

    void start() {
        reader.start();
    }

    /** The follower joins the feed when it stands exactly where the reader stands; else it learns where that is. */
    Join join(EventFollower follower, long at) {
        lock.lock();
        try {
            if (at != position || (closed && end.isEmpty())) {
                return new Join(false, position);
            }
            stepFrames.values().stream().filter(follower::hasNotSeen).forEach(follower::offer);
            if (end.isPresent()) {
                follower.offer(end.get());
            } else {
                live.add(follower);
            }
            return new Join(true, position);
        } finally {
            lock.unlock();
        }
    }

    void leave(EventFollower follower) {
        lock.lock();
        try {
            live.remove(follower);
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code millis} for the reader to move on (or end). */
    void awaitMove(long millis) throws InterruptedException {
        lock.lock();
        try {
            if (!closed) {
                moved.await(millis, TimeUnit.MILLISECONDS);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Where the reader stands: the end of the last page it handed to the followers. */
    long position() {
        lock.lock();
        try {
            return position;
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        return closed;
    }

    /** Stops the reader (its last follower left). */
    void close() {
        closed = true;
        LockSupport.unpark(reader);
    }

    private void read() {
        try (WatchJobQuery.Watch watch = sources.watches().watch(id, this::nudge)) {
            long nextStepLook = 0;
            long logBytes = position; // the log's size at the last look
            while (!closed) {
                long from = position;
                LogPage page = sources.logs().readLog(new ReadLogCommand(id, Optional.empty(), from,
                        sources.settings().pageBytes()));
                boolean movedOn = page.nextOffset() > from;
                // checked before the page goes out: the first page of a burst already waits for its end
                if (page.logBytes() - page.nextOffset() > (long) BURST_BEHIND_PAGES * sources.settings().pageBytes()
                        && page.logBytes() - logBytes >= sources.settings().pageBytes()) {
                    logBytes = waitOutBurst(page.logBytes());
                } else {
                    logBytes = page.logBytes();
                }
                if (movedOn) {
                    publish(SseFrame.log(page), page.nextOffset());
                }
                if (!page.more()) {
                    finish(sources.jobs().getJob(id));
                    return;
                }
                if (!movedOn || System.nanoTime() - nextStepLook > 0) {
                    publishSteps(sources.jobs().getJob(id));
                    nextStepLook = System.nanoTime() + LOOK_ANYWAY_NANOS;
                }
                if (!movedOn) {
                    awaitNudge();
                    // the step prints on a little before the next read: one that has just begun to print fast is
                    // found far ahead by that read, and its burst begins before a page of it goes out
                    sleepThroughNudges(GATHER_NANOS);
                }
            }
        } catch (JobNotFoundException gone) {
            LOG.log(Level.INFO, "Job " + id + " was removed while followed; its event streams end");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Reading the log of job " + id + " for its followers failed", e);
        } finally {
            closeFeed();
        }
    }

    /**
     * The step has printed more than {@link #BURST_BEHIND_PAGES} pages beyond what this reader has read, and goes
     * on printing (a page or more since the last read): it prints faster than its followers can be fed, so they
     * all hold back ({@link OutputBurst}) until the log grows by less than a page between two looks (or the job
     * ends), and are then fed from here at full speed. Returns the log's size at the last look.
     */
    private long waitOutBurst(long logBytes) {
        burst.begin();
        try {
            long seen = logBytes;
            while (!closed) {
                sleepThroughNudges(BURST_LOOK_NANOS);
                LogPage look = sources.logs().readLog(new ReadLogCommand(id, Optional.empty(), position, 1));
                boolean slowed = look.logBytes() - seen < sources.settings().pageBytes();
                seen = look.logBytes();
                if (!look.more() || slowed) {
                    break;
                }
            }
            return seen;
        } finally {
            burst.end();
        }
    }

    /** Parks for {@code nanos}, or until closed: nudges meanwhile leave it parked ({@link #nudge()}). */
    private void sleepThroughNudges(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0 && !closed; left = until - System.nanoTime()) {
            LockSupport.parkNanos(this, left);
        }
    }

    /** Parks until nudged, or for a second (a watch that missed a change), unless a nudge came meanwhile. */
    private void awaitNudge() {
        awaitingNudge = true;
        try {
            if (!nudged.getAndSet(false)) {
                LockSupport.parkNanos(this, LOOK_ANYWAY_NANOS);
            }
        } finally {
            awaitingNudge = false;
        }
    }

    /**
     * Called by the step's output pump for every chunk: it wakes the reader only when the reader waits for it, as a
     * wake-up per chunk of a step printing fast would be thousands of them (docs/architecture.md, "The event stream").
     */
    private void nudge() {
        nudged.set(true);
        if (awaitingNudge) {
            LockSupport.unpark(reader);
        }
    }

    private void publish(SseFrame frame, long next) {
        lock.lock();
        try {
            position = next;
            live.removeIf(follower -> !follower.offer(frame));
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void publishSteps(Job job) {
        lock.lock();
        try {
            for (Step step : job.steps()) {
                StepResponse view = StepResponse.of(step);
                if (step.status() != StepStatus.PENDING && !view.equals(steps.get(step.name()))) {
                    SseFrame frame = SseFrame.step(step, sources.json());
                    steps.put(step.name(), view);
                    stepFrames.put(step.name(), frame);
                    live.removeIf(follower -> !follower.offer(frame));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private void finish(Job job) {
        publishSteps(job);
        SseFrame frame = SseFrame.end(job, sources.json());
        lock.lock();
        try {
            end = Optional.of(frame);
            live.forEach(follower -> follower.offer(frame));
            live.clear();
        } finally {
            lock.unlock();
        }
    }

    private void closeFeed() {
        lock.lock();
        try {
            closed = true;
            live.forEach(EventFollower::feedEnded);
            live.clear();
            moved.signalAll();
        } finally {
            lock.unlock();
        }
        onClosed.run();
    }
}

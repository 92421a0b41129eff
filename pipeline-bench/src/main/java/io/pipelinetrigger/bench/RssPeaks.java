package io.pipelinetrigger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process's RSS ({@code VmRSS}) every 100 ms while run on its own thread, and its peak since the start of a round:
 * {@link EventStreamBenchmark}'s memory figure for each followed round.
 */
final class RssPeaks implements Runnable {

    private final long pid;
    private final AtomicLong peak = new AtomicLong();
    private volatile long roundStart;

    RssPeaks(long pid) {
        this.pid = pid;
    }

    /** Starts a round at the RSS of now; returns it. */
    long startRound() {
        roundStart = rssKiB(pid);
        peak.set(roundStart);
        return roundStart;
    }

    /** The most the RSS grew since the round's start, in MiB (with a look now). */
    long growthMiB() {
        sample();
        return (peak.get() - roundStart) / 1024;
    }

    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sample() {
        peak.accumulateAndGet(rssKiB(pid), Math::max);
    }

    private static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }
}

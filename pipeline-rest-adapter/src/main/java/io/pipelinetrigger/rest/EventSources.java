package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.WatchJobQuery;

import java.time.Duration;
import java.util.Objects;

/** What the event stream reads from, and its bounds (docs/architecture.md, "The event stream"). */
record EventSources(ReadLogQuery logs, GetJobQuery jobs, WatchJobQuery watches, WireJson json, Settings settings) {

    EventSources {
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(watches, "watches");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(settings, "settings");
    }

    /**
     * @param pageBytes  the most one {@code log} event carries
     * @param queueBytes how far a follower may fall behind the feed before it reads the archive on its own
     * @param heartbeat  the longest a stream stays silent: a comment line is sent after that long
     * @param writers    how many followers read and write at the same moment ({@link WriteTurns})
     * @param stuckAfter how long a follower blocked in one write holds its turn before it stops counting
     */
    record Settings(int pageBytes, long queueBytes, Duration heartbeat, int writers, Duration stuckAfter) {

        /**
         * 64 KiB events, 8 MiB behind at most, a comment after 10 s of silence (under the 15 s docs/api.md promise),
         * one writer per core, a write blocked for a second no longer holds its turn.
         */
        static final Settings DEFAULT = new Settings(64 * 1024, 8L * 1024 * 1024, Duration.ofSeconds(10),
                Runtime.getRuntime().availableProcessors(), Duration.ofSeconds(1));

        Settings {
            Objects.requireNonNull(heartbeat, "heartbeat");
            Objects.requireNonNull(stuckAfter, "stuckAfter");
            if (pageBytes < 16 || queueBytes < pageBytes || heartbeat.isNegative() || heartbeat.isZero()
                    || writers < 1 || stuckAfter.isNegative() || stuckAfter.isZero()) {
                throw new IllegalArgumentException("bad event stream settings: page " + pageBytes + ", queue "
                        + queueBytes + ", heartbeat " + heartbeat + ", writers " + writers + ", stuck after "
                        + stuckAfter);
            }
        }

        Settings withHeartbeat(Duration every) {
            return new Settings(pageBytes, queueBytes, every, writers, stuckAfter);
        }

        Settings withQueueBytes(long bytes) {
            return new Settings(pageBytes, bytes, heartbeat, writers, stuckAfter);
        }

        Settings withWriters(int turns, Duration stuck) {
            return new Settings(pageBytes, queueBytes, heartbeat, turns, stuck);
        }
    }
}

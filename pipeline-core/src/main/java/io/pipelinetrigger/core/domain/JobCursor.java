package io.pipelinetrigger.core.domain;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * A place in the history, newest first: the list goes on with the jobs after this one. It names a job's creation
 * time and id rather than a position, so jobs created meanwhile do not shift the next page (docs/api.md, "List
 * the jobs"). On the wire it is opaque: {@link #encoded()} and {@link #decode(String)}.
 */
public record JobCursor(Instant createdAt, JobId id) {

    /** Newest first; of two jobs created at the same instant, the greater id first. */
    public static final Comparator<Job> NEWEST_FIRST =
            Comparator.comparing(Job::createdAt).thenComparing(j -> j.id().value()).reversed();

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    public JobCursor {
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(id, "id");
    }

    public static JobCursor of(Job job) {
        return new JobCursor(job.createdAt(), job.id());
    }

    /** True when {@code job} comes after this place in the newest-first order. */
    public boolean precedes(Job job) {
        int byTime = job.createdAt().compareTo(createdAt);
        return byTime < 0 || (byTime == 0 && job.id().value().compareTo(id.value()) < 0);
    }

    public String encoded() {
        return ENCODER.encodeToString((createdAt + "|" + id.value()).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor this text encodes; empty for anything {@link #encoded()} did not produce. */
    public static Optional<JobCursor> decode(String text) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            int bar = plain.indexOf('|');
            if (bar < 0) {
                return Optional.empty();
            }
            return Optional.of(new JobCursor(Instant.parse(plain.substring(0, bar)), JobId.of(plain.substring(bar + 1))));
        } catch (IllegalArgumentException | DateTimeException | InvalidRequestException notOurs) {
            return Optional.empty();
        }
    }
}

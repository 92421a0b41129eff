package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobCursor;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Quoting;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The query parameters of the list (docs/api.md, "List the jobs"): {@code status}, {@code pipeline},
 * {@code outcome}, {@code since}, {@code limit}, {@code before} and {@code output}, each a 400 naming it when
 * wrong. None given is the plain list: the newest {@value JobFilter#DEFAULT_LIMIT} jobs with their output.
 */
final class JobListParameters {

    static final String STATUS = "status";
    static final String PIPELINE = "pipeline";
    static final String OUTCOME = "outcome";
    static final String SINCE = "since";
    static final String LIMIT = "limit";
    static final String BEFORE = "before";

    private JobListParameters() {
    }

    static JobFilter filterOf(QueryParameters parameters) {
        Optional<JobStatus> status = parameters.text(STATUS).map(text -> named(STATUS, text, JobStatus.values(),
                JobStatus::wireName));
        Optional<Pipeline> pipeline = parameters.text(PIPELINE).map(text -> named(PIPELINE, text, Pipeline.values(),
                Pipeline::wireName));
        Optional<Outcome> outcome = parameters.text(OUTCOME).map(text -> named(OUTCOME, text, Outcome.values(),
                Outcome::wireName));
        Optional<Instant> since = parameters.text(SINCE).map(JobListParameters::instant);
        int limit = (int) parameters.number(LIMIT, 1, JobFilter.MAX_LIMIT, "jobs").orElse(JobFilter.DEFAULT_LIMIT);
        Optional<JobCursor> before = parameters.text(BEFORE).map(JobListParameters::cursor);
        boolean withOutput = parameters.flag("output", true);
        return new JobFilter(status, pipeline, outcome, since, before, limit, withOutput);
    }

    private static <E> E named(String parameter, String text, E[] values, Function<E, String> wireName) {
        for (E value : values) {
            if (wireName.apply(value).equals(text)) {
                return value;
            }
        }
        String allowed = Arrays.stream(values).map(v -> "\"" + wireName.apply(v) + "\"").collect(Collectors.joining(", "));
        throw QueryParameters.refused("The query parameter '" + parameter + "' must be one of " + allowed + ", got "
                + Quoting.quoted(text) + ".");
    }

    /** An ISO-8601 instant ({@code 2024-03-15T00:00:00Z}), with an offset, or a date (midnight UTC). */
    private static Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeException notADateTime) {
            try {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notADate) {
                throw QueryParameters.refused("The query parameter 'since' must be an ISO-8601 date-time such as"
                        + " \"2024-03-15T00:00:00Z\" (or a date, meaning midnight UTC), got " + Quoting.quoted(text) + ".");
            }
        }
    }

    private static JobCursor cursor(String text) {
        return JobCursor.decode(text).orElseThrow(() -> QueryParameters.refused("The query parameter 'before' must be"
                + " the 'next' of an earlier list answer, given as it was; got " + Quoting.quoted(text) + "."));
    }
}

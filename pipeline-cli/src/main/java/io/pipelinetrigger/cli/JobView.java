package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The parts of the server's job view the client reasons about; {@code json} is the view as it came. */
record JobView(String jobId, String status, Optional<String> outcome, int exitCode, String pipeline,
               Optional<String> command, Optional<Instant> startedAt, Optional<Instant> finishedAt,
               Optional<String> error, List<Step> steps, JsonNode json) {

    record Step(String name, String status, Optional<Integer> exitCode) {
        Step {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(exitCode, "exitCode");
        }
    }

    JobView {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(status, "status");
        steps = List.copyOf(steps);
    }

    static JobView of(JsonNode json) {
        List<Step> steps = new ArrayList<>();
        for (JsonNode step : json.path("steps")) {
            JsonNode code = step.path("exitCode");
            steps.add(new Step(step.path("name").asText("?"), step.path("status").asText("?"),
                    code.isInt() ? Optional.of(code.asInt()) : Optional.empty()));
        }
        return new JobView(json.path("jobId").asText(""), json.path("status").asText("unknown"),
                text(json, "outcome"), json.path("exitCode").asInt(-1), json.path("pipeline").asText("?"),
                text(json, "command"), instant(json, "startedAt"), instant(json, "finishedAt"),
                text(json, "error"), steps, json);
    }

    boolean ended() {
        return switch (status) {
            case "completed", "failed", "cancelled" -> true;
            default -> false;
        };
    }

    /** The running step, else the last one that ran, else the first. */
    String currentStep() {
        for (Step step : steps) {
            if (step.status().equals("running")) {
                return step.name();
            }
        }
        String last = steps.isEmpty() ? pipeline : steps.get(0).name();
        for (Step step : steps) {
            if (!step.status().equals("pending") && !step.status().equals("skipped")) {
                last = step.name();
            }
        }
        return last;
    }

    /** What the run came to: the outcome, or the status for a server that does not tell one. */
    String result() {
        return outcome.orElse(status);
    }

    Duration elapsed(Instant now) {
        Instant end = finishedAt.orElse(now);
        return startedAt.map(start -> Duration.between(start, end)).filter(d -> !d.isNegative()).orElse(Duration.ZERO);
    }

    private static Optional<String> text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isTextual() ? Optional.of(node.asText()) : Optional.empty();
    }

    private static Optional<Instant> instant(JsonNode json, String field) {
        try {
            return text(json, field).map(Instant::parse);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}

package io.pipelinetrigger.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.Step;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Core's {@link RunMetrics} as Micrometer meters; the names and labels are those of docs/operations.md
 * ("Metrics"), which the alerting rules in {@code packaging/prometheus} use. Durations are histograms whose
 * buckets include minute-scale objectives, since a pipeline run takes minutes to hours, not milliseconds.
 */
final class MicrometerRunMetrics implements RunMetrics {

    static final String RUNS = "pipeline.trigger.runs";
    static final String RUN_DURATION = "pipeline.trigger.run.duration";
    static final String STEP_DURATION = "pipeline.trigger.step.duration";
    static final String LAST_SUCCESS = "pipeline.trigger.last.success";
    static final String ACTIVE = "pipeline.trigger.runs.active";
    static final String QUEUED = "pipeline.trigger.runs.queued";
    static final String BUSY = "pipeline.trigger.busy.refusals";
    static final String DELIVERIES = "pipeline.trigger.webhook.deliveries";

    private static final Duration[] OBJECTIVES = {Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofHours(1),
            Duration.ofHours(2), Duration.ofHours(6)};

    private final MeterRegistry registry;
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger queued = new AtomicInteger();
    private final Map<Pipeline, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    MicrometerRunMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder(ACTIVE, active, AtomicInteger::get).description("Runs active now").register(registry);
        Gauge.builder(QUEUED, queued, AtomicInteger::get).description("Runs waiting in the queue").register(registry);
        for (Pipeline pipeline : Pipeline.values()) {
            // present from the start, so a rate over them is 0 rather than absent
            Counter.builder(BUSY).tag("pipeline", pipeline.wireName()).register(registry);
        }
    }

    @Override
    public void runStarted(Job job) {
        // counted at their end, by outcome: a started run is seen in the active gauge
    }

    @Override
    public void runEnded(Job job) {
        String pipeline = job.spec().pipeline().wireName();
        String outcome = job.outcome().map(Outcome::wireName).orElse("unknown");
        Instant started = job.startedAt().orElse(job.createdAt());
        job.finishedAt().ifPresent(end -> timer(RUN_DURATION, "Run durations, accepted to end")
                .tags("pipeline", pipeline, "outcome", outcome).register(registry)
                .record(nonNegative(Duration.between(started, end))));
        for (Step step : job.steps()) {
            if (step.startedAt().isPresent() && step.finishedAt().isPresent()) {
                timer(STEP_DURATION, "Step durations")
                        .tags("pipeline", pipeline, "step", step.name().wireName(), "status", step.status().wireName())
                        .register(registry)
                        .record(nonNegative(Duration.between(step.startedAt().get(), step.finishedAt().get())));
            }
        }
        if (job.outcome().filter(o -> o == Outcome.SUCCEEDED).isPresent()) {
            succeeded(job.spec().pipeline(), job.finishedAt().orElse(started));
        }
        // counted last: a scrape that sees the run counted sees its durations and last success too
        Counter.builder(RUNS).description("Runs ended, by pipeline and outcome")
                .tags("pipeline", pipeline, "outcome", outcome).register(registry).increment();
    }

    /** The last success of a pipeline, also as read from the store at start (so a restart keeps it). */
    void succeeded(Pipeline pipeline, Instant at) {
        AtomicLong millis = lastSuccess.computeIfAbsent(pipeline, p -> {
            AtomicLong value = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, value, v -> v.get() / 1000.0).baseUnit("seconds")
                    .description("When the pipeline last succeeded (Unix time)")
                    .tag("pipeline", p.wireName()).register(registry);
            return value;
        });
        millis.accumulateAndGet(at.toEpochMilli(), Math::max);
    }

    @Override
    public void busyRefused(Pipeline pipeline) {
        registry.counter(BUSY, "pipeline", pipeline.wireName()).increment();
    }

    @Override
    public void runsActive(int count) {
        active.set(count);
    }

    @Override
    public void runsQueued(int count) {
        queued.set(count);
    }

    @Override
    public void webhookDelivery(String result) {
        registry.counter(DELIVERIES, "result", result).increment();
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).publishPercentileHistogram()
                .serviceLevelObjectives(OBJECTIVES)
                .minimumExpectedValue(Duration.ofSeconds(1)).maximumExpectedValue(Duration.ofHours(12));
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}

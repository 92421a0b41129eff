package io.pipelinetrigger.metrics;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.BusyPolicy;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import io.pipelinetrigger.core.fixtures.Polling;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real runs through the facade on a fake runner; the scrape must tell what happened to them. */
class PrometheusMetricsTest {

    private final PrometheusMetrics metrics = new PrometheusMetrics();
    private final FakeContainerRunner runner = new FakeContainerRunner();
    private final PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner)
            .runMetrics(metrics.runMetrics()).build();

    @AfterEach
    void close() {
        trigger.close();
        metrics.close();
    }

    @Test
    void runsAreCountedByPipelineAndOutcomeWithTheirDurationsAndTheLastSuccess() throws InterruptedException {
        runner.on(StepName.INGESTER, FakeStep.exiting(0));
        run(Pipeline.INGESTER);
        run(Pipeline.INGESTER);
        runner.on(StepName.INGESTER, FakeStep.exiting(3));
        Job errored = run(Pipeline.FULL);

        // a run is counted once its end is saved, a moment after a poll can see that end: wait for the third
        String scrape = scrapeOnce(text -> text.contains("pipeline_trigger_runs_total{outcome=\"errored\",pipeline=\"full\"} 1.0")
                && text.contains("pipeline_trigger_runs_total{outcome=\"succeeded\",pipeline=\"ingester\"} 2.0"));

        assertThat(sample(scrape, "pipeline_trigger_runs_total{outcome=\"succeeded\",pipeline=\"ingester\"}")).isEqualTo(2);
        assertThat(sample(scrape, "pipeline_trigger_runs_total{outcome=\"errored\",pipeline=\"full\"}")).isEqualTo(1);
        assertThat(sample(scrape, "pipeline_trigger_run_duration_seconds_count{outcome=\"succeeded\",pipeline=\"ingester\"}"))
                .isEqualTo(2);
        // minute-scale buckets, so "runs over 15 minutes" is a query
        assertThat(scrape).contains("pipeline_trigger_run_duration_seconds_bucket{outcome=\"succeeded\",pipeline=\"ingester\",le=\"900.0\"} 2");
        // the full run's dbt step was skipped: it never ran, so only the ingester has a duration
        assertThat(sample(scrape, "pipeline_trigger_step_duration_seconds_count{pipeline=\"full\",status=\"completed\",step=\"ingester\"}"))
                .isEqualTo(1);
        assertThat(scrape).doesNotContain("step=\"dbt\"");
        assertThat(sample(scrape, "pipeline_trigger_last_success_seconds{pipeline=\"ingester\"}")).isPositive();
        assertThat(scrape).doesNotContain("pipeline_trigger_last_success_seconds{pipeline=\"full\"}");
        // the gauge falls once the store has recorded the end, a moment after a poll can see it
        assertThat(sampleSoon("pipeline_trigger_runs_active", 0.0)).isZero();
        assertThat(sample(scrape, "pipeline_trigger_runs_queued")).isZero();
        assertThat(errored.outcome()).isPresent();
    }

    @Test
    void aRefusalWhileARunIsActiveIsCountedAndTheRunIsActive() throws InterruptedException {
        FakeStep held = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, held);
        Job running = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        assertThatThrownBy(() -> trigger.trigger(TriggerPipelineCommand.of(Pipeline.INGESTER)))
                .isInstanceOf(PipelineBusyException.class);

        String during = metrics.scrape();
        held.finish();
        Polling.untilFinished(trigger, running.id());

        assertThat(sample(during, "pipeline_trigger_busy_refusals_total{pipeline=\"ingester\"}")).isEqualTo(1);
        assertThat(sample(during, "pipeline_trigger_busy_refusals_total{pipeline=\"dbt\"}")).isZero();
        assertThat(sample(during, "pipeline_trigger_runs_active")).isEqualTo(1);
        // the gauge falls once the store has recorded the end, a moment after a poll can see it
        assertThat(sampleSoon("pipeline_trigger_runs_active", 0.0)).isZero();
    }

    @Test
    void aQueuedRunIsInTheQueueGaugeUntilItStartsAndThenInTheActiveOne() throws InterruptedException {
        FakeStep first = FakeStep.runningUntilReleased();
        FakeStep next = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, first).on(StepName.INGESTER, next);
        Job running = trigger.trigger(TriggerPipelineCommand.of(Pipeline.DBT));
        Job queued = trigger.submit(TriggerPipelineCommand.of(Pipeline.INGESTER).withOnBusy(BusyPolicy.QUEUE),
                Optional.empty()).job();

        String waiting = metrics.scrape();
        first.finish();
        next.awaitStarted(); // the store took it out of the queue before its step was launched
        String started = metrics.scrape();
        next.finish();
        Polling.untilFinished(trigger, queued.id());

        assertThat(queued.status()).isEqualTo(JobStatus.QUEUED);
        assertThat(sample(waiting, "pipeline_trigger_runs_queued")).isEqualTo(1);
        assertThat(sample(waiting, "pipeline_trigger_runs_active")).isEqualTo(1);
        assertThat(sample(started, "pipeline_trigger_runs_queued")).isZero();
        assertThat(sample(started, "pipeline_trigger_runs_active")).isEqualTo(1);
        assertThat(trigger.getJob(running.id()).status().isTerminal()).isTrue();
    }

    @Test
    void webhookDeliveriesAreCountedByResultAndTheJvmIsMeasured() {
        metrics.runMetrics().webhookDelivery("delivered");
        metrics.runMetrics().webhookDelivery("delivered");
        metrics.runMetrics().webhookDelivery("retrying");

        String scrape = metrics.scrape();

        assertThat(sample(scrape, "pipeline_trigger_webhook_deliveries_total{result=\"delivered\"}")).isEqualTo(2);
        assertThat(sample(scrape, "pipeline_trigger_webhook_deliveries_total{result=\"retrying\"}")).isEqualTo(1);
        assertThat(scrape).contains("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_uptime_seconds");
    }

    @Test
    void aSuccessTheStoreStillHoldsIsRememberedAtStart() throws InterruptedException {
        runner.on(StepName.DBT, FakeStep.exiting(0));
        Job earlier = run(Pipeline.DBT);
        PrometheusMetrics afterRestart = new PrometheusMetrics();

        afterRestart.rememberSuccesses(List.of(earlier));

        assertThat(sample(afterRestart.scrape(), "pipeline_trigger_last_success_seconds{pipeline=\"dbt\"}"))
                .isEqualTo(earlier.finishedAt().orElseThrow().toEpochMilli() / 1000.0);
        afterRestart.close();
    }

    private Job run(Pipeline pipeline) throws InterruptedException {
        Job job = trigger.trigger(TriggerPipelineCommand.of(pipeline));
        return Polling.untilFinished(trigger, job.id());
    }

    /** The value of one sample line of the text format, by its name and labels as written. */
    static double sample(String scrape, String series) {
        return Arrays.stream(scrape.split("\n")).filter(line -> line.startsWith(series + " "))
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim().split(" ")[0]))
                .findFirst().orElseThrow(() -> new AssertionError("no sample " + series + " in:\n" + scrape));
    }

    /** A scrape that satisfies {@code ready}, or the last one after 10 s. */
    private String scrapeOnce(java.util.function.Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        String scrape = metrics.scrape();
        while (!ready.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            scrape = metrics.scrape();
        }
        return scrape;
    }

    /** The sample once it shows {@code expected}, or as it is after 10 s. */
    private double sampleSoon(String name, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        double value = sample(metrics.scrape(), name);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            value = sample(metrics.scrape(), name);
        }
        return value;
    }
}

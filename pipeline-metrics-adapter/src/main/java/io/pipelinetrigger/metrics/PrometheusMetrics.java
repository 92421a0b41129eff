package io.pipelinetrigger.metrics;

import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.Outcome;
import io.pipelinetrigger.core.port.out.RunMetrics;

import java.util.Collection;
import java.util.List;

/**
 * The server's metrics in one Micrometer registry, scraped in the Prometheus text format: the runs (core's
 * {@link RunMetrics} port), the JVM, and the HTTP server ({@link #httpFilter}). docs/operations.md lists them.
 */
public final class PrometheusMetrics implements AutoCloseable {

    /** The Content-Type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerRunMetrics runs = new MicrometerRunMetrics(registry);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    public PrometheusMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** What core calls on each run's start and end and each busy refusal. */
    public RunMetrics runMetrics() {
        return runs;
    }

    /**
     * Seeds the last success per pipeline from the jobs a store still holds, so a restart does not look like
     * "no success for hours" to the alerting rules.
     */
    public void rememberSuccesses(Collection<Job> jobs) {
        for (Job job : jobs) {
            if (job.outcome().filter(o -> o == Outcome.SUCCEEDED).isPresent() && job.finishedAt().isPresent()) {
                runs.succeeded(job.spec().pipeline(), job.finishedAt().get());
            }
        }
    }

    /** A JAX-RS filter to register into the server's Jersey application; {@code routes}: the paths it serves. */
    public HttpServerMetrics httpFilter(List<String> routes) {
        return new HttpServerMetrics(registry, List.copyOf(routes));
    }

    /** Every meter, in the Prometheus text format ({@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}

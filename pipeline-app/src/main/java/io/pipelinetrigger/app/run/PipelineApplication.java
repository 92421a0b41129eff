package io.pipelinetrigger.app.run;

import io.pipelinetrigger.app.config.AppConfig;
import io.pipelinetrigger.app.config.Hosts;
import io.pipelinetrigger.app.config.LogArchive;
import io.pipelinetrigger.app.http.FrameworkWarmUp;
import io.pipelinetrigger.app.http.GrizzlyClientAddress;
import io.pipelinetrigger.app.http.HttpLimits;
import io.pipelinetrigger.app.http.PipelineServer;
import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.application.LeaseSettings;
import io.pipelinetrigger.core.port.in.Schedule;
import io.pipelinetrigger.core.port.in.ScheduleView;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutputArchive;
import io.pipelinetrigger.jdbc.JdbcJobRepository;
import io.pipelinetrigger.metrics.PrometheusMetrics;
import io.pipelinetrigger.rest.PipelineTriggerFeature;

import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root, by hand: store, runner, facade, HTTP server. {@link #stop()} is what SIGTERM runs: stop
 * taking requests; leave running containers running (the next start reattaches to them) and stop running
 * processes, recording their jobs as failed with the shutdown reason.
 */
public final class PipelineApplication {

    private static final System.Logger LOG = System.getLogger(PipelineApplication.class.getName());
    static final Duration HTTP_GRACE = Duration.ofSeconds(3);
    static final Duration JOB_END_WAIT = Duration.ofSeconds(5);
    static final Duration HOUSEKEEPING_INTERVAL = Duration.ofMinutes(1);
    static final Duration LEFTOVER_GRACE = Duration.ofMinutes(10);
    /** How often a follower of a job another replica executes looks in the store (docs/operations.md, "Replicas"). */
    static final Duration FOLLOW_ELSEWHERE_INTERVAL = Duration.ofMillis(250);
    /** How often the schedules are checked: a firing starts within about this much of its time. */
    static final Duration SCHEDULER_TICK = Duration.ofSeconds(1);

    private final ContainerRunner runner;
    private final PipelineTrigger trigger;
    private final PipelineServer server;
    private final AutoCloseable store;
    private final PrometheusMetrics metrics;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    private PipelineApplication(ContainerRunner runner, PipelineTrigger trigger, PipelineServer server,
                                AutoCloseable store, PrometheusMetrics metrics) {
        this.runner = runner;
        this.trigger = trigger;
        this.server = server;
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * The server as configured: the durable store and output archive under the data directory, recovery of
     * the jobs a previous run left running, then the HTTP server.
     */
    public static PipelineApplication start(AppConfig config) {
        // the framework's classes load on the second core while the store opens (docs/performance.md, "Start-up")
        FrameworkWarmUp warmUp = FrameworkWarmUp.begin(config.console());
        // on a shared store, this replica's updates keep to the jobs it leases (docs/operations.md, "Replicas")
        JdbcJobRepository repository = JdbcJobRepository.open(config.store().jdbc(),
                config.leases().leases().map(LeaseSettings::replicaId));
        ContainerRunner runner;
        try {
            runner = RunnerFactory.create(config.runner());
        } catch (RuntimeException e) {
            repository.close();
            throw e;
        }
        warmUp.await();
        return start(config, HttpLimits.DEFAULTS, runner, repository, archive(config, repository), repository);
    }

    /**
     * The whole output of every step: in the job store for replicas, else in files under the data directory. The
     * store's archive reads the files an earlier archive left in the data directory for the steps it has nothing of.
     */
    private static OutputArchive archive(AppConfig config, JdbcJobRepository repository) {
        if (config.store().logArchive() == LogArchive.FILES) {
            return new FileOutputArchive(config.store().outputDir());
        }
        return Files.isDirectory(config.store().outputDir())
                ? new ArchiveWithEarlierFiles(repository.outputArchive(), new FileOutputArchive(config.store().outputDir()))
                : repository.outputArchive();
    }

    /** Starts on a given runner and store: how tests swap in a fake runner and look at the jobs. */
    public static PipelineApplication start(AppConfig config, ContainerRunner runner, JobRepository repository) {
        return start(config, HttpLimits.DEFAULTS, runner, repository);
    }

    /** As above, with other client limits: how tests see a slow client dropped without waiting half a minute. */
    public static PipelineApplication start(AppConfig config, HttpLimits limits, ContainerRunner runner, JobRepository repository) {
        return start(config, limits, runner, repository, OutputArchive.NONE, () -> { });
    }

    private static PipelineApplication start(AppConfig config, HttpLimits limits, ContainerRunner runner,
                                             JobRepository repository, OutputArchive archive, AutoCloseable store) {
        PrometheusMetrics metrics = new PrometheusMetrics();
        PipelineTrigger.Builder builder = PipelineTrigger.builder();
        config.leases().leases().ifPresent(builder::replica);
        PipelineTrigger trigger = builder
                .runMetrics(metrics.runMetrics())
                .containerRunner(runner)
                .jobRepository(repository)
                .outputArchive(archive)
                .defaultFlags(config.defaultFlags())
                .outputLimitBytes(config.outputLimitBytes())
                .retention(config.jobRetention())
                .stopGrace(config.stopGrace())
                .defaultStepTimeout(config.stepTimeout())
                .defaultOnBusy(config.busy().defaultOnBusy())
                .queueLimit(config.busy().queueLimit())
                .defaultQueueTimeout(config.busy().defaultQueueTimeout())
                .leaveStepsRunningOnShutdown(true) // only steps that outlive the server: containers
                .outputSanitizer(OutputSanitizer.redacting(RedactedValues.of(config)))
                .webhooks(config.webhooks().endpoints(), WebhookWiring.format(config))
                .schedules(config.schedules())
                .build();
        AutoCloseable sender = WebhookWiring.startSender(config, repository, metrics.runMetrics(), trigger.taskTurns());
        config.leases().leases().ifPresent(replica -> LOG.log(System.Logger.Level.INFO, "replica "
                + replica.replicaId() + " of a shared store: leases of " + replica.lease() + ", renewed every "
                + replica.heartbeat()));
        AutoCloseable senderThenStore = () -> {
            closeQuietly(sender, "webhook sender");
            store.close();
        };
        try {
            int recovered = trigger.recoverRunningJobs();
            if (recovered > 0) {
                LOG.log(System.Logger.Level.INFO, "recovering " + recovered + " job(s) left running by the previous run");
            }
            trigger.startHousekeeping(HOUSEKEEPING_INTERVAL, LEFTOVER_GRACE);
            if (!config.store().embedded()) {
                // a store other servers may share: their jobs' followers here hear of them from it
                trigger.followJobsRunElsewhere(FOLLOW_ELSEWHERE_INTERVAL);
            }
            logSchedules(trigger);
            trigger.startScheduler(SCHEDULER_TICK);
            metrics.rememberSuccesses(trigger.listJobs());
            PipelineServer server = PipelineServer.start(config.host(), config.port(), api(config, trigger, metrics),
                    limits, config.console(), List.of(metrics.httpFilter(HTTP_ROUTES)));
            LOG.log(System.Logger.Level.INFO, "pipeline-trigger listening on " + server.uri() + " as replica "
                    + config.replica().id());
            return new PipelineApplication(runner, trigger, server, senderThenStore, metrics);
        } catch (RuntimeException e) {
            trigger.close();
            metrics.close();
            closeQuietly(runner, "runner");
            closeQuietly(senderThenStore, "job store");
            throw e;
        }
    }

    /** One line per schedule at start-up: what the file said, and when each fires next. */
    private static void logSchedules(PipelineTrigger trigger) {
        for (ScheduleView view : trigger.listSchedules()) {
            Schedule schedule = view.schedule();
            LOG.log(System.Logger.Level.INFO, "schedule " + schedule.name() + ": \"" + schedule.cron().expression()
                    + "\" in " + schedule.timeZone().getId() + (schedule.enabled()
                    ? ", next run " + view.nextRunAt().map(Object::toString).orElse("never")
                    : ", disabled"));
        }
    }

    /** The routes the HTTP metrics tell apart; any other path is counted as {@code other}. */
    private static final List<String> HTTP_ROUTES = List.of(PipelineTriggerFeature.API_PATH,
            PipelineTriggerFeature.API_PATH + "/log", PipelineTriggerFeature.API_PATH + "/events",
            PipelineTriggerFeature.API_PATH + "/schedules", PipelineTriggerFeature.API_PATH + "/deliveries",
            PipelineTriggerFeature.HEALTH_PATH, PipelineTriggerFeature.METRICS_PATH, PipelineTriggerFeature.OPENAPI_PATH);

    /**
     * The API as configured: enabled or not, tokens, CORS origins, the health check, the metrics (open to
     * scrapers without a token only when {@code PIPELINE_METRICS_OPEN} says so), Grizzly's client addresses.
     */
    private static PipelineTriggerFeature api(AppConfig config, PipelineTrigger trigger, PrometheusMetrics metrics) {
        PipelineTriggerFeature.Builder api = PipelineTriggerFeature.builder(trigger);
        config.runner().instanceName().ifPresent(api::instanceName);
        return api
                .metrics(metrics::scrape, PrometheusMetrics.CONTENT_TYPE, config.security().metricsOpen())
                .apiEnabled(config.enabled())
                .tokens(config.security().tokens())
                .corsOrigins(config.security().corsOrigins())
                .healthEndpoint(true)
                // no token to unlock the detail: shown only where no one but this machine can ask (docs/security.md)
                .healthDetailOpen(!config.security().tokens().required() && Hosts.isLoopback(config.host()))
                .clientAddress(GrizzlyClientAddress::of)
                .replicaId(config.replica().id())
                .build();
    }

    public int port() {
        return server.port();
    }

    /** Idempotent; returns when every job's end is recorded or the waits ran out. */
    public void stop() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStopped();
            return;
        }
        try {
            LOG.log(System.Logger.Level.INFO, "shutting down: no new requests; running containers are left running"
                    + " to be reattached at the next start, running processes are stopped");
            server.stop(HTTP_GRACE);
            if (!trigger.shutdown(JOB_END_WAIT)) {
                LOG.log(System.Logger.Level.WARNING, "a job did not record its end in time; it is left as it was");
            }
            trigger.close();
            closeQuietly(runner, "runner");
            closeQuietly(store, "job store");
            metrics.close();
            LOG.log(System.Logger.Level.INFO, "pipeline-trigger stopped");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Object resource, String what) {
        if (resource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "the " + what + " did not close cleanly: " + e.getMessage());
            }
        }
    }
}

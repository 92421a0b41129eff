package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.LogPage;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.in.ListDeliveriesQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.ListSchedulesQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.in.ReadLogQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import io.pipelinetrigger.core.port.in.WatchJobQuery;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipeline trigger API (docs/api.md) as one JAX-RS {@link Feature}: an embedding application registers it
 * into its own {@code ResourceConfig} with {@code config.register(PipelineTriggerFeature.of(trigger, enabled))},
 * or with {@link #builder(PipelineTrigger)} to require tokens, allow CORS origins or serve {@value #HEALTH_PATH}.
 *
 * <p>It registers, all as instances: the resource at {@value #API_PATH}, its {@code /log} and {@code /events} (and the health
 * resource, when asked);
 * the JSON writer for this API's own response types (the application's JSON settings never change them); the
 * pre-matching filters that answer allowed CORS preflights, check the bearer token (401/429), refuse every call
 * while the API is disabled (403) and a POST that is not JSON (415); the audit log; and one
 * {@code ExceptionMapper<Throwable>} that gives every error of the application, Jersey's own 404/405
 * included, the body {@code {"success": false, "error": "..."}}.
 */
public final class PipelineTriggerFeature implements Feature {

    /** Where the API lives, relative to the application's base URI. */
    public static final String API_PATH = "/api/data-analytics/pipeline/trigger";

    /** Where the health check lives, relative to the application's base URI, when enabled. */
    public static final String HEALTH_PATH = "/healthz";

    /** Where the metrics are scraped, when the application gives a registry ({@link Builder#metrics}). */
    public static final String METRICS_PATH = "/metrics";

    /** Where the OpenAPI document of this API lives, relative to the application's base URI. */
    public static final String OPENAPI_PATH = "/openapi.json";

    private final TriggerPipelineUseCase trigger;
    private final GetJobQuery getJob;
    private final ListJobsQuery listJobs;
    private final CancelJobUseCase cancel;
    private final ReadLogQuery logs;
    private final ListDeliveriesQuery deliveries;
    private final Optional<HealthQuery> health;
    private final boolean healthDetailOpen;
    private final boolean apiEnabled;
    private final ApiTokens tokens;
    private final Set<String> corsOrigins;
    private final Function<ContainerRequestContext, String> clientAddress;
    private final InstantSource clock;
    private WatchJobQuery watches = WatchJobQuery.NONE;
    /** A feature over separate use cases has no schedules; over the facade, the facade's. */
    private ListSchedulesQuery schedules = List::of;
    private EventSources.Settings eventSettings = EventSources.Settings.DEFAULT;
    private Optional<MetricsResource> metrics = Optional.empty();
    private boolean metricsOpen;
    private Optional<String> instance = Optional.empty();
    private Optional<String> replica = Optional.empty();

    /**
     * The API without tokens, CORS or health endpoint, over separate use cases.
     *
     * @param apiEnabled {@code PIPELINE_ENABLED}: when false, every call of the API is answered 403
     */
    public PipelineTriggerFeature(TriggerPipelineUseCase trigger, GetJobQuery getJob, ListJobsQuery listJobs,
                                  CancelJobUseCase cancel, boolean apiEnabled) {
        this(trigger, getJob, listJobs, cancel, NO_LOG, apiEnabled);
    }

    /** As above, with the job log of {@code GET .../log}. */
    public PipelineTriggerFeature(TriggerPipelineUseCase trigger, GetJobQuery getJob, ListJobsQuery listJobs,
                                  CancelJobUseCase cancel, ReadLogQuery logs, boolean apiEnabled) {
        this(trigger, getJob, listJobs, cancel, logs, Optional.empty(), false, apiEnabled, ApiTokens.none(), Set.of(),
                request -> ApiRequests.UNKNOWN, InstantSource.system());
    }

    /** For a feature built over separate use cases: no webhook has delivered anything. */
    private static final ListDeliveriesQuery NO_DELIVERIES = id -> java.util.List.of();

    /** For a feature built without a log: every job's log is empty and complete. */
    private static final ReadLogQuery NO_LOG = command -> new LogPage("", 0, false);

    private PipelineTriggerFeature(TriggerPipelineUseCase trigger, GetJobQuery getJob, ListJobsQuery listJobs,
                                   CancelJobUseCase cancel, ReadLogQuery logs, Optional<HealthQuery> health,
                                   boolean healthDetailOpen,
                                   boolean apiEnabled,
                                   ApiTokens tokens, Set<String> corsOrigins,
                                   Function<ContainerRequestContext, String> clientAddress, InstantSource clock) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.getJob = Objects.requireNonNull(getJob, "getJob");
        this.listJobs = Objects.requireNonNull(listJobs, "listJobs");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.logs = Objects.requireNonNull(logs, "logs");
        // the facade answers both; a feature over separate use cases has no delivery log
        this.deliveries = logs instanceof ListDeliveriesQuery query ? query : NO_DELIVERIES;
        this.health = health;
        this.healthDetailOpen = healthDetailOpen;
        this.apiEnabled = apiEnabled;
        this.tokens = tokens;
        this.corsOrigins = Set.copyOf(corsOrigins);
        this.clientAddress = clientAddress;
        this.clock = clock;
    }

    /**
     * Reads a trigger request given as the fields of a POST body (a schedule's {@code request}, read from a file
     * before the server starts), with the same checks and sentences as the API gives a POST.
     *
     * @throws io.pipelinetrigger.core.domain.InvalidRequestException naming the first wrong field
     */
    public static TriggerPipelineCommand triggerRequest(Map<String, ?> fields) {
        return TriggerRequestFields.toCommand(fields);
    }

    /** The API over the core's facade, which implements every use case: no token, no CORS, no health endpoint. */
    public static PipelineTriggerFeature of(PipelineTrigger facade, boolean apiEnabled) {
        return builder(facade).apiEnabled(apiEnabled).build();
    }

    /** Every option, over the core's facade; by default the API is disabled, open, without CORS or health endpoint. */
    public static Builder builder(PipelineTrigger facade) {
        return new Builder(Objects.requireNonNull(facade, "facade"));
    }

    /**
     * Checks a CORS origin as {@link Builder#corsOrigins} will, for callers that validate their configuration
     * before they build the feature.
     *
     * @return the origin as browsers send it (lower case)
     * @throws IllegalArgumentException unless it is exactly {@code http(s)://host[:port]}
     */
    public static String requireCorsOrigin(String origin) {
        return CorsFilter.requireOrigin(origin);
    }

    @Override
    public boolean configure(FeatureContext context) {
        WireJson json = new WireJson();
        context.register(new PipelineTriggerResource(trigger, getJob, listJobs, cancel, new TriggerRequestDecoder(json),
                new SettledViews(json)));
        context.register(new JobLogResource(logs));
        context.register(new JobEventsResource(new JobEventHubs(new EventSources(logs, getJob, watches, json, eventSettings))));
        context.register(new DeliveriesResource(deliveries));
        context.register(new SchedulesResource(schedules));
        health.ifPresent(query -> context.register(new HealthResource(query, clock, healthDetailOpen, instance, replica)));
        metrics.ifPresent(context::register);
        context.register(new OpenApiResource());
        context.register(new WireJsonWriter(json));
        context.register(new ErrorResponseMapper());
        // a filter with nothing to do is left out rather than asked at every request (docs/performance.md)
        if (!corsOrigins.isEmpty()) {
            context.register(new CorsFilter(corsOrigins));
        }
        if (tokens.required()) {
            context.register(new BearerTokenFilter(tokens, new FailureThrottle(clock), clientAddress,
                    metricsOpen ? Set.of(OPENAPI_PATH) : Set.of(OPENAPI_PATH, METRICS_PATH)));
        }
        context.register(new ApiRequestGuard(apiEnabled));
        context.register(new AuditLog(clock, clientAddress));
        return true;
    }

    /** The options of the feature; each has a safe default. */
    public static final class Builder {

        private final PipelineTrigger facade;
        private boolean apiEnabled;
        private ApiTokens tokens = ApiTokens.none();
        private Set<String> corsOrigins = Set.of();
        private boolean healthEndpoint;
        private boolean healthDetailOpen;
        private Function<ContainerRequestContext, String> clientAddress = request -> ApiRequests.UNKNOWN;
        private InstantSource clock = InstantSource.system();
        private EventSources.Settings eventSettings = EventSources.Settings.DEFAULT;
        private Optional<MetricsResource> metrics = Optional.empty();
        private boolean metricsOpen;
        private Optional<String> instance = Optional.empty();
        private Optional<String> replica = Optional.empty();

        private Builder(PipelineTrigger facade) {
            this.facade = facade;
        }

        /** {@code PIPELINE_ENABLED}: when false (the default), every call of the API is answered 403. */
        public Builder apiEnabled(boolean enabled) {
            this.apiEnabled = enabled;
            return this;
        }

        /** The tokens a call must carry as {@code Authorization: Bearer <token>}; none (the default) = open API. */
        public Builder tokens(ApiTokens tokens) {
            this.tokens = Objects.requireNonNull(tokens, "tokens");
            return this;
        }

        /**
         * Origins (exactly {@code scheme://host[:port]}) whose web pages may call the API; none by default, and
         * then no CORS header is ever sent.
         *
         * @throws IllegalArgumentException for a value that is not such an origin
         */
        public Builder corsOrigins(Collection<String> origins) {
            this.corsOrigins = Set.copyOf(CorsFilter.requireOrigins(List.copyOf(origins)));
            return this;
        }

        /** Serves {@value PipelineTriggerFeature#HEALTH_PATH} (no token needed, answered even while the API is disabled); off by default. */
        public Builder healthEndpoint(boolean serve) {
            this.healthEndpoint = serve;
            return this;
        }

        /**
         * Whether every caller of the health endpoint sees each check by name with its reason; off by default, and
         * then only a request with a valid token does. Meant for a server only this machine can reach and that needs
         * no token (the app turns it on for a loopback {@code HOST} without tokens; docs/security.md).
         */
        public Builder healthDetailOpen(boolean open) {
            this.healthDetailOpen = open;
            return this;
        }

        /**
         * How to tell a request's client address (for the failure throttle and the audit log); the container
         * knows it, JAX-RS does not. Defaults to {@code "unknown"} for every request, which makes every client
         * one address for the throttle.
         */
        public Builder clientAddress(Function<ContainerRequestContext, String> clientAddress) {
            this.clientAddress = Objects.requireNonNull(clientAddress, "clientAddress");
            return this;
        }

        /**
         * Serves {@value PipelineTriggerFeature#METRICS_PATH} with what {@code scrape} returns, as
         * {@code contentType}; off by default. The token is needed when tokens are set, unless {@code open}.
         */
        public Builder metrics(Supplier<String> scrape, String contentType, boolean open) {
            this.metrics = Optional.of(new MetricsResource(Objects.requireNonNull(scrape, "scrape"),
                    Objects.requireNonNull(contentType, "contentType")));
            this.metricsOpen = open;
            return this;
        }

        /**
         * The id of this server among the replicas of one deployment (docs/operations.md, "Replicas"): shown in
         * the health answer's detail as {@code "replica"}, so an operator sees which replica answered.
         */
        public Builder replicaId(String id) {
            this.replica = Optional.of(Objects.requireNonNull(id, "id"));
            return this;
        }

        /** The name the replicas of one deployment share ({@code PIPELINE_INSTANCE}): beside the replica id. */
        public Builder instanceName(String name) {
            this.instance = Optional.of(Objects.requireNonNull(name, "name"));
            return this;
        }

        /** Tests move time by hand. */
        Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Tests shorten the event stream's heartbeat or its followers' queue. */
        Builder eventSettings(EventSources.Settings settings) {
            this.eventSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        public PipelineTriggerFeature build() {
            PipelineTriggerFeature feature = new PipelineTriggerFeature(facade, facade, facade, facade, facade,
                    healthEndpoint ? Optional.of(facade) : Optional.empty(), healthDetailOpen, apiEnabled, tokens,
                    corsOrigins,
                    clientAddress, clock);
            // the facade nudges the event stream's reader when a job changes; other use cases are polled
            feature.watches = facade;
            feature.schedules = facade;
            feature.eventSettings = eventSettings;
            feature.metrics = metrics;
            feature.metricsOpen = metricsOpen;
            feature.instance = instance;
            feature.replica = replica;
            return feature;
        }
    }
}

package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.port.in.CancelJobUseCase;
import io.pipelinetrigger.core.port.in.GetJobQuery;
import io.pipelinetrigger.core.port.in.ListJobsQuery;
import io.pipelinetrigger.core.port.in.TriggerPipelineUseCase;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

import java.util.Objects;

/**
 * The pipeline trigger API (DESIGN §1) as one JAX-RS {@link Feature}: an embedding application registers it
 * into its own {@code ResourceConfig} with {@code config.register(PipelineTriggerFeature.of(trigger, enabled))}.
 *
 * <p>It registers, all as instances: the resource at {@value #API_PATH}; the JSON writer for this API's own
 * response types (the application's JSON settings never change them); a pre-matching guard that answers every
 * call under {@value #API_PATH} with 403 while the API is disabled, and a non-JSON POST with 415; and one
 * {@code ExceptionMapper<Throwable>} that gives every error of the application, Jersey's own 404/405
 * included, the body {@code {"success": false, "error": "..."}}.
 */
public final class PipelineTriggerFeature implements Feature {

    /** Where the API lives, relative to the application's base URI. */
    public static final String API_PATH = "/api/data-analytics/pipeline/trigger";

    private final TriggerPipelineUseCase trigger;
    private final GetJobQuery getJob;
    private final ListJobsQuery listJobs;
    private final CancelJobUseCase cancel;
    private final boolean apiEnabled;

    /**
     * @param apiEnabled {@code PIPELINE_ENABLED}: when false, every call of the API is answered 403
     */
    public PipelineTriggerFeature(TriggerPipelineUseCase trigger, GetJobQuery getJob, ListJobsQuery listJobs,
                                  CancelJobUseCase cancel, boolean apiEnabled) {
        this.trigger = Objects.requireNonNull(trigger, "trigger");
        this.getJob = Objects.requireNonNull(getJob, "getJob");
        this.listJobs = Objects.requireNonNull(listJobs, "listJobs");
        this.cancel = Objects.requireNonNull(cancel, "cancel");
        this.apiEnabled = apiEnabled;
    }

    /** The API over the core's facade, which implements every use case. */
    public static PipelineTriggerFeature of(PipelineTrigger facade, boolean apiEnabled) {
        Objects.requireNonNull(facade, "facade");
        return new PipelineTriggerFeature(facade, facade, facade, facade, apiEnabled);
    }

    @Override
    public boolean configure(FeatureContext context) {
        WireJson json = new WireJson();
        context.register(new PipelineTriggerResource(trigger, getJob, listJobs, cancel, new TriggerRequestDecoder(json)));
        context.register(new WireJsonWriter(json));
        context.register(new ErrorResponseMapper());
        context.register(new ApiRequestGuard(API_PATH, apiEnabled));
        return true;
    }
}

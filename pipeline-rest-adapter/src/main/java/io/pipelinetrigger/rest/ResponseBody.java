package io.pipelinetrigger.rest;

/** The JSON bodies this API answers with; {@link WireJsonWriter} writes exactly these. */
sealed interface ResponseBody permits JobResponse, JobListResponse, ErrorResponse, HealthResponse,
        DeliveriesResponse, SchedulesResponse, WrittenJson {
}

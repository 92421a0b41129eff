package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.Quoting;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;

import java.time.InstantSource;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Function;

/**
 * One line on the logger {@value #LOGGER_NAME} for every trigger and cancel, and for every refused call of the
 * API (any 4xx or 5xx): time, client address, token id (never the token), method, outcome. Successful polls
 * are not logged: a client polling every few seconds would drown the lines that matter.
 */
final class AuditLog implements ContainerResponseFilter {

    static final String LOGGER_NAME = "pipeline-trigger.audit";
    private static final System.Logger LOG = System.getLogger(LOGGER_NAME);
    private static final int MAX_ERROR_LENGTH = 160;

    private final InstantSource clock;
    private final Function<ContainerRequestContext, String> addresses;

    AuditLog(InstantSource clock, Function<ContainerRequestContext, String> addresses) {
        this.clock = clock;
        this.addresses = addresses;
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String method = request.getMethod();
        int status = response.getStatus();
        boolean action = "POST".equals(method) || "DELETE".equals(method);
        if (!ApiRequests.isApiCall(request) || (!action && status < 400)) {
            return;
        }
        LOG.log(System.Logger.Level.INFO, line(request, method, status, response.getEntity()));
    }

    private String line(ContainerRequestContext request, String method, int status, Object entity) {
        StringBuilder line = new StringBuilder()
                .append("time=").append(DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .append(" client=").append(ApiRequests.clientAddress(request, addresses))
                .append(" token=").append(ApiRequests.tokenId(request))
                .append(" method=").append(method)
                .append(" outcome=").append(status);
        if (entity instanceof JobResponse job) {
            line.append(" jobId=").append(job.jobId());
        } else {
            List<String> asked = request.getUriInfo().getQueryParameters().get("jobId");
            if (asked != null && asked.size() == 1 && JobId.isWellFormed(asked.get(0))) {
                line.append(" jobId=").append(asked.get(0)); // only an id in the id format reaches the log
            }
        }
        if (entity instanceof ErrorResponse error) {
            if (error.runningJobId() != null) {
                line.append(" runningJobId=").append(printable(error.runningJobId(), 80));
            }
            line.append(" error=\"").append(printable(error.error(), MAX_ERROR_LENGTH)).append('"');
        }
        return line.toString();
    }

    /** Error sentences may quote what the client sent: escaped, so one request is always one log line. */
    static String printable(String text, int maxLength) {
        String shortened = Quoting.shortened(text, maxLength);
        // quotes and backslashes first, so the backslash of an escaped control character stays single
        return Quoting.escaped(shortened.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}

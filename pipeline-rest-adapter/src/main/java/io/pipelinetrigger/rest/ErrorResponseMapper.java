package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.IdempotencyKeyReusedException;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.JobAlreadyFinishedException;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one place where an exception becomes an HTTP answer, always {@code {"success": false, "error": ...}}:
 * our own exceptions by their meaning, Jersey's (404 unknown path, 405 wrong method...) by their status, and
 * anything unexpected as a 500 whose details go to the log, never to the client.
 */
final class ErrorResponseMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(ErrorResponseMapper.class.getName());

    static final String INTERNAL_ERROR = "Internal server error; see the server log.";

    @Override
    public Response toResponse(Throwable exception) {
        if (exception instanceof RejectedRequestException rejected) {
            Response.ResponseBuilder builder = Response.status(rejected.status());
            rejected.headers().forEach(builder::header);
            return WireJsonWriter.json(builder, ErrorResponse.of(ErrorSentence.tidy(rejected.getMessage())));
        }
        if (exception instanceof InvalidRequestException invalid) {
            return error(400, invalid.getMessage());
        }
        if (exception instanceof JobNotFoundException notFound) {
            return error(404, notFound.getMessage());
        }
        if (exception instanceof JobAlreadyFinishedException finished) {
            return error(409, finished.getMessage());
        }
        if (exception instanceof IdempotencyKeyReusedException reused) {
            return error(422, reused.getMessage());
        }
        if (exception instanceof PipelineBusyException busy) {
            String sentence = ErrorSentence.tidy(busy.getMessage());
            ErrorResponse body = busy.runningJobId() == null ? ErrorResponse.of(sentence)
                    : ErrorResponse.busy(sentence, busy.runningJobId());
            return WireJsonWriter.json(Response.status(409), body);
        }
        if (exception instanceof RunnerUnavailableException unavailable) {
            LOG.log(System.Logger.Level.WARNING, "trigger refused, runner unavailable: " + unavailable.getMessage());
            return error(500, unavailable.getMessage());
        }
        if (exception instanceof WebApplicationException jaxrs) {
            return fromJaxRs(jaxrs);
        }
        LOG.log(System.Logger.Level.ERROR, "unexpected error while answering a pipeline API call", exception);
        return error(500, INTERNAL_ERROR);
    }

    /** Keeps the status and headers (e.g. {@code Allow} of a 405) of the framework's answer, with our body. */
    private static Response fromJaxRs(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.log(System.Logger.Level.ERROR, "the JAX-RS runtime failed a pipeline API call", exception);
        }
        Response.ResponseBuilder builder = Response.status(status);
        for (Map.Entry<String, List<Object>> header : original.getHeaders().entrySet()) {
            if (!header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                    && !header.getKey().equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                header.getValue().forEach(value -> builder.header(header.getKey(), value));
            }
        }
        return WireJsonWriter.json(builder, ErrorResponse.of(sentenceFor(status, original)));
    }

    private static String sentenceFor(int status, Response original) {
        return switch (status) {
            case 400 -> "The request is malformed.";
            case 404 -> "Nothing is at this path; the pipeline API is at " + PipelineTriggerFeature.API_PATH + ".";
            case 405 -> "This HTTP method is not allowed here; allowed: "
                    + String.join(", ", new TreeSet<>(original.getAllowedMethods())) + ".";
            case 406 -> "This API answers only with application/json.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request body must be JSON (Content-Type: application/json).";
            case 431 -> "The request headers are too large.";
            default -> status >= 500 ? INTERNAL_ERROR
                    : "The request was refused (HTTP " + status + reasonOf(original) + ").";
        };
    }

    private static String reasonOf(Response response) {
        String reason = response.getStatusInfo().getReasonPhrase();
        return reason == null || reason.isBlank() ? "" : " " + reason;
    }

    private static Response error(int status, String message) {
        return WireJsonWriter.json(Response.status(status), ErrorResponse.of(ErrorSentence.tidy(message)));
    }
}

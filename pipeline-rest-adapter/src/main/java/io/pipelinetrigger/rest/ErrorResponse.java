package io.pipelinetrigger.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Objects;

/**
 * The one error body: {@code {"success": false, "error": "<one sentence>"}}; a 409 also names the run that is in
 * the way ({@code runningJobId}), every other error leaves that field out.
 */
@JsonPropertyOrder({"success", "error", "runningJobId"})
record ErrorResponse(boolean success, String error,
                     @JsonInclude(JsonInclude.Include.NON_NULL) String runningJobId) implements ResponseBody {

    ErrorResponse {
        Objects.requireNonNull(error, "error");
        if (success) {
            throw new IllegalArgumentException("an error response is never a success");
        }
    }

    static ErrorResponse of(String error) {
        return new ErrorResponse(false, error, null);
    }

    static ErrorResponse busy(String error, String runningJobId) {
        return new ErrorResponse(false, error, Objects.requireNonNull(runningJobId, "runningJobId"));
    }
}

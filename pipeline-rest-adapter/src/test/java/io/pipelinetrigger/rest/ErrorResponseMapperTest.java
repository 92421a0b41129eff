package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.domain.IdempotencyKeyReusedException;
import io.pipelinetrigger.core.domain.InvalidRequestException;
import io.pipelinetrigger.core.domain.JobAlreadyFinishedException;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobNotFoundException;
import io.pipelinetrigger.core.domain.JobStatus;
import io.pipelinetrigger.core.domain.PipelineBusyException;
import io.pipelinetrigger.core.domain.RunnerUnavailableException;
import io.pipelinetrigger.core.domain.StepLaunchException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one place our exceptions become HTTP: status, body, and what never leaks. */
class ErrorResponseMapperTest {

    private final ErrorResponseMapper mapper = new ErrorResponseMapper();

    @Test
    void ourExceptionsMapToTheStatusesOfTheSeedsTable() {
        assertAnswer(new InvalidRequestException("Field 'pipeline' is required."), 400, "Field 'pipeline' is required.");
        assertAnswer(new RejectedRequestException(413, "Too big."), 413, "Too big.");
        assertAnswer(new JobNotFoundException(JobId.of("dbt-1710460800000-abc123")), 404,
                new JobNotFoundException(JobId.of("dbt-1710460800000-abc123")).getMessage());
        assertAnswer(new RunnerUnavailableException("The Docker engine does not answer."), 500,
                "The Docker engine does not answer.");
    }

    @Test
    void theCoresLaterExceptionsAlreadyHaveTheirStatuses() {
        JobId id = JobId.of("dbt-1710460800000-abc123");
        JobAlreadyFinishedException finished = new JobAlreadyFinishedException(id, JobStatus.COMPLETED);
        IdempotencyKeyReusedException reused = new IdempotencyKeyReusedException("nightly-2024-03-15", id);

        assertAnswer(finished, 409, finished.getMessage());
        assertAnswer(reused, 422, reused.getMessage());
    }

    @Test
    void busyIs409NamingTheRunningJob() {
        Response response = mapper.toResponse(new PipelineBusyException("dbt-1710460800000-abc123", "Busy."));

        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(response.getEntity()).isEqualTo(ErrorResponse.busy("Busy.", "dbt-1710460800000-abc123"));
    }

    @Test
    void anythingUnexpectedIsAPlain500ThatTellsTheClientNothing() {
        assertAnswer(new IllegalStateException("secret: password=hunter2"), 500, ErrorResponseMapper.INTERNAL_ERROR);
        assertAnswer(new StepLaunchException("should never reach the API"), 500, ErrorResponseMapper.INTERNAL_ERROR);
        assertAnswer(new OutOfMemoryError("heap"), 500, ErrorResponseMapper.INTERNAL_ERROR);
    }

    @Test
    void theFrameworksOwnErrorsKeepStatusAndHeadersButGetOurBody() {
        Response notAllowed = mapper.toResponse(new NotAllowedException("POST", new String[] {"GET"}));

        assertThat(notAllowed.getStatus()).isEqualTo(405);
        assertThat(notAllowed.getHeaderString("Allow")).contains("GET", "POST");
        assertThat(((ErrorResponse) notAllowed.getEntity()).error())
                .isEqualTo("This HTTP method is not allowed here; allowed: GET, POST.");
        assertThat(notAllowed.getMediaType()).isEqualTo(WireJsonWriter.JSON_UTF8);

        assertThat(((ErrorResponse) mapper.toResponse(new NotFoundException()).getEntity()).error())
                .contains("/api/data-analytics/pipeline/trigger");
        assertAnswer(new WebApplicationException(503), 503, ErrorResponseMapper.INTERNAL_ERROR);
        assertAnswer(new WebApplicationException(418), 418, "The request was refused (HTTP 418).");
    }

    private void assertAnswer(Throwable exception, int status, String error) {
        Response response = mapper.toResponse(exception);
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getMediaType()).isEqualTo(WireJsonWriter.JSON_UTF8);
        assertThat(response.getEntity()).isEqualTo(ErrorResponse.of(error));
    }
}

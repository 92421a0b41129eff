package io.pipelinetrigger.core.domain;

/** Another run is active, in this server or, for the Docker runner, on the engine (HTTP 409). */
public class PipelineBusyException extends PipelineException {

    private final String runningJobId;

    public PipelineBusyException(String runningJobId, String message) {
        super(message);
        this.runningJobId = runningJobId;
    }

    /**
     * The job id of the active run, a job this server can answer for; {@code null} when the run is none of its
     * jobs (a container of cron or of another server on the same engine), which the message names instead.
     */
    public String runningJobId() {
        return runningJobId;
    }
}

package io.pipelinetrigger.core.domain;

/** Another run is active, in this server or, for the Docker runner, on the engine (HTTP 409). */
public class PipelineBusyException extends PipelineException {

    private final String runningJobId;

    public PipelineBusyException(String runningJobId, String message) {
        super(message);
        this.runningJobId = runningJobId;
    }

    /** The job id of the active run, or, for a container started outside this server, its name. */
    public String runningJobId() {
        return runningJobId;
    }
}

package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show one job; for an ended job, exit with its result.")
final class StatusCommand extends io.pipelinetrigger.cli.Command {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job id a trigger printed")
    String jobId;

    @Override
    public Integer call() {
        Session session = session();
        Reply reply = session.api().job(jobId, 0, true);
        JsonNode json = session.accepted(reply);
        JobView job = JobView.of(json);
        if (session.json()) {
            io.out().println(reply.text());
        } else {
            io.out().println(job.jobId() + "  " + job.status() + job.outcome().filter(o -> !o.equals(job.status()))
                    .map(o -> " (" + o + ")").orElse("") + "  exitCode " + job.exitCode() + "  " + job.pipeline()
                    + job.command().map(c -> " " + c).orElse(""));
            for (JobView.Step step : job.steps()) {
                io.out().println("  " + step.name() + " " + step.status() + step.exitCode().map(c -> " (" + c + ")").orElse(""));
            }
            job.error().ifPresent(error -> io.out().println("  error: " + error));
            if (job.ended()) {
                io.out().println(Summary.of(job, io.clock().instant()));
            }
        }
        return job.ended() ? ExitCodes.forJob(job) : ExitCodes.SUCCEEDED;
    }
}

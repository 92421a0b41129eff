package io.pipelinetrigger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;

@Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Cancel a running job; with --wait, wait for it to end and exit with its result (130).")
final class CancelCommand extends io.pipelinetrigger.cli.Command {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job id a trigger printed")
    String jobId;

    @Option(names = "--wait", description = "wait until the job has ended")
    boolean await;

    @Override
    public Integer call() {
        Session session = session();
        Reply reply = session.api().cancel(jobId);
        session.accepted(reply);
        if (!await) {
            io.out().println(session.json() ? reply.text() : "cancelling " + jobId);
            return ExitCodes.SUCCEEDED;
        }
        io.err().println("pipeline-trigger: cancelling " + jobId);
        return report(session, new Watcher(session, false).await(jobId, Optional.empty()), true);
    }
}

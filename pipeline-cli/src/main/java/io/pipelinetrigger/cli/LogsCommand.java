package io.pipelinetrigger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;

@Command(name = "logs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print a job's whole log; with --follow, stream it to the end and exit with the run's result.")
final class LogsCommand extends io.pipelinetrigger.cli.Command {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job id a trigger printed")
    String jobId;

    @Option(names = "--follow", description = "stream until the job ends, then exit with its result")
    boolean follow;

    @Option(names = "--step", paramLabel = "S", description = "only this step's log: ingester or dbt")
    String step;

    @Override
    public Integer call() {
        Optional<String> only = Optional.ofNullable(step).map(name -> Closest.require("step", name, java.util.List.of("ingester", "dbt")));
        Session session = session();
        // the log is text either way: with --json it goes to stderr and stdout gets the final job view
        JobView job = new Follower(session, only, session.json() ? io.err() : io.out()).stream(jobId, follow);
        if (!follow) {
            if (session.json()) {
                io.out().println(session.accepted(session.api().job(jobId, 0, true)).toString());
            }
            return ExitCodes.SUCCEEDED;
        }
        return report(session, job, false);
    }
}

package io.pipelinetrigger.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Optional;

@Command(name = "wait", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Wait for a job to end and exit with its result (124 when --timeout passes first).")
final class WaitCommand extends io.pipelinetrigger.cli.Command {

    @Parameters(index = "0", paramLabel = "JOB_ID", description = "the job id a trigger printed")
    String jobId;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "stop waiting after this long, e.g. 10m (the run goes on)")
    String timeout;

    @Override
    public Integer call() {
        Optional<java.time.Duration> limit = Optional.ofNullable(timeout).map(text -> Durations.parse("--timeout", text));
        Session session = session();
        return report(session, new Watcher(session, true).await(jobId, limit), true);
    }
}

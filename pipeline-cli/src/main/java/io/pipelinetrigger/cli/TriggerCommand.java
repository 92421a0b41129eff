package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Duration;
import java.util.Optional;

@Command(name = "trigger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start a run; with --wait or --follow, exit with its result.")
final class TriggerCommand extends io.pipelinetrigger.cli.Command {

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "ingester, dbt or full (ingester, then dbt)")
    String pipeline;

    @Option(names = "--command", paramLabel = "C", description = "dbt command: daily (server default), run, build, test, deps, elementary")
    String command;

    @Option(names = "--openlineage", negatable = true, description = "lineage to Marquez for this run (default: the server's)")
    Boolean openlineage;

    @Option(names = "--elementary", negatable = true, description = "Elementary report for this run (default: the server's)")
    Boolean elementary;

    @Option(names = "--timeout", paramLabel = "DURATION", description = "per-step time limit of the run, e.g. 30m (default: the server's)")
    String timeout;

    @Option(names = "--on-busy", paramLabel = "MODE", description = "when a run is active: reject (exit 75, default), attach (follow that run), queue")
    String onBusy;

    @Option(names = "--idempotency-key", paramLabel = "K", description = "a retried trigger with the same key starts no second run")
    String idempotencyKey;

    @Option(names = "--wait", description = "wait for the run to end and exit with its result")
    boolean await;

    @Option(names = "--follow", description = "stream the run's log until it ends, then exit with its result")
    boolean follow;

    @Override
    public Integer call() {
        String body = body();
        String mode = onBusy == null ? "reject" : Closest.require("--on-busy mode", onBusy, Values.ON_BUSY);
        Session session = session();
        Reply reply = session.api().trigger(body, Optional.ofNullable(idempotencyKey));
        String jobId;
        if (reply.status() == 409 && mode.equals("attach") && runningJob(reply).isPresent()) {
            jobId = runningJob(reply).get();
            io.err().println("pipeline-trigger: a run is active; attaching to " + jobId);
        } else {
            JsonNode job = session.accepted(reply);
            jobId = job.path("jobId").asText();
            if (!await && !follow) {
                io.out().println(session.json() ? reply.text() : jobId);
                return ExitCodes.SUCCEEDED;
            }
            io.err().println("pipeline-trigger: started " + jobId);
        }
        if (!await && !follow) {
            io.out().println(session.json() ? session.accepted(session.api().job(jobId, 0, true)).toString() : jobId);
            return ExitCodes.SUCCEEDED;
        }
        JobView ended = follow
                ? new Follower(session, Optional.empty(), session.json() ? io.err() : io.out()).stream(jobId, true)
                : new Watcher(session, true).await(jobId, Optional.empty());
        return report(session, ended, !follow);
    }

    /** The request body; every value checked first, so bad input sends nothing. */
    private String body() {
        ObjectNode body = new ObjectMapper().createObjectNode();
        body.put("pipeline", Closest.require("pipeline", pipeline, Values.PIPELINES));
        if (command != null) {
            body.put("command", Closest.require("dbt command", command, Values.DBT_COMMANDS));
        }
        if (openlineage != null) {
            body.put("enableOpenlineage", openlineage);
        }
        if (elementary != null) {
            body.put("enableElementary", elementary);
        }
        if (timeout != null) {
            Duration limit = Durations.parse("--timeout", timeout);
            if (limit.toSeconds() < 1 || limit.toSeconds() > Values.LONGEST_TIMEOUT_SECONDS) {
                throw new CliException(ExitCodes.USAGE, "--timeout must be from 1s to 7d, got '" + timeout + "'");
            }
            body.put("timeoutSeconds", limit.toSeconds());
        }
        if ("queue".equals(onBusy)) {
            body.put("onBusy", "queue"); // attach is done here, against any server; queueing only the server can do
        }
        return body.toString();
    }

    private static Optional<String> runningJob(Reply reply) {
        try {
            JsonNode id = reply.json().path("runningJobId");
            return id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
        } catch (CliException e) {
            return Optional.empty();
        }
    }
}

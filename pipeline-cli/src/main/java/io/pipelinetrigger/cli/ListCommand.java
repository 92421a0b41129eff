package io.pipelinetrigger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "list", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List active jobs and those finished within the server's retention, newest first.")
final class ListCommand extends io.pipelinetrigger.cli.Command {

    @Option(names = "--status", paramLabel = "S", description = "only jobs in this status: running, completed, failed, cancelled, queued")
    String status;

    @Option(names = "--pipeline", paramLabel = "P", description = "only runs of this pipeline: ingester, dbt, full")
    String pipeline;

    @Option(names = "--limit", paramLabel = "N", description = "at most N jobs")
    Integer limit;

    @Override
    public Integer call() {
        Map<String, String> filters = new LinkedHashMap<>();
        if (status != null) {
            filters.put("status", Closest.require("status", status, Values.STATUSES));
        }
        if (pipeline != null) {
            filters.put("pipeline", Closest.require("pipeline", pipeline, Values.PIPELINES));
        }
        if (limit != null) {
            if (limit < 1) {
                throw new CliException(ExitCodes.USAGE, "--limit must be 1 or more, got " + limit);
            }
            filters.put("limit", limit.toString());
        }
        Session session = session();
        Reply reply = session.api().jobs(filters); // filters only when given: an older server may not know them
        JsonNode json = session.accepted(reply);
        if (session.json()) {
            io.out().println(reply.text());
            return ExitCodes.SUCCEEDED;
        }
        List<JobView> jobs = new ArrayList<>();
        for (JsonNode node : json.path("jobs")) {
            JobView job = JobView.of(node);
            // applied here too, so the answer is right whether or not the server filtered
            if ((status == null || job.status().equals(status)) && (pipeline == null || job.pipeline().equals(pipeline))
                    && (limit == null || jobs.size() < limit)) {
                jobs.add(job);
            }
        }
        io.out().println(String.format(Locale.ROOT, "%-36s %-10s %-10s %-9s %s", "JOB ID", "STATUS", "OUTCOME", "PIPELINE", "CREATED"));
        for (JobView job : jobs) {
            io.out().println(String.format(Locale.ROOT, "%-36s %-10s %-10s %-9s %s", job.jobId(), job.status(),
                    job.outcome().orElse("-"), job.pipeline(), job.json().path("createdAt").asText("-")));
        }
        return ExitCodes.SUCCEEDED;
    }
}

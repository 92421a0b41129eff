package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.util.ArrayList;
import java.util.List;

/** Asks the runner and the store whether they can do their work now. */
final class HealthService implements HealthQuery {

    private final ContainerRunner runner;
    private final JobRepository repository;

    HealthService(ContainerRunner runner, JobRepository repository) {
        this.runner = runner;
        this.repository = repository;
    }

    @Override
    public Health health() {
        List<String> problems = new ArrayList<>();
        boolean runnerReachable = passes(runner::checkReachable, "runner", problems);
        boolean storeWritable = passes(repository::checkWritable, "job store", problems);
        return new Health(runnerReachable, storeWritable, problems);
    }

    private static boolean passes(Runnable check, String what, List<String> problems) {
        try {
            check.run();
            return true;
        } catch (RuntimeException e) {
            problems.add("the " + what + " is not usable: " + e.getMessage());
            return false;
        }
    }
}

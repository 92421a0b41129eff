package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.out.ContainerRunner;
import io.pipelinetrigger.core.port.out.JobRepository;

import java.util.List;

/**
 * Asks the store and the runner whether they can do their work now, and the runner whether what the steps need
 * (their images, the network they join) is there. A runner that does not answer cannot be asked the rest, so
 * those checks fail saying so.
 */
final class HealthService implements HealthQuery {

    static final String NOT_CHECKED = "not checked: the runner does not answer.";

    private final ContainerRunner runner;
    private final JobRepository repository;

    HealthService(ContainerRunner runner, JobRepository repository) {
        this.runner = runner;
        this.repository = repository;
    }

    @Override
    public Health health() {
        Check store = check(STORE, repository::checkWritable);
        Check reachable = check(RUNNER, runner::checkReachable);
        if (!reachable.passed()) {
            return new Health(List.of(store, reachable, Check.failed(IMAGES, NOT_CHECKED), Check.failed(NETWORK, NOT_CHECKED)));
        }
        return new Health(List.of(store, reachable, check(IMAGES, runner::checkImages), check(NETWORK, runner::checkNetwork)));
    }

    private static Check check(String name, Runnable check) {
        try {
            check.run();
            return Check.ok(name);
        } catch (RuntimeException e) {
            return Check.failed(name, oneLine(e));
        }
    }

    private static String oneLine(RuntimeException e) {
        String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
        return message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}

package io.pipelinetrigger.core.application;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.inmemory.InMemoryJobRepository;
import io.pipelinetrigger.core.port.in.HealthQuery.Check;
import io.pipelinetrigger.core.port.in.HealthQuery.Health;
import io.pipelinetrigger.core.port.out.JobRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class HealthServiceTest {

    private final FakeContainerRunner runner = new FakeContainerRunner();

    @Test
    void a_reachable_runner_and_a_writable_store_are_healthy_check_by_check() {
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).build()) {
            assertThat(trigger.health()).isEqualTo(new Health(List.of(Check.ok("store"), Check.ok("runner"),
                    Check.ok("images"), Check.ok("network"))));
            assertThat(trigger.health().healthy()).isTrue();
        }
    }

    @Test
    void an_unreachable_runner_and_an_unwritable_store_are_each_named() {
        runner.unreachable("The Docker engine does not answer.");

        Health health = new HealthService(runner, new UnwritableStore()).health();

        assertThat(health.healthy()).isFalse();
        assertThat(health.checks()).containsExactly(Check.failed("store", "disk full"),
                Check.failed("runner", "The Docker engine does not answer."),
                Check.failed("images", HealthService.NOT_CHECKED), Check.failed("network", HealthService.NOT_CHECKED));
        assertThat(health.problems()).startsWith("store: disk full", "runner: The Docker engine does not answer.");
    }

    @Test
    void a_missing_image_or_network_is_unhealthy_and_named_on_one_line() {
        runner.imagesMissing("Image dbt:1.8 of step dbt is not on the Docker engine.\nPull it.")
                .networkMissing("Network pipeline_default does not exist.");

        Health health = new HealthService(runner, new InMemoryJobRepository()).health();

        assertThat(health.healthy()).isFalse();
        assertThat(health.checks()).containsExactly(Check.ok("store"), Check.ok("runner"),
                Check.failed("images", "Image dbt:1.8 of step dbt is not on the Docker engine. Pull it."),
                Check.failed("network", "Network pipeline_default does not exist."));
    }

    /** A store whose disk is full: reads work, writes do not. */
    private static final class UnwritableStore implements JobRepository {
        private final InMemoryJobRepository jobs = new InMemoryJobRepository();

        @Override
        public void checkWritable() {
            throw new IllegalStateException("disk full");
        }

        @Override
        public Optional<Job> insertIfNoneActive(Job job) {
            throw new IllegalStateException("disk full");
        }

        @Override
        public boolean update(Job job) {
            throw new IllegalStateException("disk full");
        }

        @Override
        public Optional<Job> findByIdempotencyKey(String key) {
            return jobs.findByIdempotencyKey(key);
        }

        @Override
        public Optional<Job> findById(JobId id) {
            return jobs.findById(id);
        }

        @Override
        public List<Job> findAll() {
            return jobs.findAll();
        }

        @Override
        public Optional<Job> findActive() {
            return jobs.findActive();
        }

        @Override
        public List<JobId> deleteFinishedBefore(Instant cutoff) {
            return jobs.deleteFinishedBefore(cutoff);
        }
    }
}

package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.FeatureFlags;
import io.pipelinetrigger.core.domain.Firing;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.IdempotencyKey;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.JobSpec;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.Jobs;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.JobRepositoryContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository contract plus what only a database store has to prove: exact round trips of text and time, and
 * that the database itself (not a lock in one process) decides between pools that race on one database.
 */
abstract class JdbcJobRepositoryContract extends JobRepositoryContract {

    private final List<JdbcJobRepository> opened = new ArrayList<>();

    /** The same empty database every time it is called within one test. */
    protected abstract JdbcStoreConfig storeOfThisTest();

    @Override
    protected JobRepository emptyRepository() {
        return openStore();
    }

    protected JdbcJobRepository openStore() {
        return openStore(Optional.empty());
    }

    /** A store of one replica among several on this database. */
    protected JdbcJobRepository openStore(Optional<String> replicaId) {
        JdbcJobRepository store = JdbcJobRepository.open(storeOfThisTest(), replicaId);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcJobRepository::close);
        opened.clear();
    }

    @Test
    void output_and_error_with_any_unicode_and_nul_characters_come_back_unchanged() {
        Job job = Jobs.aRunningJob();
        repository.insertIfNoneActive(job);
        String output = "nul \u0000 emoji \uD83D\uDE80 cjk 漢字 combining e\u0301 rtl שלום ctrl \u0007\r\n";
        Job failed = job.withOutput(output).fail("Step died: \u0000 ✗ \uD83D\uDCA5", OptionalInt.of(-9),
                T0.plusSeconds(1), output + "tail");

        repository.update(failed);

        assertThat(repository.findById(job.id())).contains(failed);
    }

    @Test
    void instants_keep_their_nanoseconds() {
        Instant created = Instant.parse("2024-03-15T10:15:30.123456789Z");
        Job job = Jobs.aRunningJob(Jobs.anId("nan000"), created);
        Job started = job.stepStarted(StepName.DBT, created.plusNanos(1));
        repository.insertIfNoneActive(job);

        repository.update(started);

        assertThat(repository.findById(job.id())).contains(started);
    }

    @Test
    void a_job_with_a_taken_id_or_idempotency_key_is_refused_as_a_programming_error() {
        Job keyed = Job.accepted(Jobs.anId("key001"), Jobs.aDbtSpec(), Optional.of(new IdempotencyKey("k-1", "f")), T0);
        repository.insertIfNoneActive(keyed);
        repository.update(keyed.fail("Gone.", OptionalInt.empty(), T0.plusSeconds(1), ""));

        assertThatThrownBy(() -> repository.insertIfNoneActive(Jobs.aRunningJob(keyed.id(), T0.plusSeconds(2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(keyed.id().value());
        Job sameKey = Job.accepted(Jobs.anId("key002"), Jobs.aDbtSpec(), Optional.of(new IdempotencyKey("k-1", "f")),
                T0.plusSeconds(3));
        assertThatThrownBy(() -> repository.insertIfNoneActive(sameKey))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("k-1");
        assertThat(repository.findActive()).isEmpty();
    }

    @Test
    void updating_a_job_that_was_never_saved_is_a_programming_error() {
        assertThatThrownBy(() -> repository.update(Jobs.aRunningJob()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("abc123");
    }

    @Test
    void a_second_pool_on_the_same_database_sees_the_active_job_and_cannot_add_another() {
        Job first = Jobs.aRunningJob(Jobs.anId("pool01"), T0);
        repository.insertIfNoneActive(first);
        JdbcJobRepository secondPool = openStore();

        assertThat(secondPool.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("pool02"), T0.plusSeconds(1))))
                .contains(first);
        assertThat(secondPool.findAll()).containsExactly(first);
    }

    @Test
    void the_database_itself_refuses_a_second_running_job_written_around_the_repository() throws SQLException {
        repository.insertIfNoneActive(Jobs.aRunningJob(Jobs.anId("cons01"), T0));

        try (Connection connection = connect();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO jobs (id, pipeline,"
                     + " enable_openlineage, enable_elementary, status, active_slot, created_at_nanos, output_utf8)"
                     + " VALUES ('dbt-1710460800000-cons02', 'dbt', TRUE, TRUE, 'running', 1, 0, ?)")) {
            insert.setBytes(1, new byte[0]);
            assertThatThrownBy(insert::executeUpdate)
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23505"));
        }
    }

    @Test
    void racing_inserts_through_two_pools_admit_exactly_one_job() throws Exception {
        List<JdbcJobRepository> pools = List.of((JdbcJobRepository) repository, openStore());
        List<Callable<Optional<Job>>> inserts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Job job = Jobs.aRunningJob(Jobs.anId(String.format("p%05d", i)), T0.plusMillis(i));
            JdbcJobRepository pool = pools.get(i % 2);
            inserts.add(() -> pool.insertIfNoneActive(job));
        }

        List<Optional<Job>> results = runAll(inserts);

        assertThat(results.stream().filter(Optional::isEmpty)).hasSize(1);
        Job winner = repository.findActive().orElseThrow();
        assertThat(results.stream().flatMap(Optional::stream)).allMatch(winner::equals);
        assertThat(pools.get(1).findAll()).containsExactly(winner);
    }

    @Test
    void racing_firings_of_one_schedule_through_two_pools_save_exactly_one_job_and_one_record() throws Exception {
        List<JdbcJobRepository> pools = List.of((JdbcJobRepository) repository, openStore());
        Firing firing = new Firing("nightly", T0.plusSeconds(7200));
        List<Callable<Boolean>> firings = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Job job = Jobs.aCompletedJob(Jobs.anId(String.format("f%05d", i)), T0.plusMillis(i));
            JdbcJobRepository pool = pools.get(i % 2);
            firings.add(() -> {
                try {
                    return pool.insertIfNoneActive(job, List.of(), firing.started(job.id(), T0)).isEmpty();
                } catch (FiringAlreadyRecordedException lost) {
                    return false;
                }
            });
        }

        List<Boolean> results = runAll(firings);

        assertThat(results.stream().filter(Boolean::booleanValue)).hasSize(1);
        Job saved = pools.get(1).findAll().get(0);
        assertThat(pools.get(1).findAll()).hasSize(1);
        assertThat(repository.lastFirings()).singleElement()
                .satisfies(record -> assertThat(record.jobId()).contains(saved.id()));
    }

    @Test
    void a_long_skip_reason_is_cut_to_fit_its_column() {
        String reason = "Skipped: " + "x".repeat(5000);

        assertThat(repository.recordFiring(new Firing("nightly", T0).skipped(reason, T0))).isTrue();

        String kept = repository.lastFirings().get(0).skipReason().orElseThrow();
        assertThat(kept).hasSize(4000).startsWith("Skipped: xxx").endsWith("…");
    }

    @Test
    void racing_ends_through_two_pools_let_exactly_one_end_stand() throws Exception {
        Job job = Jobs.aRunningJob(Jobs.anId("end000"), T0);
        repository.insertIfNoneActive(job);
        List<JdbcJobRepository> pools = List.of((JdbcJobRepository) repository, openStore());
        List<Job> ends = new ArrayList<>();
        List<Callable<Boolean>> updates = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Job end = i % 2 == 0
                    ? job.cancel("Cancelled " + i + ".", OptionalInt.empty(), T0.plusSeconds(i), "c" + i)
                    : job.fail("Failed " + i + ".", OptionalInt.of(i), T0.plusSeconds(i), "f" + i);
            ends.add(end);
            JdbcJobRepository pool = pools.get(i % 2);
            updates.add(() -> pool.update(end));
        }

        List<Boolean> results = runAll(updates);

        assertThat(results.stream().filter(Boolean::booleanValue)).hasSize(1);
        Job kept = ends.get(results.indexOf(true));
        assertThat(repository.findById(job.id())).contains(kept);
        assertThat(pools.get(1).findById(job.id())).contains(kept);
    }

    @Test
    void a_replica_whose_lease_was_taken_over_can_no_longer_write_the_job_and_its_adopter_can() {
        JdbcJobRepository a = openStore(Optional.of("replica-a"));
        JdbcJobRepository b = openStore(Optional.of("replica-b"));
        Job job = Jobs.aRunningJob(Jobs.anId("fence0"), T0);
        a.insertIfNoneActive(job);
        a.claimLease(job.id(), "replica-a", T0, T0.plusSeconds(20));
        Job started = job.stepStarted(StepName.DBT, T0.plusSeconds(1));
        assertThat(a.update(started)).as("the holder writes").isTrue();
        assertThat(b.update(started.withOutput("b was here"))).as("a replica without the lease does not").isFalse();

        assertThat(b.claimLease(job.id(), "replica-b", T0.plusSeconds(20), T0.plusSeconds(40))).isTrue();

        Job lateEnd = started.fail("A's late word.", OptionalInt.of(1), T0.plusSeconds(21), "a");
        assertThat(a.update(lateEnd)).isFalse();
        assertThat(a.updateOutput(job.id(), "a's late output")).isFalse();
        Job adopterEnd = started.stepExited(StepName.DBT, 5, T0.plusSeconds(22)).complete(T0.plusSeconds(22), "b");
        assertThat(b.update(adopterEnd)).isTrue();
        assertThat(a.findById(job.id())).contains(adopterEnd);
    }

    @Test
    void deleting_a_finished_job_deletes_its_steps() throws SQLException {
        repository.insertIfNoneActive(Jobs.aCompletedJob(Jobs.anId("gone00"), T0));

        assertThat(repository.deleteFinishedBefore(Instant.MAX)).containsExactly(Jobs.anId("gone00"));

        try (Connection connection = connect(); Statement statement = connection.createStatement();
             var rows = statement.executeQuery("SELECT COUNT(*) FROM job_steps")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void a_job_with_a_step_timeout_and_no_dbt_command_round_trips() {
        Job job = Job.accepted(JobId.of("ingester-1710460800000-ing000"), new JobSpec(Pipeline.INGESTER,
                Optional.empty(), new FeatureFlags(true, false), Optional.of(Duration.ofSeconds(90, 5))), T0);

        repository.insertIfNoneActive(job);

        assertThat(repository.findById(job.id())).contains(job);
    }

    @Test
    void a_store_flyway_brought_to_the_current_schema_is_known_current_without_flyway() throws SQLException {
        openStore(); // the test's store, created empty: Flyway has migrated it from scratch

        try (Connection connection = connect()) {
            assertThat(SchemaHistory.isCurrent(connection)).isTrue();
            assertThat(SchemaHistory.currentVersion(connection)).isEqualTo(String.valueOf(SchemaHistory.NEWEST_SHIPPED));
        }
    }

    private Connection connect() throws SQLException {
        JdbcStoreConfig config = storeOfThisTest();
        return DriverManager.getConnection(config.jdbcUrl(), config.user().orElse(null), config.password().orElse(null));
    }

    private static <T> List<T> runAll(List<Callable<T>> tasks) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> result : threads.invokeAll(tasks)) {
                results.add(result.get());
            }
            return results;
        } finally {
            threads.shutdownNow();
        }
    }
}

package io.pipelinetrigger.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pipelinetrigger.core.domain.FiringAlreadyRecordedException;
import io.pipelinetrigger.core.domain.FiringRecord;
import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.domain.JobFilter;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.QueuedJob;
import io.pipelinetrigger.core.port.out.Delivery;
import io.pipelinetrigger.core.port.out.DeliveryAttempt;
import io.pipelinetrigger.core.port.out.DeliveryOutbox;
import io.pipelinetrigger.core.port.out.JobLease;
import io.pipelinetrigger.core.port.out.JobRepository;
import io.pipelinetrigger.core.port.out.OutboxMessage;
import io.pipelinetrigger.core.port.out.OutputArchive;
import io.pipelinetrigger.jdbc.JobReader.Selection;

import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Jobs in a relational database (embedded H2 by default, or PostgreSQL), reached through a HikariCP pool and
 * brought to the current schema by Flyway when opened. The database decides the races: a unique constraint admits
 * one running job, and an update applies only while the saved job still runs, so several servers (or pools) on
 * one database cannot start two jobs or end one twice. Queued jobs are rows too (V7), counted under a lock row so
 * that racing enqueues keep the queue's limit. A schedule firing's record is saved with its job (V9), and its primary
 * key admits one record per firing.
 */
public final class JdbcJobRepository implements JobRepository, DeliveryOutbox, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JdbcJobRepository.class.getName());
    private static final Comparator<Job> NEWEST_FIRST =
            Comparator.comparing(Job::createdAt).thenComparing(j -> j.id().value()).reversed();

    /** The look-up after a refused insert can find the active job gone already; then the insert is tried again. */
    private static final int INSERT_ATTEMPTS = 5;

    private final HikariDataSource dataSource;
    private final Transactions transactions;
    private final String location;
    private final SqlDialect dialect;
    /** The replica this store writes for, on a store shared by replicas: its updates keep to the jobs it leases. */
    private final Optional<String> writer;
    private JdbcOutputArchive archive;

    private JdbcJobRepository(HikariDataSource dataSource, String location, SqlDialect dialect, Optional<String> writer) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource, location);
        this.location = location;
        this.dialect = dialect;
        this.writer = writer;
    }

    /**
     * Connects, brings the schema up to date and returns the store; close it to release its connections.
     *
     * @throws RuntimeException with one sentence naming the store when it cannot be reached or migrated
     */
    public static JdbcJobRepository open(JdbcStoreConfig config) {
        return open(config, Optional.empty());
    }

    /**
     * {@link #open(JdbcStoreConfig)} for one replica of several on this store: its updates of a running job apply
     * only while no other replica holds the job's lease (docs/operations.md, "Replicas").
     */
    public static JdbcJobRepository open(JdbcStoreConfig config, Optional<String> replicaId) {
        if (EmptyStoreTemplate.copyIfAbsent(config)) {
            LOG.log(Level.INFO, "Job store at {0} was created from the jar''s empty store.", config.location());
        }
        HikariDataSource dataSource = connect(config);
        SqlDialect dialect;
        try {
            dialect = SqlDialect.of(dataSource);
            SchemaMigration migration = SchemaMigration.run(dataSource, dialect);
            LOG.log(Level.INFO, "Job store at {0} is ready (schema version {1}, {2} migration(s) applied now).",
                    config.location(), migration.version(), migration.applied());
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("The job store at " + config.location() + " could not be brought to the current"
                    + " schema: " + e.getMessage(), e);
        }
        return new JdbcJobRepository(dataSource, config.location(), dialect, replicaId);
    }

    private static HikariDataSource connect(JdbcStoreConfig config) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("pipeline-trigger-jobs");
        pool.setJdbcUrl(config.jdbcUrl());
        config.user().ifPresent(pool::setUsername);
        config.password().ifPresent(pool::setPassword);
        pool.setMaximumPoolSize(config.poolSize());
        pool.setMinimumIdle(1);
        pool.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new StoreException("The job store at " + config.location() + " could not be reached: "
                    + StoreException.rootMessage(e), e);
        }
    }

    /**
     * The insert first: the database decides, and the active job is looked up only when it refused. (The trigger
     * asked for the active job just before, so asking again first would only repeat that read.)
     */
    @Override
    public Optional<Job> insertIfNoneActive(Job job) {
        return insertIfNoneActive(job, List.of());
    }

    /** The job and its webhook messages in one transaction (docs/webhooks.md, "Delivery"). */
    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages) {
        return insert(job, messages, Optional.empty());
    }

    /** The job, its messages and the record of the schedule firing that made it, in one transaction (V9). */
    @Override
    public Optional<Job> insertIfNoneActive(Job job, List<OutboxMessage> messages, FiringRecord firing) {
        return insert(job, messages, Optional.of(firing));
    }

    private Optional<Job> insert(Job job, List<OutboxMessage> messages, Optional<FiringRecord> firing) {
        for (int attempt = 1; attempt <= INSERT_ATTEMPTS; attempt++) {
            if (transactions.tryWrite("save job " + job.id(), connection -> {
                if (firing.isPresent()) {
                    FiringRows.insert(connection, firing.get());
                }
                JobRows.insert(connection, job);
                OutboxRows.insert(connection, messages);
            })) {
                return Optional.empty();
            }
            // A unique constraint refused a row: the firing is recorded, another job runs, or this id or key is taken.
            if (firing.isPresent() && isRecorded(firing.get())) {
                throw new FiringAlreadyRecordedException(firing.get().firing());
            }
            Optional<Job> active = findActive();
            if (active.isPresent()) {
                return active;
            }
            if (findById(job.id()).isPresent()) {
                throw new IllegalArgumentException("a job with id " + job.id() + " already exists");
            }
            if (job.idempotencyKey().isPresent()
                    && findByIdempotencyKey(job.idempotencyKey().get().key()).isPresent()) {
                throw new IllegalArgumentException("a job with idempotency key " + job.idempotencyKey().get().key()
                        + " already exists");
            }
            LOG.log(Level.DEBUG, "Job {0}: the job that blocked it ended meanwhile; trying again.", job.id());
        }
        throw new StoreException("Job " + job.id() + " could not be saved: the active job kept changing while "
                + INSERT_ATTEMPTS + " attempts were made.");
    }

    @Override
    public boolean update(Job job) {
        return update(job, List.of());
    }

    @Override
    public boolean update(Job job, List<OutboxMessage> messages) {
        return transactions.write("update job " + job.id(), connection -> {
            if (JobRows.updateWhileRunning(connection, job, writer)) {
                OutboxRows.insert(connection, messages);
                return true;
            }
            if (!JobRows.exists(connection, job.id())) {
                throw new IllegalArgumentException("no job with id " + job.id() + " to update");
            }
            LOG.log(Level.DEBUG, "Job {0} has already ended; its update to {1} is refused.", job.id(),
                    job.status().wireName());
            return false;
        });
    }

    @Override
    public boolean updateOutput(JobId id, String output) {
        return transactions.write("save the output of job " + id, connection -> {
            if (JobRows.updateOutputWhileRunning(connection, id, output, writer)) {
                return true;
            }
            if (!JobRows.exists(connection, id)) {
                throw new IllegalArgumentException("no job with id " + id + " to update");
            }
            return false;
        });
    }

    @Override
    public Optional<Job> findByIdempotencyKey(String key) {
        return first(read("find the job of an idempotency key", Selection.BY_IDEMPOTENCY_KEY, key));
    }

    @Override
    public Optional<Job> findById(JobId id) {
        return first(read("find job " + id, Selection.BY_ID, id.value()));
    }

    @Override
    public List<Job> findAll() {
        return read("list the jobs", Selection.ALL).stream().sorted(NEWEST_FIRST).toList();
    }

    @Override
    public List<Job> findPage(JobFilter filter, Instant finishedNotBefore, int max) {
        return transactions.read("read a page of the jobs",
                connection -> new JobPageQuery(filter, finishedNotBefore, max).select(connection));
    }

    @Override
    public Optional<Job> findActive() {
        return first(read("find the active job", Selection.ACTIVE));
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit) {
        return transactions.write("queue job " + job.job().id(), connection -> QueueRows.enqueue(connection, job, limit));
    }

    @Override
    public OptionalInt enqueue(QueuedJob job, int limit, FiringRecord firing) {
        Optional<OptionalInt> position = transactions.tryWriteValue("queue job " + job.job().id(), connection -> {
            OptionalInt place = QueueRows.enqueue(connection, job, limit);
            if (place.isPresent()) {
                FiringRows.insert(connection, firing);
            }
            return place;
        });
        return position.orElseThrow(() -> new FiringAlreadyRecordedException(firing.firing()));
    }

    @Override
    public boolean recordFiring(FiringRecord skipped) {
        return transactions.tryWriteIf("record a firing of schedule " + skipped.firing().schedule(), connection -> {
            if (FiringRows.isRecorded(connection, skipped.firing())) {
                return false;
            }
            FiringRows.insert(connection, skipped);
            return true;
        });
    }

    @Override
    public List<FiringRecord> lastFirings() {
        return transactions.read("read the schedules' last firings", FiringRows::all);
    }

    private boolean isRecorded(FiringRecord firing) {
        return transactions.read("read a schedule's firing", c -> FiringRows.isRecorded(c, firing.firing()));
    }

    @Override
    public List<QueuedJob> findQueued() {
        return transactions.read("list the queued jobs", QueueRows::queued);
    }

    @Override
    public boolean startQueued(Job started) {
        return startQueued(started, List.of());
    }

    /** The start and its {@code job.started} messages in one transaction (docs/webhooks.md, "Delivery"). */
    @Override
    public boolean startQueued(Job started, List<OutboxMessage> messages) {
        return transactions.tryWriteIf("start queued job " + started.id(), connection -> {
            if (!JobRows.updateWhileQueued(connection, started)) {
                return false;
            }
            OutboxRows.insert(connection, messages);
            return true;
        });
    }

    /** A real write of the heartbeat row: refused by a read-only database, a closed pool or an unreachable server. */
    @Override
    public void checkWritable() {
        transactions.write("check that jobs can be written", connection -> {
            try (var statement = connection.createStatement()) {
                return statement.executeUpdate("UPDATE store_heartbeat SET beat = beat + 1 WHERE id = 1");
            }
        });
    }

    @Override
    public List<JobId> deleteFinishedBefore(Instant cutoff) {
        return transactions.write("delete the jobs finished before " + cutoff, connection -> {
            List<JobId> removed = JobRows.deleteFinishedBefore(connection, dialect, cutoff);
            OutboxRows.deleteSettledOf(connection, removed);
            return removed;
        });
    }

    @Override
    public boolean claimLease(JobId id, String holder, Instant now, Instant until) {
        return transactions.write("lease job " + id, c -> LeaseRows.claimJob(c, id, holder, now, until));
    }

    @Override
    public Optional<JobLease> renewLease(JobId id, String holder, Instant until) {
        return transactions.write("renew the lease of job " + id, c -> LeaseRows.renewJob(c, id, holder, until));
    }

    @Override
    public void releaseLease(JobId id, String holder) {
        transactions.write("release the lease of job " + id, c -> {
            LeaseRows.releaseJob(c, id, holder);
            return null;
        });
    }

    @Override
    public Optional<JobLease> findLease(JobId id) {
        return transactions.read("find the lease of job " + id, c -> LeaseRows.findJob(c, id));
    }

    @Override
    public List<JobId> findAdoptable(Instant now, String holder, Instant unleasedBefore) {
        return transactions.read("find the jobs to adopt", c -> LeaseRows.adoptable(c, now, holder, unleasedBefore));
    }

    @Override
    public boolean requestCancel(JobId id) {
        return transactions.write("request the cancel of job " + id, c -> LeaseRows.requestCancel(c, id));
    }

    @Override
    public boolean claimTask(String task, String holder, Instant now, Instant until) {
        return transactions.tryWriteIf("take the turn of " + task, c -> LeaseRows.claimTask(c, task, holder, now, until));
    }

    @Override
    public void releaseTask(String task, String holder) {
        transactions.write("release the turn of " + task, c -> {
            LeaseRows.releaseTask(c, task, holder);
            return null;
        });
    }

    @Override
    public List<Delivery> dueDeliveries(Instant now, int limit) {
        return transactions.read("find the webhook messages due", connection -> OutboxRows.due(connection, now, limit));
    }

    @Override
    public void recordAttempt(OutboxMessage message, DeliveryAttempt attempt, Optional<Instant> nextAttemptAt) {
        transactions.write("record a webhook attempt of " + message.eventId(), connection -> {
            OutboxRows.recordAttempt(connection, message, attempt, nextAttemptAt);
            return null;
        });
    }

    @Override
    public List<Delivery> deliveriesOf(JobId jobId) {
        return transactions.read("list the webhook messages of job " + jobId,
                connection -> OutboxRows.ofJob(connection, jobId));
    }

    /**
     * The output archive in this store's database (docs/operations.md, "Replicas"): every server on the database
     * reads the same log. One per store, on the store's pool; closing the store writes what it still holds.
     */
    public synchronized OutputArchive outputArchive() {
        return outputArchive(JdbcOutputArchive.DEFAULT_SETTINGS);
    }

    synchronized JdbcOutputArchive outputArchive(JdbcOutputArchive.Settings settings) {
        if (archive == null) {
            archive = new JdbcOutputArchive(transactions, settings);
        }
        return archive;
    }

    /** Closes every connection; an embedded H2 database is closed with its last one. */
    @Override
    public void close() {
        synchronized (this) {
            if (archive != null) {
                archive.close();
            }
        }
        dataSource.close();
        LOG.log(Level.DEBUG, "Job store at {0} is closed.", location);
    }

    private List<Job> read(String action, Selection selection, String... parameters) {
        return transactions.read(action, connection -> JobReader.select(connection, selection, parameters));
    }

    private Optional<Job> first(List<Job> jobs) {
        return jobs.stream().findFirst();
    }

}

package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.fixtures.OutputArchiveContract;
import io.pipelinetrigger.core.port.out.OutputArchive;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The archive contract on the store's {@code job_log_chunks}: another server's archive is one on a second store
 * (its own pool) over the same database. Rows of 64 KiB, so the contract's reads cross many rows.
 */
abstract class JdbcOutputArchiveContract extends OutputArchiveContract {

    static final JdbcOutputArchive.Settings SMALL_ROWS = new JdbcOutputArchive.Settings(64 * 1024, Duration.ofMillis(20));

    private final List<JdbcJobRepository> opened = new ArrayList<>();
    private OutputArchive archive;

    /** The database of this test (the same for every call within it). */
    protected abstract JdbcStoreConfig storeOfThisTest();

    @Override
    protected OutputArchive archive() {
        if (archive == null) {
            archive = openStore().outputArchive(SMALL_ROWS);
        }
        return archive;
    }

    @Override
    protected OutputArchive anotherServersArchive() {
        return openStore().outputArchive(SMALL_ROWS);
    }

    JdbcJobRepository openStore() {
        JdbcJobRepository store = JdbcJobRepository.open(storeOfThisTest());
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(JdbcJobRepository::close);
        opened.clear();
    }
}

package io.pipelinetrigger.jdbc;

import io.pipelinetrigger.core.domain.Job;
import io.pipelinetrigger.core.fixtures.Jobs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;

import static io.pipelinetrigger.core.fixtures.Jobs.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store on a real embedded H2 file database, the server's default, one fresh data directory per test. */
class H2JobRepositoryTest extends JdbcJobRepositoryContract {

    @TempDir
    Path dataDir;

    @Override
    protected JdbcStoreConfig storeOfThisTest() {
        return JdbcStoreConfig.h2File(dataDir.resolve("data"));
    }

    @Test
    void jobs_survive_closing_and_reopening_the_store() {
        Job finished = Jobs.aCompletedJob(Jobs.anId("keep01"), T0);
        Job running = Jobs.aRunningJob(Jobs.anId("keep02"), T0.plusSeconds(60)).withOutput("still going ✓");
        JdbcJobRepository first = JdbcJobRepository.open(storeOfThisTest());
        first.insertIfNoneActive(finished);
        first.insertIfNoneActive(running);
        first.close();

        try (JdbcJobRepository reopened = JdbcJobRepository.open(storeOfThisTest())) {
            assertThat(reopened.findAll()).containsExactly(running, finished);
            assertThat(reopened.findActive()).contains(running);
            Job ended = running.fail("Lost.", OptionalInt.empty(), T0.plusSeconds(61), "bye");
            assertThat(reopened.update(ended)).isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("data").resolve(JdbcStoreConfig.H2_FILE_NAME + ".mv.db"))).isTrue();
    }

    @Test
    void a_closed_store_refuses_work_with_a_sentence_naming_it() {
        JdbcJobRepository store = openStore();
        store.close();

        assertThatThrownBy(store::findAll).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("The job store at jdbc:h2:file:")
                .hasMessageNotContaining("WRITE_DELAY");
    }

    @Test
    void an_open_store_is_writable_and_a_read_only_one_says_it_is_not() throws Exception {
        try (JdbcJobRepository store = openStore()) {
            store.checkWritable();
        }
        // a copy of the files, so this JVM has not got the database open already (it would ignore the mode)
        Path copy = Files.createDirectories(dataDir.resolve("read-only"));
        try (var files = Files.list(dataDir.resolve("data"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".mv.db")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        JdbcStoreConfig readOnly = JdbcStoreConfig.of(JdbcStoreConfig.h2File(copy).jdbcUrl() + ";ACCESS_MODE_DATA=r")
                .withUser("sa");

        try (JdbcJobRepository store = JdbcJobRepository.open(readOnly)) {
            assertThat(store.findAll()).isEmpty();
            assertThatThrownBy(store::checkWritable).isInstanceOf(StoreException.class)
                    .hasMessageContaining("check that jobs can be written");
        }
    }
}

package io.pipelinetrigger.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcStoreConfigTest {

    @TempDir
    Path dataDir;

    @Test
    void the_default_store_is_an_h2_file_in_the_data_directory_without_a_tcp_server() {
        JdbcStoreConfig config = JdbcStoreConfig.h2File(dataDir);

        assertThat(config.jdbcUrl())
                .startsWith("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("pipeline-trigger") + ";")
                .contains("DB_CLOSE_ON_EXIT=FALSE", "WRITE_DELAY=0")
                .doesNotContain("AUTO_SERVER");
        assertThat(config.user()).contains("sa");
        assertThat(config.password()).isEmpty();
        assertThat(config.poolSize()).isEqualTo(JdbcStoreConfig.DEFAULT_POOL_SIZE);
    }

    @Test
    void only_the_default_store_with_its_own_user_and_no_password_names_its_file_for_the_empty_store_copy() {
        JdbcStoreConfig defaults = JdbcStoreConfig.h2File(dataDir);
        Path file = dataDir.toAbsolutePath().resolve("pipeline-trigger.mv.db");

        assertThat(defaults.defaultEmbeddedFile()).contains(file);
        assertThat(defaults.withPoolSize(9).defaultEmbeddedFile()).contains(file);
        assertThat(defaults.withUser("pipeline").defaultEmbeddedFile()).isEmpty();
        assertThat(defaults.withPassword("").defaultEmbeddedFile()).isEmpty();
        assertThat(JdbcStoreConfig.of(defaults.jdbcUrl()).defaultEmbeddedFile()).isEmpty();
        assertThat(JdbcStoreConfig.of(defaults.jdbcUrl() + ";MODE=PostgreSQL").withUser("sa").defaultEmbeddedFile())
                .isEmpty();
        assertThat(JdbcStoreConfig.of("jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("other")
                + JdbcStoreConfig.H2_FILE_SETTINGS).withUser("sa").defaultEmbeddedFile()).isEmpty();
        assertThat(JdbcStoreConfig.of("jdbc:h2:file:/x;FOO=1" + JdbcStoreConfig.H2_FILE_SETTINGS).withUser("sa")
                .defaultEmbeddedFile()).isEmpty();
    }

    @Test
    void a_data_directory_whose_path_would_end_the_h2_url_is_refused() {
        assertThatThrownBy(() -> JdbcStoreConfig.h2File(dataDir.resolve("a;b")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("';'");
    }

    @Test
    void the_printed_config_shows_neither_the_password_nor_the_url_settings() {
        JdbcStoreConfig config = JdbcStoreConfig.of("jdbc:postgresql://db:5432/jobs?password=s3cret")
                .withUser("pipeline").withPassword("hunter2").withPoolSize(8);

        assertThat(config.toString()).contains("jdbc:postgresql://db:5432/jobs", "pipeline", "poolSize=8")
                .doesNotContain("hunter2", "s3cret");
    }

    @Test
    void a_url_that_is_not_jdbc_or_a_pool_size_out_of_range_is_refused() {
        assertThatThrownBy(() -> JdbcStoreConfig.of("postgresql://db/jobs"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:");
        assertThatThrownBy(() -> JdbcStoreConfig.of("jdbc:mysql://db/jobs?password=s3cret"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql: or jdbc:h2:")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> JdbcStoreConfig.of("jdbc:h2:mem:x").withPoolSize(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool size");
    }

    @Test
    void opening_a_store_that_cannot_be_reached_fails_with_one_sentence_naming_it_without_secrets() {
        JdbcStoreConfig unreachable = new JdbcStoreConfig("jdbc:postgresql://127.0.0.1:1/jobs?connectTimeout=2",
                Optional.of("pipeline"), Optional.of("hunter2"), 1);

        assertThatThrownBy(() -> JdbcJobRepository.open(unreachable))
                .isInstanceOf(StoreException.class)
                .hasMessageStartingWith("The job store at jdbc:postgresql://127.0.0.1:1/jobs could not be reached")
                .hasMessageNotContaining("hunter2");
    }
}

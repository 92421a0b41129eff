package io.pipelinetrigger.app.packaging;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The systemd unit under packaging/ is what operators install: systemd itself must accept every line of it
 * ({@code systemd-analyze verify} exits 0 even for a line it ignores, so its messages must be empty too).
 */
class SystemdUnitTest {

    private static final Path UNIT = Path.of("..", "packaging", "systemd", "pipeline-trigger.service");
    private static final Path SYSTEMD_ANALYZE = Path.of("/usr/bin/systemd-analyze");

    @Test
    void systemdAcceptsEveryLineOfTheShippedUnit() throws Exception {
        requireSystemdAnalyze();
        Verification verification = verify(UNIT);

        assertThat(verification.messagesAboutTheUnit()).as("systemd-analyze verify said").isEmpty();
        assertThat(verification.exitCode()).isZero();
    }

    @Test
    void theCheckWouldCatchALineSystemdIgnores() throws Exception {
        requireSystemdAnalyze();
        Path broken = Files.createTempDirectory("unit").resolve("pipeline-trigger.service");
        Files.writeString(broken, Files.readString(UNIT).replace("Restart=on-failure", "Restart=sometimes"));

        assertThat(verify(broken).messagesAboutTheUnit()).anyMatch(line -> line.contains("sometimes"));
    }

    @Test
    void theUnitRestartsOnFailureAsTheDedicatedUserWithItsStateDirectoryAndEnvFile() throws IOException {
        List<String> lines = Files.readAllLines(UNIT);

        assertThat(lines).contains("Restart=on-failure", "User=pipeline-trigger", "StateDirectory=pipeline-trigger",
                "EnvironmentFile=/etc/pipeline-trigger/env", "NoNewPrivileges=yes", "ProtectSystem=strict");
        assertThat(lines).anyMatch(line -> line.startsWith("Environment=PIPELINE_DATA_DIR=/var/lib/pipeline-trigger"));
    }

    private static void requireSystemdAnalyze() {
        boolean present = Files.isExecutable(SYSTEMD_ANALYZE);
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true, so the systemd unit must be verified, but " + SYSTEMD_ANALYZE
                    + " is missing: install Debian's systemd package (.ci/run does).");
        }
        assumeTrue(present, "Skipped: " + SYSTEMD_ANALYZE + " is missing (Debian package systemd)");
    }

    private static Verification verify(Path unit) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(SYSTEMD_ANALYZE.toString(), "verify", unit.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("systemd-analyze ended").isTrue();
        String name = unit.getFileName().toString();
        List<String> aboutTheUnit = said.lines().filter(line -> line.contains(name)).toList();
        return new Verification(process.exitValue(), aboutTheUnit);
    }

    private record Verification(int exitCode, List<String> messagesAboutTheUnit) {
    }
}

package io.pipelinetrigger.app.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The bundled workload of {@code --demo}: two POSIX sh scripts that SIMULATE a dlt ingester and a dbt run
 * (they print realistic lines and honour the step environment, but move no data). They are copied out of
 * the jar into a temp directory, because a process cannot run a file that lives inside a jar.
 */
public final class DemoWorkload {

    static final Path SHELL = Path.of("/bin/sh");
    private static final List<String> SCRIPTS = List.of("ingester.sh", "dbt.sh", "pacing.sh");

    private final Path directory;

    private DemoWorkload(Path directory) {
        this.directory = directory;
    }

    /** @throws ConfigException when there is no {@code /bin/sh} or the scripts cannot be written */
    public static DemoWorkload install() {
        if (!Files.isExecutable(SHELL)) {
            throw new ConfigException("--demo runs its simulated steps with " + SHELL + ", which this machine does not have.");
        }
        try {
            Path directory = Files.createTempDirectory("pipeline-trigger-demo-");
            directory.toFile().deleteOnExit();
            for (String script : SCRIPTS) {
                Path target = directory.resolve(script);
                try (InputStream in = DemoWorkload.class.getResourceAsStream("/demo/" + script)) {
                    if (in == null) {
                        throw new IllegalStateException("the jar lacks /demo/" + script);
                    }
                    Files.copy(in, target);
                }
                target.toFile().deleteOnExit(); // registered after the directory, so deleted before it
            }
            return new DemoWorkload(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("--demo could not copy its scripts to a temp directory", e);
        }
    }

    public Path directory() {
        return directory;
    }

    /**
     * The environment with what demo mode decides on top: enabled, process runner, the two scripts as the
     * step commands. Everything else (HOST, PORT, flags, step env files, DEMO_STEP_SECONDS) still applies.
     */
    public Map<String, String> applyTo(Map<String, String> environment) {
        Map<String, String> demo = new HashMap<>(environment);
        demo.put(Variables.PIPELINE_ENABLED, "true");
        demo.put(Variables.PIPELINE_RUNNER, RunnerReader.PROCESS);
        demo.put(Variables.PIPELINE_INGESTER_COMMAND, command("ingester.sh"));
        demo.put(Variables.PIPELINE_DBT_COMMAND, command("dbt.sh"));
        return demo;
    }

    private String command(String script) {
        return ShellWords.quote(SHELL.toString()) + " " + ShellWords.quote(directory.resolve(script).toString());
    }
}

package io.pipelinetrigger.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one jar test starts and must leave nothing of: servers (a killed server's orphans too), their data
 * directories, and every container of every job they accepted (by the label {@code pipeline-trigger.job-id}).
 */
final class JarTestbed implements AutoCloseable {

    /**
     * The {@code PIPELINE_INSTANCE} of every docker server this test run starts: concurrent test runs on the shared
     * engine never reattach, remove or conflict with each other's containers.
     */
    static final String INSTANCE = "jar-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36 * 36), 36);

    private final List<JarServer> servers = new CopyOnWriteArrayList<>();
    private final List<Path> dataDirs = new CopyOnWriteArrayList<>();
    private final Set<String> jobIds = ConcurrentHashMap.newKeySet();
    private final List<String> containerNames = new CopyOnWriteArrayList<>();
    private final List<DockerStepGate> gates = new CopyOnWriteArrayList<>();
    private final boolean docker;

    private JarTestbed(boolean docker) {
        this.docker = docker;
    }

    /** For tests that create containers: {@link #close()} removes them. */
    static JarTestbed withDocker() {
        return new JarTestbed(true);
    }

    static JarTestbed withoutDocker() {
        return new JarTestbed(false);
    }

    Path newDataDir() {
        Path dir = JarFiles.newDataDir();
        dataDirs.add(dir);
        return dir;
    }

    /** The docker runner on the busybox test image for both steps, on this data directory; add the step commands. */
    static Map<String, String> dockerEnvironment(Path dataDir) {
        Map<String, String> environment = base(dataDir);
        environment.put("PIPELINE_RUNNER", "docker");
        environment.put("PIPELINE_INGESTER_IMAGE", DockerCli.TEST_IMAGE);
        environment.put("PIPELINE_DBT_IMAGE", DockerCli.TEST_IMAGE);
        environment.put("PIPELINE_INSTANCE", INSTANCE);
        return environment;
    }

    static Map<String, String> processEnvironment(Path dataDir) {
        Map<String, String> environment = base(dataDir);
        environment.put("PIPELINE_RUNNER", "process");
        return environment;
    }

    private static Map<String, String> base(Path dataDir) {
        Map<String, String> environment = new HashMap<>();
        environment.put("PIPELINE_ENABLED", "true");
        environment.put("HOST", "127.0.0.1");
        environment.put("PORT", "0");
        environment.put("PIPELINE_DATA_DIR", dataDir.toString());
        return environment;
    }

    /** The name of the container this test run's servers give the step of that job. */
    static String containerName(String step, String jobId) {
        return "pipeline-" + INSTANCE + "." + step + "-" + jobId;
    }

    /** A step command as {@code sh -c '<script>'}; the dbt step's command word becomes {@code $0}. */
    static String shell(String script) {
        if (script.contains("'")) {
            throw new IllegalArgumentException("the script goes between single quotes: use double quotes inside");
        }
        return "sh -c '" + script + "'";
    }

    JarServer start(Map<String, String> environment) {
        JarServer server = JarServer.start(environment);
        servers.add(server);
        return server;
    }

    /**
     * {@code java -jar pipeline-app.jar --demo} as the quick start runs it, on its own data directory: the bundled
     * simulated workload on the process runner, each of its phases {@code stepSeconds} long (DEMO_STEP_SECONDS).
     */
    JarServer startDemo(String stepSeconds) {
        Map<String, String> environment = base(newDataDir());
        environment.put("DEMO_STEP_SECONDS", stepSeconds);
        JarServer server = JarServer.start(environment, "--demo");
        servers.add(server);
        return server;
    }

    /** The log of every server started so far, killed ones too, in order: what a failing test should show. */
    String serverLogs() {
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < servers.size(); i++) {
            logs.append("--- server ").append(i + 1).append(" of ").append(servers.size()).append(":\n")
                    .append(servers.get(i).log()).append('\n');
        }
        return logs.toString();
    }

    /** The server's API; every job it accepts is remembered for clean-up. */
    JarApi api(JarServer server) {
        return new JarApi(server.port(), jobIds);
    }

    /** A gate to hold a step container at a point of its script (see {@link DockerStepGate}). */
    DockerStepGate newGate() {
        DockerStepGate gate = new DockerStepGate();
        gates.add(gate);
        return gate;
    }

    /** A container the test started itself (outside the server), removed by name at the end. */
    void removeAfterwards(String containerName) {
        containerNames.add(containerName);
    }

    @Override
    public void close() {
        List<RuntimeException> failures = new ArrayList<>();
        servers.forEach(JarServer::close);
        if (docker) {
            try {
                DockerCli.removeContainers(jobIds, containerNames);
            } catch (RuntimeException | AssertionError e) {
                failures.add(new IllegalStateException("containers of " + jobIds + " may be left: " + e.getMessage(), e));
            }
        }
        dataDirs.forEach(JarFiles::deleteRecursively);
        gates.forEach(DockerStepGate::close);
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }
}

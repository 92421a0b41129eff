package io.pipelinetrigger.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of one test's own, which it may stop and start again: the shared test database must never
 * be stopped. Debian's server binaries on a free loopback port, a temp directory holding data, socket and log,
 * trust authentication (nothing but this machine reaches 127.0.0.1). PostgreSQL refuses to run as root, so as root
 * the binaries run as the {@code postgres} user. {@link #close()} stops the cluster and deletes its directory.
 */
final class PrivatePostgres implements AutoCloseable {

    static final String USER = "pipeline_test";
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");
    private static final String OS_USER = "postgres";

    private final Path bin;
    private final Path directory;
    private final int port;

    private PrivatePostgres(Path bin, Path directory, int port) {
        this.bin = bin;
        this.directory = directory;
        this.port = port;
    }

    /** Creates the cluster and starts it; its directory is gone again if that fails. */
    static PrivatePostgres create() {
        Path bin = binaries().orElseThrow(() -> new IllegalStateException(whyUnavailable().orElse("no binaries")));
        PrivatePostgres postgres = new PrivatePostgres(bin, ownedTempDirectory(), freePort());
        try {
            postgres.run("initdb", "-D", postgres.data().toString(), "-U", USER, "--auth=trust", "--encoding=UTF8",
                    "--locale=C", "--no-sync");
            postgres.start();
            return postgres;
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    /** Empty where a private cluster can run; else why not (for {@link PostgresBinariesAvailable}). */
    static Optional<String> whyUnavailable() {
        if (binaries().isEmpty()) {
            return Optional.of("no initdb and pg_ctl under " + VERSIONS + "/<version>/bin");
        }
        if (asRoot() && !Files.isExecutable(Path.of("/usr/sbin/runuser"))) {
            return Optional.of("running as root, but /usr/sbin/runuser is missing to run PostgreSQL as " + OS_USER);
        }
        return Optional.empty();
    }

    Replicas.Database database() {
        // trust authentication ignores the password; the replicas are handed one all the same, as in production
        return new Replicas.Database("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "unused");
    }

    /** {@code pg_ctl start}, on the same port every time, waiting until it takes connections. */
    void start() {
        run("pg_ctl", "-D", data().toString(), "-l", directory.resolve("postgres.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1", "start");
    }

    /** {@code pg_ctl stop -m immediate}: the server is gone at once, as when its host dies. */
    void stopImmediately() {
        run("pg_ctl", "-D", data().toString(), "-w", "-t", "60", "-m", "immediate", "stop");
    }

    /** The server's own log, for a failure message. */
    String log() {
        try {
            return Files.readString(directory.resolve("postgres.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(data().resolve("postmaster.pid"))) {
                stopImmediately();
            }
        } finally {
            JarFiles.deleteRecursively(directory);
        }
    }

    private Path data() {
        return directory.resolve("data");
    }

    private void run(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asRoot()) {
            command.addAll(List.of("/usr/sbin/runuser", "-u", OS_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ended = process.waitFor(90, TimeUnit.SECONDS);
            if (!ended || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out + "\nserver log:\n" + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest version's binaries, as .ci/start-postgres.sh picks the version. */
    private static Optional<Path> binaries() {
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions.filter(version -> version.getFileName().toString().matches("\\d{1,4}"))
                    .max(Comparator.comparingInt(version -> Integer.parseInt(version.getFileName().toString())))
                    .map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean asRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** A short path (the socket's name must stay under 108 bytes) that the server's user may write. */
    private static Path ownedTempDirectory() {
        try {
            Path directory = Files.createTempDirectory(Path.of("/tmp"), "pipeline-pg");
            if (asRoot()) {
                Files.setOwner(directory, FileSystems.getDefault().getUserPrincipalLookupService()
                        .lookupPrincipalByName(OS_USER));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the private cluster's directory: " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

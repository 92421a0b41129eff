package io.pipelinetrigger.app;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx as a round-robin load balancer in front of replicas, configured as docs/operations.md
 * ("Replicas") shows: one process ({@code master_process off}), its files in a directory of its own. nginx
 * cannot listen on port 0 and say which port it took, so a free port is picked just before (and picked again if
 * another program took it meanwhile). As an {@link ExecutionCondition}: the test runs only where nginx is
 * installed; under CI=true its absence is a failure (.ci/install-tools.sh installs nginx-light).
 */
final class NginxBalancer implements AutoCloseable {

    static final Path NGINX = Path.of("/usr/sbin/nginx");
    private static final Duration START = Duration.ofSeconds(20);

    /** The condition: {@code @ExtendWith(NginxBalancer.Available.class)}. */
    static final class Available implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (Files.isExecutable(NGINX)) {
                return ConditionEvaluationResult.enabled("nginx is installed");
            }
            String message = "No " + NGINX + "; install Debian's nginx-light (bash .ci/install-tools.sh, as root) to run"
                    + " the load balancer test.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true, so the load balancer test must run: " + message);
            }
            return ConditionEvaluationResult.disabled("Skipped: " + message);
        }
    }

    private final Process process;
    private final Path directory;
    private final int port;

    private NginxBalancer(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
    }

    /** nginx in front of {@code backends} (base URIs such as {@code http://127.0.0.1:41234}). */
    static NginxBalancer start(List<URI> backends, Path directory) {
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            int port = freePort();
            try {
                Path config = directory.resolve("nginx.conf");
                Files.writeString(config, config(backends, directory, port), StandardCharsets.UTF_8);
                Process process = new ProcessBuilder(NGINX.toString(), "-c", config.toString(), "-p", directory.toString())
                        .redirectErrorStream(true).redirectOutput(directory.resolve("stdout.log").toFile()).start();
                NginxBalancer balancer = new NginxBalancer(process, directory, port);
                if (balancer.awaitListening()) {
                    return balancer;
                }
                balancer.close();
                last = new IllegalStateException("nginx did not listen on port " + port + ": " + balancer.errors());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw last;
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + port);
    }

    String errors() {
        try {
            return Files.readString(directory.resolve("error.log")) + Files.readString(directory.resolve("stdout.log"));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException notYet) {
                JarServer.sleep(50);
            }
        }
        return false;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The example of docs/operations.md, with this test's ports and files. */
    private static String config(List<URI> backends, Path directory, int port) {
        String servers = backends.stream().map(uri -> "        server " + uri.getHost() + ":" + uri.getPort() + ";")
                .collect(Collectors.joining("\n"));
        return """
                daemon off;
                master_process off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    upstream pipelinetrigger {
                %2$s
                    }
                    server {
                        listen 127.0.0.1:%3$d;
                        location / {
                            proxy_pass http://pipelinetrigger;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_read_timeout 75s;
                        }
                        location /api/data-analytics/pipeline/trigger/events {
                            proxy_pass http://pipelinetrigger;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                            proxy_set_header Host $host;
                            proxy_buffering off;
                            proxy_cache off;
                            proxy_read_timeout 1h;
                        }
                    }
                }
                """.formatted(directory, servers, port);
    }
}

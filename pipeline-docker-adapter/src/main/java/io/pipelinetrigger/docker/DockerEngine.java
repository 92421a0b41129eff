package io.pipelinetrigger.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Version;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The engine calls the runner makes, on two clients: one for short control calls, each bounded by the
 * control timeout (enforced by {@link CallDeadline}: a socket timeout does not hold on a unix socket), and
 * one for the log follow, the wait and the stop, which may stay silent for as long as a step runs (a
 * response timeout there would fail a quiet 45-minute dbt run). Every failure leaves here as an
 * {@link EngineCallException}.
 */
final class DockerEngine implements AutoCloseable {

    private final String dockerHost;
    private final URI dockerHostUri;
    private final DockerClient control;
    private final DockerClient streaming;
    private final CallDeadline deadline;

    private DockerEngine(URI dockerHost, DockerClient control, DockerClient streaming, CallDeadline deadline) {
        this.dockerHost = dockerHost.toString();
        this.dockerHostUri = dockerHost;
        this.control = control;
        this.streaming = streaming;
        this.deadline = deadline;
    }

    /** Builds both clients; nothing is sent to the engine yet, so an engine that is down does not stop this. */
    static DockerEngine connect(DockerRunnerConfig config) {
        // built by hand, not from createDefaultConfigBuilder(): no ~/.docker-java.properties, system property or
        // docker context can pin an API version the engine refuses; unversioned requests get the engine's own
        DefaultDockerClientConfig clientConfig = new DefaultDockerClientConfig.Builder()
                .withDockerHost(config.dockerHost())
                .withDockerTlsVerify(false)
                .build();
        Duration timeout = config.controlTimeout();
        ApacheDockerHttpClient controlHttp = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.dockerHostUri())
                .maxConnections(16)
                .connectionTimeout(timeout)
                .responseTimeout(timeout)
                .build();
        ApacheDockerHttpClient streamingHttp = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.dockerHostUri())
                .maxConnections(16)
                .connectionTimeout(timeout)
                .build();
        return new DockerEngine(config.dockerHostUri(), DockerClientImpl.getInstance(clientConfig, controlHttp),
                DockerClientImpl.getInstance(clientConfig, streamingHttp), new CallDeadline(config.dockerHost(), timeout));
    }

    String dockerHost() {
        return dockerHost;
    }

    /** Whether the engine still takes new connections (see {@link EngineSocket}); within the control timeout. */
    boolean acceptsConnections() {
        try {
            return deadline.call(() -> EngineSocket.acceptsConnections(dockerHostUri));
        } catch (EngineCallException e) {
            return false;
        }
    }

    /** e.g. {@code 20.10.24 (API 1.41)}. */
    String version() {
        Version version = idempotent(() -> control.versionCmd().exec());
        return version.getVersion() + " (API " + version.getApiVersion() + ")";
    }

    /** Whether the engine has the image locally (this runner never pulls). */
    boolean hasImage(String image) {
        try {
            idempotent(() -> control.inspectImageCmd(image).exec());
            return true;
        } catch (EngineCallException e) {
            if (e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** Whether the engine has a network of that name or id. */
    boolean hasNetwork(String network) {
        try {
            idempotent(() -> control.inspectNetworkCmd().withNetworkId(network).exec());
            return true;
        } catch (EngineCallException e) {
            if (e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                return false;
            }
            throw e;
        }
    }

    /** Creates the planned container and returns its id; a 409 (name taken) comes back as an exception. */
    String create(ContainerPlan plan) {
        HostConfig host = HostConfig.newHostConfig()
                .withInit(plan.init())
                .withBinds(plan.binds().stream().map(Bind::parse).toList());
        plan.network().ifPresent(host::withNetworkMode);
        plan.memoryLimitBytes().ifPresent(limit -> host.withMemory(limit).withMemorySwap(limit)); // no swap beyond it
        // safe to send twice: the name is deterministic, so a repeat meets a 409 and the caller adopts
        return idempotent(() -> {
            CreateContainerCmd create = control.createContainerCmd(plan.image())
                    .withName(plan.name())
                    .withEnv(plan.environment())
                    .withLabels(plan.labels())
                    .withHostConfig(host);
            plan.command().ifPresent(create::withCmd);
            plan.stopSignal().ifPresent(create::withStopSignal);
            return create.exec().getId();
        });
    }

    /** Starts a created container; one that already runs is left as it is. */
    void start(String containerId) {
        idempotent(() -> {
            try {
                control.startContainerCmd(containerId).exec();
            } catch (RuntimeException e) {
                EngineCallException failure = EngineCallException.from(e, dockerHost);
                if (!failure.is(HttpURLConnection.HTTP_NOT_MODIFIED)) {
                    throw failure;
                }
            }
            return null;
        });
    }

    /** Empty when no container has that id or name. */
    Optional<ContainerState> inspect(String containerIdOrName) {
        try {
            InspectContainerResponse response = idempotent(() -> control.inspectContainerCmd(containerIdOrName).exec());
            InspectContainerResponse.ContainerState state = response.getState();
            return Optional.of(new ContainerState(response.getId(), response.getName(),
                    response.getConfig() == null ? null : response.getConfig().getLabels(),
                    state.getStatus(), Boolean.TRUE.equals(state.getRunning()), Boolean.TRUE.equals(state.getOOMKilled()),
                    state.getExitCodeLong() == null ? 0 : state.getExitCodeLong(), state.getError()));
        } catch (EngineCallException e) {
            if (e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Follows stdout and stderr from the container's start (its whole log, also after a restart) until it
     * exits, on a thread of docker-java's.
     */
    LogFollower followLogs(String containerId, LogFollower follower) {
        try {
            return streaming.logContainerCmd(containerId)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .withTimestamps(false)
                    .exec(follower);
        } catch (RuntimeException e) { // e.g. the client was closed meanwhile
            throw EngineCallException.from(e, dockerHost);
        }
    }

    /** Registers a wait that ends once the container is not running (at once if it already exited). */
    ExitWatcher watchExit(String containerId, ExitWatcher watcher) {
        try {
            return streaming.waitContainerCmd(containerId).exec(watcher);
        } catch (RuntimeException e) {
            throw EngineCallException.from(e, dockerHost);
        }
    }

    /**
     * Sends the container's stop signal; the engine kills it once {@code grace} has passed. Blocks until the
     * container has stopped (so callers run it on a thread of their own).
     */
    void stop(String containerId, Duration grace) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0));
        try {
            retriedOnce(() -> streaming.stopContainerCmd(containerId).withTimeout(seconds).exec());
        } catch (EngineCallException e) {
            if (!e.is(HttpURLConnection.HTTP_NOT_MODIFIED) && !e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                throw e; // 304: already stopped; 404: already gone
            }
        }
    }

    /** Removes the container, killing it if it still runs; one that is already gone is fine. */
    void remove(String containerId) {
        try {
            idempotent(() -> control.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec());
        } catch (EngineCallException e) {
            if (!e.is(HttpURLConnection.HTTP_NOT_FOUND)) {
                throw e;
            }
        }
    }

    /** Running containers carrying the label filter ({@code key} or {@code key=value}). */
    List<ContainerSummary> runningWithLabel(String labelFilter) {
        List<Container> containers = idempotent(() -> control.listContainersCmd()
                .withStatusFilter(List.of("running"))
                .withLabelFilter(List.of(labelFilter))
                .exec());
        return containers.stream().map(DockerEngine::summaryOf).toList();
    }

    /** Every container, running or not, carrying the label filter ({@code key} or {@code key=value}). */
    List<ContainerSummary> allWithLabel(String labelFilter) {
        List<Container> containers = idempotent(() -> control.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(List.of(labelFilter))
                .exec());
        return containers.stream().map(DockerEngine::summaryOf).toList();
    }

    @Override
    public void close() {
        deadline.close();
        closeQuietly(control);
        closeQuietly(streaming);
    }

    private static ContainerSummary summaryOf(Container container) {
        String name = container.getNames() == null ? container.getId()
                : Arrays.stream(container.getNames()).findFirst().orElse(container.getId());
        Instant created = Instant.ofEpochSecond(container.getCreated() == null ? 0 : container.getCreated());
        return new ContainerSummary(container.getId(), name.startsWith("/") ? name.substring(1) : name,
                String.valueOf(container.getImage()), container.getLabels(), created, container.getState());
    }

    /** A control call, each try bounded by the control timeout, sent again once when the engine did not answer. */
    private <T> T idempotent(Supplier<T> call) {
        return retriedOnce(() -> deadline.call(call));
    }

    /**
     * Runs a call that may be sent twice, and sends it again once when the engine did not answer: a pooled
     * connection can be stale after an engine restart (docker-java #2682).
     */
    private <T> T retriedOnce(Supplier<T> call) {
        try {
            return call.get();
        } catch (RuntimeException first) {
            EngineCallException failure = EngineCallException.from(first, dockerHost);
            if (!failure.engineDidNotAnswer() || Thread.currentThread().isInterrupted()) {
                throw failure;
            }
            try {
                return call.get();
            } catch (RuntimeException second) {
                throw EngineCallException.from(second, dockerHost);
            }
        }
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing connection pools; nothing left to do about a failure
        }
    }
}

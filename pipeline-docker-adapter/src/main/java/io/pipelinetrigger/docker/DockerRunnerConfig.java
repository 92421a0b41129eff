package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.StepName;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the Docker runner needs to know, and nothing read from the environment behind the caller's
 * back: the app passes {@code DOCKER_HOST}, the step images and the rest explicitly.
 */
public final class DockerRunnerConfig {

    public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";
    public static final Duration DEFAULT_CONTROL_TIMEOUT = Duration.ofSeconds(30);
    /** The instance of a server that names none: also the one of containers made before instances existed. */
    public static final String DEFAULT_INSTANCE = "default";
    /** How often a step's follower asks the engine whether it still answers while the wait stays silent. */
    static final Duration DEFAULT_ENGINE_CHECK_INTERVAL = Duration.ofSeconds(30);

    private final URI dockerHost;
    private final Map<StepName, DockerStepConfig> steps;
    private final Optional<String> network;
    private final Map<String, String> conflictLabels;
    private final Set<String> conflictLabelKeys;
    private final Duration controlTimeout;
    private final Duration engineCheckInterval;
    private final String instance;

    private DockerRunnerConfig(Builder builder) {
        this.dockerHost = builder.dockerHost;
        this.instance = builder.instance;
        this.steps = Map.copyOf(builder.steps);
        this.network = builder.network;
        // in the order given, so the start-up log shows them as the operator wrote them
        this.conflictLabels = Collections.unmodifiableMap(new LinkedHashMap<>(builder.conflictLabels));
        this.conflictLabelKeys = Collections.unmodifiableSet(new LinkedHashSet<>(builder.conflictLabelKeys));
        this.controlTimeout = builder.controlTimeout;
        this.engineCheckInterval = builder.engineCheckInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The engine's address, e.g. {@code unix:///var/run/docker.sock} or {@code tcp://127.0.0.1:2375}. */
    public String dockerHost() {
        return dockerHost.toString();
    }

    /** How the given step's container is made; empty when the step is not configured. */
    public Optional<DockerStepConfig> step(StepName step) {
        return Optional.ofNullable(steps.get(step));
    }

    /** The network every step container joins; empty = the engine's default bridge. */
    public Optional<String> network() {
        return network;
    }

    /** Extra {@code key=value} labels that mark a running container as a pipeline run (409), besides ours. */
    public Map<String, String> conflictLabels() {
        return conflictLabels;
    }

    /**
     * Label keys that mark a running container as a pipeline run whatever their value, e.g. {@code
     * pipeline-trigger.step} for the steps of every server on the engine (docs/docker.md, "Two servers on one engine").
     */
    public Set<String> conflictLabelKeys() {
        return conflictLabelKeys;
    }

    /**
     * {@code PIPELINE_INSTANCE}: which server's containers are ours on an engine several servers share (every
     * container we create carries it as a label and in its name); leftover removal and reattach touch only ours.
     */
    public String instance() {
        return instance;
    }

    /** The deadline of each short call to the engine (create, start, inspect, list, remove, version). */
    public Duration controlTimeout() {
        return controlTimeout;
    }

    /**
     * While a step runs, how often its follower checks that the engine still answers: a wait on a frozen
     * engine (or over a dead TCP connection) would otherwise never end.
     */
    Duration engineCheckInterval() {
        return engineCheckInterval;
    }

    URI dockerHostUri() {
        return dockerHost;
    }

    @Override
    public String toString() {
        return "DockerRunnerConfig[dockerHost=" + dockerHost + ", instance=" + instance + ", steps=" + steps.keySet() + ", network="
                + network.orElse("(default)") + ", conflictLabels=" + conflictLabels + ", conflictLabelKeys=" + conflictLabelKeys + ", controlTimeout=" + controlTimeout + "]";
    }

    public static final class Builder {

        private URI dockerHost = URI.create(DEFAULT_DOCKER_HOST);
        private final Map<StepName, DockerStepConfig> steps = new EnumMap<>(StepName.class);
        private Optional<String> network = Optional.empty();
        private final Map<String, String> conflictLabels = new LinkedHashMap<>();
        private final Set<String> conflictLabelKeys = new LinkedHashSet<>();
        private Duration controlTimeout = DEFAULT_CONTROL_TIMEOUT;
        private Duration engineCheckInterval = DEFAULT_ENGINE_CHECK_INTERVAL;
        private String instance = DEFAULT_INSTANCE;

        private static final Pattern NETWORK_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
        private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_./-]*");
        // a DNS label, short: it goes into container names beside the step and the job id
        private static final Pattern INSTANCE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

        private Builder() {
        }

        /**
         * {@code unix:///path/to/docker.sock} or {@code tcp://host:port}, as the docker CLI reads {@code DOCKER_HOST};
         * refused here, before any engine is contacted, when it is neither (e.g. {@code npipe://} or {@code ssh://}).
         */
        public Builder dockerHost(String value) {
            this.dockerHost = parseDockerHost(value);
            return this;
        }

        /**
         * The server's instance name: 1 to 32 lower-case letters, digits or '-', starting and ending with a letter
         * or digit (e.g. {@code staging}); {@value DockerRunnerConfig#DEFAULT_INSTANCE} unless set.
         */
        public Builder instance(String value) {
            if (value == null || !INSTANCE.matcher(value).matches()) {
                throw new IllegalArgumentException("An instance name is 1 to 32 lower-case letters, digits or '-', starting"
                        + " and ending with a letter or digit, such as \"staging\"; got \"" + value + "\".");
            }
            this.instance = value;
            return this;
        }

        public Builder step(StepName step, DockerStepConfig config) {
            steps.put(Objects.requireNonNull(step, "step"), Objects.requireNonNull(config, "config"));
            return this;
        }

        /** A network name as docker accepts it: letters, digits, '_', '.' or '-', starting with a letter or digit. */
        public Builder network(String value) {
            if (value == null || !NETWORK_NAME.matcher(value).matches()) {
                throw new IllegalArgumentException("A Docker network is a name of letters, digits, '_', '.' or '-' such as"
                        + " \"pipeline_default\"; got \"" + value + "\".");
            }
            this.network = Optional.of(value);
            return this;
        }

        /**
         * Adds a label filter: a running container with label {@code key} set to {@code value} counts as a pipeline
         * run. The key is letters, digits, '_', '.', '/' or '-'; the value is not empty and holds no '='.
         */
        public Builder conflictLabel(String key, String value) {
            if (key == null || !LABEL_KEY.matcher(key).matches() || value == null || value.isEmpty() || value.contains("=")) {
                throw new IllegalArgumentException("A conflict label filter is key=value with a non-empty key; got \""
                        + key + "=" + value + "\".");
            }
            conflictLabels.put(key, value);
            return this;
        }

        /** Adds a label filter on the key alone: a running container with label {@code key}, whatever its value. */
        public Builder conflictLabel(String key) {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("A conflict label key is letters, digits, '_', '.', '/' or '-'; got \""
                        + key + "\".");
            }
            conflictLabelKeys.add(key);
            return this;
        }

        public Builder conflictLabels(Map<String, String> labels) {
            labels.forEach(this::conflictLabel);
            return this;
        }

        public Builder controlTimeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The control-call timeout must be positive; got " + value + ".");
            }
            this.controlTimeout = value;
            return this;
        }

        /** Not for operators: tests shorten it to see a frozen engine noticed quickly. */
        Builder engineCheckInterval(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The engine check interval must be positive; got " + value + ".");
            }
            this.engineCheckInterval = value;
            return this;
        }

        public DockerRunnerConfig build() {
            return new DockerRunnerConfig(this);
        }

        private static URI parseDockerHost(String value) {
            String hint = " DOCKER_HOST is unix:///path/to/docker.sock or tcp://host:port; got \"" + value + "\".";
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("The Docker host is empty." + hint);
            }
            URI uri;
            try {
                uri = new URI(value.trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("The Docker host is not an address." + hint, e);
            }
            String scheme = Optional.ofNullable(uri.getScheme()).orElse("");
            boolean usable = switch (scheme) {
                case "unix" -> uri.getPath() != null && uri.getPath().startsWith("/");
                case "tcp" -> uri.getHost() != null && uri.getPort() > 0;
                default -> false;
            };
            if (!usable) {
                throw new IllegalArgumentException("The Docker host is not one this runner can reach (unix or tcp only)." + hint);
            }
            return uri;
        }
    }
}

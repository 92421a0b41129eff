package io.pipelinetrigger.kubernetes;

import io.pipelinetrigger.core.domain.StepName;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything the Kubernetes runner needs to know, and nothing read from the environment behind the caller's back:
 * the app passes the namespace, the step images and the rest explicitly (docs/kubernetes.md, "Settings").
 */
public final class KubernetesRunnerConfig {

    public static final String DEFAULT_INSTANCE = "default";
    public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PENDING_LIMIT = Duration.ofMinutes(5);
    static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);

    private static final Pattern INSTANCE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");
    private static final Pattern LABEL_KEY = Pattern.compile("([a-z0-9]([a-z0-9.-]*[a-z0-9])?/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?)?");

    private final Optional<String> namespace;
    private final Optional<Path> kubeconfig;
    private final String instance;
    private final Map<StepName, KubernetesStepConfig> steps;
    private final Optional<String> serviceAccount;
    private final List<String> imagePullSecrets;
    private final Map<String, String> nodeSelector;
    private final List<TolerationRule> tolerations;
    private final Optional<Duration> ttlAfterFinished;
    private final Optional<Duration> activeDeadline;
    private final Duration stopGrace;
    private final Duration pendingLimit;
    private final List<String> conflictSelectors;
    private final Duration pollInterval;

    private KubernetesRunnerConfig(Builder builder) {
        this.namespace = builder.namespace;
        this.kubeconfig = builder.kubeconfig;
        this.instance = builder.instance;
        this.steps = Map.copyOf(builder.steps);
        this.serviceAccount = builder.serviceAccount;
        this.imagePullSecrets = List.copyOf(builder.imagePullSecrets);
        this.nodeSelector = Collections.unmodifiableMap(new LinkedHashMap<>(builder.nodeSelector));
        this.tolerations = List.copyOf(builder.tolerations);
        this.ttlAfterFinished = builder.ttlAfterFinished;
        this.activeDeadline = builder.activeDeadline;
        this.stopGrace = builder.stopGrace;
        this.pendingLimit = builder.pendingLimit;
        this.conflictSelectors = List.copyOf(builder.conflictSelectors);
        this.pollInterval = builder.pollInterval;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where the step Jobs go; empty = the namespace of the kubeconfig's context, or the server's own pod's. */
    public Optional<String> namespace() {
        return namespace;
    }

    /** A kubeconfig file to use; empty = in-cluster (the pod's service account) or the usual ~/.kube/config. */
    public Optional<Path> kubeconfig() {
        return kubeconfig;
    }

    /** {@code PIPELINE_INSTANCE}: whose Jobs are ours in a namespace several servers share (a label on each). */
    public String instance() {
        return instance;
    }

    public Optional<KubernetesStepConfig> step(StepName step) {
        return Optional.ofNullable(steps.get(step));
    }

    public Optional<String> serviceAccount() {
        return serviceAccount;
    }

    public List<String> imagePullSecrets() {
        return imagePullSecrets;
    }

    public Map<String, String> nodeSelector() {
        return nodeSelector;
    }

    public List<TolerationRule> tolerations() {
        return tolerations;
    }

    /** Set: finished Jobs are left for Kubernetes to delete that long after they ended; empty: we delete them. */
    public Optional<Duration> ttlAfterFinished() {
        return ttlAfterFinished;
    }

    /** The Job's {@code activeDeadlineSeconds}: the cluster's own end for a step whose server is gone. */
    public Optional<Duration> activeDeadline() {
        return activeDeadline;
    }

    /** The pod's {@code terminationGracePeriodSeconds}: between SIGTERM and SIGKILL when the cluster stops it. */
    public Duration stopGrace() {
        return stopGrace;
    }

    /** How long a pod may wait for an image that cannot be pulled, or for a node, before the step fails. */
    public Duration pendingLimit() {
        return pendingLimit;
    }

    /** Extra label selectors (e.g. {@code app=dbt}) whose unfinished Jobs count as a running pipeline (409). */
    public List<String> conflictSelectors() {
        return conflictSelectors;
    }

    /** How often a step's pod is looked at while it runs, and how soon a dropped log stream is opened again. */
    Duration pollInterval() {
        return pollInterval;
    }

    @Override
    public String toString() {
        return "KubernetesRunnerConfig[namespace=" + namespace.orElse("(the client's)") + ", instance=" + instance
                + ", steps=" + steps.keySet() + ", serviceAccount=" + serviceAccount.orElse("(default)")
                + ", ttlAfterFinished=" + ttlAfterFinished.map(Duration::toString).orElse("(deleted by us)")
                + ", conflictSelectors=" + conflictSelectors + "]";
    }

    public static final class Builder {

        private Optional<String> namespace = Optional.empty();
        private Optional<Path> kubeconfig = Optional.empty();
        private String instance = DEFAULT_INSTANCE;
        private final Map<StepName, KubernetesStepConfig> steps = new EnumMap<>(StepName.class);
        private Optional<String> serviceAccount = Optional.empty();
        private final List<String> imagePullSecrets = new ArrayList<>();
        private final Map<String, String> nodeSelector = new LinkedHashMap<>();
        private final List<TolerationRule> tolerations = new ArrayList<>();
        private Optional<Duration> ttlAfterFinished = Optional.empty();
        private Optional<Duration> activeDeadline = Optional.empty();
        private Duration stopGrace = DEFAULT_STOP_GRACE;
        private Duration pendingLimit = DEFAULT_PENDING_LIMIT;
        private final List<String> conflictSelectors = new ArrayList<>();
        private Duration pollInterval = DEFAULT_POLL_INTERVAL;

        private Builder() {
        }

        public Builder namespace(String value) {
            KubernetesNames.requireNamespace(value);
            this.namespace = Optional.of(value);
            return this;
        }

        public Builder kubeconfig(Path value) {
            this.kubeconfig = Optional.of(Objects.requireNonNull(value, "kubeconfig"));
            return this;
        }

        /** 1 to 32 lower-case letters, digits or '-', starting and ending with a letter or digit. */
        public Builder instance(String value) {
            if (value == null || !INSTANCE.matcher(value).matches()) {
                throw new IllegalArgumentException("An instance name is 1 to 32 lower-case letters, digits or '-', starting"
                        + " and ending with a letter or digit, such as \"staging\"; got \"" + value + "\".");
            }
            this.instance = value;
            return this;
        }

        public Builder step(StepName step, KubernetesStepConfig config) {
            steps.put(Objects.requireNonNull(step, "step"), Objects.requireNonNull(config, "config"));
            return this;
        }

        public Builder serviceAccount(String value) {
            KubernetesNames.requireObjectName(value, "service account");
            this.serviceAccount = Optional.of(value);
            return this;
        }

        public Builder imagePullSecret(String name) {
            KubernetesNames.requireObjectName(name, "Secret");
            imagePullSecrets.add(name);
            return this;
        }

        public Builder nodeSelector(String key, String value) {
            if (key == null || !LABEL_KEY.matcher(key).matches() || value == null || !LABEL_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("A node selector is key=value with a label key and a label value (e.g."
                        + " kubernetes.io/os=linux); got \"" + key + "=" + value + "\".");
            }
            nodeSelector.put(key, value);
            return this;
        }

        public Builder toleration(TolerationRule rule) {
            tolerations.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        public Builder ttlAfterFinished(Duration value) {
            this.ttlAfterFinished = Optional.of(wholeSeconds(value, "The time a finished Job is kept", true));
            return this;
        }

        public Builder activeDeadline(Duration value) {
            this.activeDeadline = Optional.of(wholeSeconds(value, "The active deadline of a step's Job", false));
            return this;
        }

        public Builder stopGrace(Duration value) {
            this.stopGrace = wholeSeconds(value, "The stop grace", true);
            return this;
        }

        public Builder pendingLimit(Duration value) {
            this.pendingLimit = positive(value, "The pending limit");
            return this;
        }

        /**
         * A label selector as {@code kubectl get -l} takes it, one or more {@code key=value} (or {@code key}) joined
         * by commas; a Job matching all of them counts as a running pipeline.
         */
        public Builder conflictSelector(String selector) {
            if (selector == null || selector.isBlank()) {
                throw new IllegalArgumentException("A conflict selector is key=value (or key) label requirements, e.g. app=dbt.");
            }
            for (String requirement : selector.split(",", -1)) {
                String[] parts = requirement.strip().split("=", -1);
                boolean valid = parts.length <= 2 && LABEL_KEY.matcher(parts[0]).matches()
                        && (parts.length == 1 || (!parts[1].isEmpty() && LABEL_VALUE.matcher(parts[1]).matches()));
                if (!valid) {
                    throw new IllegalArgumentException("A conflict selector is key=value (or key) label requirements joined"
                            + " by ',', e.g. app=dbt; got \"" + selector + "\".");
                }
            }
            conflictSelectors.add(selector.strip());
            return this;
        }

        /** Not for operators: tests shorten it. */
        Builder pollInterval(Duration value) {
            this.pollInterval = positive(value, "The poll interval");
            return this;
        }

        public KubernetesRunnerConfig build() {
            return new KubernetesRunnerConfig(this);
        }

        private static Duration positive(Duration value, String what) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive; got " + value + ".");
            }
            return value;
        }

        /** Kubernetes counts these in whole seconds: a fraction is refused rather than silently rounded. */
        private static Duration wholeSeconds(Duration value, String what, boolean zeroAllowed) {
            if (value == null || value.isNegative() || (!zeroAllowed && value.isZero()) || value.getNano() != 0) {
                throw new IllegalArgumentException(what + " is a whole number of seconds" + (zeroAllowed ? "" : " above 0")
                        + "; got " + value + ".");
            }
            return value;
        }
    }
}

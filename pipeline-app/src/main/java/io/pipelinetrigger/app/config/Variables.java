package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.ClosestName;
import io.pipelinetrigger.core.domain.Quoting;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The environment as typed values, and the one way every setting is read: each reader names the variable and
 * what is allowed in the one sentence that stops start-up. A value an adapter's config takes is handed to it
 * ({@link #parsed}, {@link #checked}): the adapter's rule decides, this class only words the refusal. An empty or
 * blank value counts as unset, as {@code ${VAR:-default}} would.
 */
public final class Variables {

    public static final String PIPELINE_ENV_FILE = "PIPELINE_ENV_FILE";
    public static final String PIPELINE_ENABLED = "PIPELINE_ENABLED";
    public static final String HOST = "HOST";
    public static final String PORT = "PORT";
    public static final String ENABLE_OPENLINEAGE = "ENABLE_OPENLINEAGE";
    public static final String ENABLE_ELEMENTARY = "ENABLE_ELEMENTARY";
    public static final String PIPELINE_RUNNER = "PIPELINE_RUNNER";
    public static final String PIPELINE_INGESTER_IMAGE = "PIPELINE_INGESTER_IMAGE";
    public static final String PIPELINE_DBT_IMAGE = "PIPELINE_DBT_IMAGE";
    public static final String PIPELINE_INGESTER_COMMAND = "PIPELINE_INGESTER_COMMAND";
    public static final String PIPELINE_DBT_COMMAND = "PIPELINE_DBT_COMMAND";
    public static final String PIPELINE_INGESTER_VOLUMES = "PIPELINE_INGESTER_VOLUMES";
    public static final String PIPELINE_DBT_VOLUMES = "PIPELINE_DBT_VOLUMES";
    public static final String PIPELINE_INGESTER_ENV_FILE = "PIPELINE_INGESTER_ENV_FILE";
    public static final String PIPELINE_DBT_ENV_FILE = "PIPELINE_DBT_ENV_FILE";
    public static final String PIPELINE_DOCKER_NETWORK = "PIPELINE_DOCKER_NETWORK";
    public static final String PIPELINE_DOCKER_CONFLICT_LABELS = "PIPELINE_DOCKER_CONFLICT_LABELS";
    public static final String DOCKER_HOST = "DOCKER_HOST";
    public static final String PIPELINE_INSTANCE = "PIPELINE_INSTANCE";
    public static final String PIPELINE_K8S_NAMESPACE = "PIPELINE_K8S_NAMESPACE";
    public static final String PIPELINE_K8S_KUBECONFIG = "PIPELINE_K8S_KUBECONFIG";
    public static final String PIPELINE_K8S_SERVICE_ACCOUNT = "PIPELINE_K8S_SERVICE_ACCOUNT";
    public static final String PIPELINE_K8S_IMAGE_PULL_SECRETS = "PIPELINE_K8S_IMAGE_PULL_SECRETS";
    public static final String PIPELINE_K8S_NODE_SELECTOR = "PIPELINE_K8S_NODE_SELECTOR";
    public static final String PIPELINE_K8S_TOLERATIONS = "PIPELINE_K8S_TOLERATIONS";
    public static final String PIPELINE_K8S_TTL_AFTER_FINISHED = "PIPELINE_K8S_TTL_AFTER_FINISHED";
    public static final String PIPELINE_K8S_PENDING_LIMIT = "PIPELINE_K8S_PENDING_LIMIT";
    public static final String PIPELINE_K8S_CONFLICT_SELECTORS = "PIPELINE_K8S_CONFLICT_SELECTORS";
    public static final String PIPELINE_INGESTER_K8S_CONFIGMAPS = "PIPELINE_INGESTER_K8S_CONFIGMAPS";
    public static final String PIPELINE_DBT_K8S_CONFIGMAPS = "PIPELINE_DBT_K8S_CONFIGMAPS";
    public static final String PIPELINE_INGESTER_K8S_SECRETS = "PIPELINE_INGESTER_K8S_SECRETS";
    public static final String PIPELINE_DBT_K8S_SECRETS = "PIPELINE_DBT_K8S_SECRETS";
    public static final String PIPELINE_INGESTER_K8S_REQUESTS = "PIPELINE_INGESTER_K8S_REQUESTS";
    public static final String PIPELINE_DBT_K8S_REQUESTS = "PIPELINE_DBT_K8S_REQUESTS";
    public static final String PIPELINE_INGESTER_K8S_LIMITS = "PIPELINE_INGESTER_K8S_LIMITS";
    public static final String PIPELINE_DBT_K8S_LIMITS = "PIPELINE_DBT_K8S_LIMITS";
    public static final String PIPELINE_JOB_RETENTION = "PIPELINE_JOB_RETENTION";
    public static final String PIPELINE_OUTPUT_LIMIT_BYTES = "PIPELINE_OUTPUT_LIMIT_BYTES";
    public static final String PIPELINE_DATA_DIR = "PIPELINE_DATA_DIR";
    public static final String PIPELINE_DB_URL = "PIPELINE_DB_URL";
    public static final String PIPELINE_DB_USER = "PIPELINE_DB_USER";
    public static final String PIPELINE_DB_PASSWORD = "PIPELINE_DB_PASSWORD";
    public static final String PIPELINE_STOP_GRACE = "PIPELINE_STOP_GRACE";
    public static final String PIPELINE_STEP_TIMEOUT = "PIPELINE_STEP_TIMEOUT";
    public static final String PIPELINE_API_TOKEN = "PIPELINE_API_TOKEN";
    public static final String PIPELINE_API_TOKEN_FILE = "PIPELINE_API_TOKEN_FILE";
    public static final String PIPELINE_CORS_ORIGINS = "PIPELINE_CORS_ORIGINS";
    public static final String PIPELINE_REDACT = "PIPELINE_REDACT";
    public static final String PIPELINE_ON_BUSY = "PIPELINE_ON_BUSY";
    public static final String PIPELINE_QUEUE_LIMIT = "PIPELINE_QUEUE_LIMIT";
    public static final String PIPELINE_QUEUE_TIMEOUT = "PIPELINE_QUEUE_TIMEOUT";
    public static final String PIPELINE_CONSOLE = "PIPELINE_CONSOLE";
    public static final String PIPELINE_METRICS_OPEN = "PIPELINE_METRICS_OPEN";
    public static final String PIPELINE_WEBHOOK_URLS = "PIPELINE_WEBHOOK_URLS";
    public static final String PIPELINE_WEBHOOK_SECRET = "PIPELINE_WEBHOOK_SECRET";
    public static final String PIPELINE_WEBHOOK_ALLOW_HTTP = "PIPELINE_WEBHOOK_ALLOW_HTTP";
    public static final String PIPELINE_PUBLIC_URL = "PIPELINE_PUBLIC_URL";
    public static final String PIPELINE_SCHEDULES_FILE = "PIPELINE_SCHEDULES_FILE";
    public static final String PIPELINE_LOG_ARCHIVE = "PIPELINE_LOG_ARCHIVE";
    public static final String PIPELINE_REPLICA_ID = "PIPELINE_REPLICA_ID";
    public static final String PIPELINE_LEASE_DURATION = "PIPELINE_LEASE_DURATION";
    public static final String PIPELINE_HEARTBEAT_INTERVAL = "PIPELINE_HEARTBEAT_INTERVAL";

    /** Every variable the server reads (docs/configuration.md), for the "did you mean" warning. */
    public static final List<String> KNOWN = List.of(PIPELINE_ENV_FILE, PIPELINE_ENABLED, HOST, PORT, ENABLE_OPENLINEAGE,
            ENABLE_ELEMENTARY, PIPELINE_RUNNER, PIPELINE_INGESTER_IMAGE, PIPELINE_DBT_IMAGE, PIPELINE_INGESTER_COMMAND,
            PIPELINE_DBT_COMMAND, PIPELINE_INGESTER_VOLUMES, PIPELINE_DBT_VOLUMES, PIPELINE_INGESTER_ENV_FILE,
            PIPELINE_DBT_ENV_FILE, PIPELINE_DOCKER_NETWORK, PIPELINE_DOCKER_CONFLICT_LABELS, DOCKER_HOST,
            PIPELINE_INSTANCE, PIPELINE_JOB_RETENTION, PIPELINE_OUTPUT_LIMIT_BYTES, PIPELINE_DATA_DIR, PIPELINE_DB_URL, PIPELINE_DB_USER,
            PIPELINE_DB_PASSWORD, PIPELINE_STOP_GRACE, PIPELINE_STEP_TIMEOUT, PIPELINE_API_TOKEN, PIPELINE_API_TOKEN_FILE,
            PIPELINE_CORS_ORIGINS, PIPELINE_REDACT, PIPELINE_CONSOLE,
            PIPELINE_WEBHOOK_URLS, PIPELINE_WEBHOOK_SECRET, PIPELINE_WEBHOOK_ALLOW_HTTP, PIPELINE_PUBLIC_URL,
            PIPELINE_ON_BUSY, PIPELINE_QUEUE_LIMIT, PIPELINE_QUEUE_TIMEOUT, PIPELINE_METRICS_OPEN,
            PIPELINE_K8S_NAMESPACE, PIPELINE_K8S_KUBECONFIG, PIPELINE_K8S_SERVICE_ACCOUNT, PIPELINE_K8S_IMAGE_PULL_SECRETS, PIPELINE_K8S_NODE_SELECTOR,
            PIPELINE_K8S_TOLERATIONS, PIPELINE_K8S_TTL_AFTER_FINISHED, PIPELINE_K8S_PENDING_LIMIT, PIPELINE_K8S_CONFLICT_SELECTORS, PIPELINE_INGESTER_K8S_CONFIGMAPS,
            PIPELINE_DBT_K8S_CONFIGMAPS, PIPELINE_INGESTER_K8S_SECRETS, PIPELINE_DBT_K8S_SECRETS, PIPELINE_INGESTER_K8S_REQUESTS, PIPELINE_DBT_K8S_REQUESTS, PIPELINE_INGESTER_K8S_LIMITS, PIPELINE_DBT_K8S_LIMITS,
            PIPELINE_SCHEDULES_FILE, PIPELINE_LOG_ARCHIVE, PIPELINE_REPLICA_ID, PIPELINE_LEASE_DURATION,
            PIPELINE_HEARTBEAT_INTERVAL);

    private final Map<String, String> environment;

    Variables(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Optional<String> text(String name) {
        String value = environment.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    boolean isSet(String name) {
        return text(name).isPresent();
    }

    boolean bool(String name, boolean defaultValue) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        return switch (value.get()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(name + " must be true or false, got " + quoted(value.get()) + ".");
        };
    }

    int wholeNumber(String name, int defaultValue, int min, int max) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            int number = Integer.parseInt(value.get());
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // the sentence below says what is allowed
        }
        throw new ConfigException(name + " must be a whole number from " + min + " to " + max + ", got " + quoted(value.get()) + ".");
    }

    /** A positive ISO-8601 duration such as {@code PT1H}. */
    Duration duration(String name, Duration defaultValue) {
        Optional<String> value = text(name);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            Duration duration = Duration.parse(value.get());
            if (!duration.isNegative() && !duration.isZero()) {
                return duration;
            }
        } catch (DateTimeParseException notADuration) {
            // the sentence below says what is allowed
        }
        throw new ConfigException(name + " must be a positive ISO-8601 duration such as PT1H, PT30M or P1D, got "
                + quoted(value.get()) + ".");
    }

    /** A positive ISO-8601 duration, or none when the variable is unset. */
    Optional<Duration> optionalDuration(String name) {
        return text(name).map(value -> duration(name, Duration.ZERO));
    }

    /** One of {@code allowed}, compared exactly. */
    String choice(String name, String defaultValue, List<String> allowed) {
        String value = text(name).orElse(defaultValue);
        if (!allowed.contains(value)) {
            throw new ConfigException(name + " must be " + String.join(" or ", allowed) + ", got " + quoted(value) + ".");
        }
        return value;
    }

    Optional<Path> path(String name) {
        Optional<String> value = text(name);
        try {
            return value.map(Path::of);
        } catch (InvalidPathException e) {
            throw new ConfigException(name + " must be a file path, got " + quoted(value.orElseThrow()) + ".");
        }
    }

    /** The env file a variable names, read into a map; empty when the variable is not set. */
    Map<String, String> envFile(String name) {
        return path(name).map(file -> EnvFile.read(file, name)).orElse(Map.of());
    }

    /** The env file a variable names, handed to an adapter's config, which decides which keys it takes. */
    <T> T envFileInto(String name, T config, BiFunction<T, Map<String, String>, T> withEnvironment) {
        Optional<Path> file = path(name);
        if (file.isEmpty()) {
            return config;
        }
        try {
            return withEnvironment.apply(config, EnvFile.read(file.get(), name));
        } catch (IllegalArgumentException refused) {
            throw new ConfigException(name + " names the env file " + file.get() + ", whose keys must be environment"
                    + " variable names the step accepts: " + refused.getMessage(), refused);
        }
    }

    /** The variable's value handed to an adapter's config when it is set; a refusal names the variable. */
    <T> Optional<T> parsed(String name, String allowed, Function<String, T> parser) {
        return text(name).map(value -> checked(name, value, allowed, () -> parser.apply(value)));
    }

    /**
     * Runs {@code parse}, which hands {@code shown} (the variable's value, or one entry of it) to an adapter's
     * config; the adapter's refusal becomes the sentence "NAME must be ALLOWED, got SHOWN."
     */
    static <T> T checked(String name, String shown, String allowed, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException refused) {
            throw new ConfigException(name + " must be " + allowed + ", got " + quoted(shown) + ".", refused);
        }
    }

    /** A comma-separated list, each entry trimmed, empty entries dropped. */
    List<String> commaSeparated(String name) {
        return text(name).stream().flatMap(value -> List.of(value.split(",")).stream()).map(String::strip)
                .filter(entry -> !entry.isEmpty()).toList();
    }

    Optional<List<String>> command(String name) {
        return text(name).map(line -> ShellWords.split(line, name));
    }

    /** Warnings for variables that look like ours but are not: a typo here would silently change nothing. */
    List<String> unknownLookalikes() {
        List<String> warnings = new ArrayList<>();
        environment.keySet().stream().sorted()
                .filter(name -> name.startsWith("PIPELINE_") || name.startsWith("ENABLE_"))
                .filter(name -> !KNOWN.contains(name))
                .forEach(name -> warnings.add(name + " is not a setting of pipeline-trigger and is ignored"
                        + ClosestName.among(KNOWN, name).map(known -> "; did you mean " + known + "?").orElse(".")));
        return warnings;
    }

    /** A value as an operator typed it, shortened so a pasted secret does not fill the log. */
    static String quoted(String value) {
        return Quoting.quoted(value, 80);
    }
}

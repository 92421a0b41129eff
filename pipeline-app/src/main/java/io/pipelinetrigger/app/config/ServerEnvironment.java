package io.pipelinetrigger.app.config;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The variables the server reads: those of its env file ({@code --env-file}, else {@code PIPELINE_ENV_FILE}),
 * overlaid by the real environment, where a variable with a non-empty value wins over the file.
 */
public final class ServerEnvironment {

    private ServerEnvironment() {
    }

    public static Map<String, String> load(Optional<Path> envFileArgument, Map<String, String> realEnvironment) {
        Optional<Path> file = envFileArgument.isPresent()
                ? envFileArgument
                : new Variables(realEnvironment).path(Variables.PIPELINE_ENV_FILE);
        String namedBy = envFileArgument.isPresent() ? "--env-file" : Variables.PIPELINE_ENV_FILE;
        Map<String, String> merged = new HashMap<>(file.map(f -> EnvFile.read(f, namedBy)).orElse(Map.of()));
        realEnvironment.forEach((name, value) -> {
            if (!value.isBlank() || !merged.containsKey(name)) {
                merged.put(name, value);
            }
        });
        return merged;
    }
}

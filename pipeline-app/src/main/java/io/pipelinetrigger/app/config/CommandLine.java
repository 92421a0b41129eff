package io.pipelinetrigger.app.config;

import io.pipelinetrigger.core.domain.ClosestName;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The few arguments the server takes; everything else is configured through the environment. */
public record CommandLine(boolean demo, Optional<Path> envFile, boolean help) {

    public static final String USAGE = """
            usage: java -jar pipeline-app.jar [--demo] [--env-file PATH] [--help]
              --demo            start enabled, on the process runner, with a bundled simulated workload
              --env-file PATH   read variables from PATH first (the environment wins); also PIPELINE_ENV_FILE
              --help            print this and exit
            Every setting is an environment variable: see docs/configuration.md.""";

    private static final List<String> OPTIONS = List.of("--demo", "--env-file", "--help");

    public CommandLine {
        Objects.requireNonNull(envFile, "envFile");
    }

    /** @throws ConfigException for an unknown argument or a missing value */
    public static CommandLine parse(String... args) {
        boolean demo = false;
        boolean help = false;
        Optional<Path> envFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--demo")) {
                demo = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.equals("--env-file")) {
                if (i + 1 >= args.length || args[i + 1].isBlank()) {
                    throw new ConfigException("--env-file needs a file path after it.");
                }
                envFile = Optional.of(path(args[++i]));
            } else if (arg.startsWith("--env-file=") && arg.length() > "--env-file=".length()) {
                envFile = Optional.of(path(arg.substring("--env-file=".length())));
            } else {
                throw new ConfigException("Unknown argument " + Variables.quoted(arg) + closest(arg)
                        + "server takes only --demo, --env-file PATH and --help.");
            }
        }
        return new CommandLine(demo, envFile, help);
    }

    /** "; did you mean "--demo"? The " for a typo of a known option, else "; the ". */
    private static String closest(String arg) {
        String option = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
        return ClosestName.among(OPTIONS, option).map(known -> "; did you mean \"" + known + "\"? The ").orElse("; the ");
    }

    private static Path path(String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException("--env-file must be a file path, got " + Variables.quoted(value) + ".");
        }
    }
}

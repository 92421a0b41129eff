package io.pipelinetrigger.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The command line, wired to an {@link Io}: parses, runs, and turns every failure into its exit code. */
final class Cli {

    private Cli() {
    }

    static int run(Io io, String... args) {
        CommandLine commandLine = new CommandLine(new TopCommand(), factory(io));
        commandLine.setOut(new PrintWriter(io.out(), true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(io.err(), true, StandardCharsets.UTF_8));
        commandLine.getSubcommands().get("generate-completion").getCommandSpec().usageMessage().hidden(false);
        commandLine.setParameterExceptionHandler((e, given) -> {
            io.err().println("pipeline-trigger: " + oneSentence(e));
            io.err().println("see: pipeline-trigger " + (e.getCommandLine().getParent() == null ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help");
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof CliException failure) {
                io.err().println("pipeline-trigger: " + failure.getMessage());
                return failure.exitCode();
            }
            io.err().println("pipeline-trigger: unexpected " + e);
            return ExitCodes.FAILED;
        });
        return commandLine.execute(args);
    }

    private static String oneSentence(CommandLine.ParameterException e) {
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                return message + "; did you mean '" + suggestions.get(0) + "'?";
            }
        }
        return message;
    }

    private static CommandLine.IFactory factory(Io io) {
        CommandLine.IFactory standard = CommandLine.defaultFactory();
        return new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> type) throws Exception {
                K instance = standard.create(type);
                if (instance instanceof Command command) {
                    command.use(io);
                }
                return instance;
            }
        };
    }
}

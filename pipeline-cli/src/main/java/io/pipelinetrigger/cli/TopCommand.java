package io.pipelinetrigger.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "pipeline-trigger", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Trigger pipeline runs, wait for them, follow their logs, and exit with their result.",
        subcommands = {TriggerCommand.class, StatusCommand.class, WaitCommand.class, LogsCommand.class,
                ListCommand.class, CancelCommand.class, AutoComplete.GenerateCompletion.class},
        footer = {"", "Exit codes: 0 succeeded, 1-255 the step's own code (errored), 124 timed out, 130 cancelled,",
                "70 failed, 75 busy, 64 bad usage, 77 not allowed, 69 server unreachable. See docs/cli.md."})
final class TopCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}

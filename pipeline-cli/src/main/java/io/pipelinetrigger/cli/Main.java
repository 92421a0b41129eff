package io.pipelinetrigger.cli;

/** {@code pipeline-trigger ...}: the process's exit code is the command's (docs/cli.md). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(Io.system(), args));
    }
}

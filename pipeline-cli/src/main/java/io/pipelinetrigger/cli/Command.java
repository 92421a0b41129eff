package io.pipelinetrigger.cli;

import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** What every subcommand shares: the connection options, the streams, and how a run's end is told. */
abstract class Command implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    Io io;

    /** Called by {@link Cli}'s factory before the command runs. */
    final void use(Io given) {
        this.io = given;
    }

    Session session() {
        return connection.session(io);
    }

    /** The end of a wait: the summary line (or the whole final view with --json) and the run's exit code. */
    static int report(Session session, JobView ended, boolean summaryToStdout) {
        Io io = session.io();
        if (session.json()) {
            io.out().println(session.accepted(session.api().job(ended.jobId(), 0, true)).toString());
        } else {
            (summaryToStdout ? io.out() : io.err()).println(Summary.of(ended, io.clock().instant()));
        }
        return ExitCodes.forJob(ended);
    }
}

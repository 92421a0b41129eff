package io.pipelinetrigger.core.domain;

/**
 * The store already holds a record of this firing (or of a later one of the same schedule): another server, or
 * this one before a restart, fired it. Nothing was saved.
 */
public class FiringAlreadyRecordedException extends PipelineException {

    public FiringAlreadyRecordedException(Firing firing) {
        super("Schedule " + Quoting.quoted(firing.schedule()) + " has already fired for " + firing.scheduledFor()
                + ".");
    }
}

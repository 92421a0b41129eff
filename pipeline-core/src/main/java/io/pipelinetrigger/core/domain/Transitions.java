package io.pipelinetrigger.core.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The whole state machine in one place: which job and step states may follow which. Every change of a
 * {@link Job} or {@link Step} goes through {@link #requireJob} or {@link #requireStep}.
 */
public final class Transitions {

    private static final Map<JobStatus, Set<JobStatus>> JOB = Map.of(
            JobStatus.QUEUED, EnumSet.of(JobStatus.RUNNING, JobStatus.CANCELLED),
            JobStatus.RUNNING, EnumSet.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED),
            JobStatus.COMPLETED, EnumSet.noneOf(JobStatus.class),
            JobStatus.FAILED, EnumSet.noneOf(JobStatus.class),
            JobStatus.CANCELLED, EnumSet.noneOf(JobStatus.class));

    private static final Map<StepStatus, Set<StepStatus>> STEP = Map.of(
            StepStatus.PENDING, EnumSet.of(StepStatus.RUNNING, StepStatus.SKIPPED, StepStatus.FAILED),
            StepStatus.RUNNING, EnumSet.of(StepStatus.COMPLETED, StepStatus.FAILED, StepStatus.CANCELLED),
            StepStatus.COMPLETED, EnumSet.noneOf(StepStatus.class),
            StepStatus.FAILED, EnumSet.noneOf(StepStatus.class),
            StepStatus.SKIPPED, EnumSet.noneOf(StepStatus.class),
            StepStatus.CANCELLED, EnumSet.noneOf(StepStatus.class));

    private Transitions() {
    }

    public static boolean jobMayMove(JobStatus from, JobStatus to) {
        return JOB.get(from).contains(to);
    }

    public static boolean stepMayMove(StepStatus from, StepStatus to) {
        return STEP.get(from).contains(to);
    }

    static void requireJob(JobStatus from, JobStatus to) {
        if (!jobMayMove(from, to)) {
            throw new IllegalTransitionException("job", from.wireName(), to.wireName());
        }
    }

    static void requireStep(StepStatus from, StepStatus to) {
        if (!stepMayMove(from, to)) {
            throw new IllegalTransitionException("step", from.wireName(), to.wireName());
        }
    }
}

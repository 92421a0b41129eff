package io.pipelinetrigger.core.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every from/to pair of the job and step state machines, against the states docs/api.md ("The job view") describes. */
class TransitionsTest {

    private static final Set<String> JOB_MOVES = Set.of("QUEUED>RUNNING", "QUEUED>CANCELLED",
            "RUNNING>COMPLETED", "RUNNING>FAILED", "RUNNING>CANCELLED");

    private static final Set<String> STEP_MOVES = Set.of(
            "PENDING>RUNNING", "PENDING>SKIPPED", "PENDING>FAILED", "RUNNING>COMPLETED", "RUNNING>FAILED",
            "RUNNING>CANCELLED");

    static Stream<Arguments> everyJobPair() {
        return Arrays.stream(JobStatus.values())
                .flatMap(from -> Arrays.stream(JobStatus.values()).map(to -> Arguments.of(from, to)));
    }

    static Stream<Arguments> everyStepPair() {
        return Arrays.stream(StepStatus.values())
                .flatMap(from -> Arrays.stream(StepStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "job {0} -> {1}")
    @MethodSource("everyJobPair")
    void a_job_moves_only_along_the_documented_transitions(JobStatus from, JobStatus to) {
        boolean allowed = JOB_MOVES.contains(from + ">" + to);

        assertThat(Transitions.jobMayMove(from, to)).isEqualTo(allowed);
        if (allowed) {
            assertThatCode(() -> Transitions.requireJob(from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Transitions.requireJob(from, to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessage("A job cannot go from " + from.wireName() + " to " + to.wireName() + ".");
        }
    }

    @ParameterizedTest(name = "step {0} -> {1}")
    @MethodSource("everyStepPair")
    void a_step_moves_only_along_the_documented_transitions(StepStatus from, StepStatus to) {
        boolean allowed = STEP_MOVES.contains(from + ">" + to);

        assertThat(Transitions.stepMayMove(from, to)).isEqualTo(allowed);
        if (allowed) {
            assertThatCode(() -> Transitions.requireStep(from, to)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> Transitions.requireStep(from, to))
                    .isInstanceOf(IllegalTransitionException.class)
                    .hasMessageContaining("from " + from.wireName() + " to " + to.wireName());
        }
    }

    @ParameterizedTest(name = "{0} is terminal: only queued and running are not")
    @MethodSource("everyJobPair")
    void only_queued_and_running_jobs_are_not_terminal(JobStatus status, JobStatus ignored) {
        assertThat(status.isTerminal()).isEqualTo(status != JobStatus.RUNNING && status != JobStatus.QUEUED);
    }
}

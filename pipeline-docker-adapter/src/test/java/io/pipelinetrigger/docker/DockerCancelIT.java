package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A cancel asks the step to stop and returns at once; the engine kills a step that ignores it after the grace. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerCancelIT {

    private static final JobId JOB = JobId.of("dbt-1700000000009-cancl1");
    private static final StepSpec DBT = StepRun.spec(JOB, StepName.DBT);

    private final DockerRunners runners = new DockerRunners();
    private final List<LogChunk> chunks = new CopyOnWriteArrayList<>();

    @BeforeEach
    @AfterEach
    void noContainerOfThisJobIsLeft() {
        TestEngine.removeContainersLabelled(ContainerPlan.JOB_ID_LABEL + "=" + JOB.value());
    }

    @AfterEach
    void closeRunners() {
        runners.close();
    }

    @Test
    void stop_returns_at_once_and_a_step_ignoring_int_and_term_is_killed_after_the_grace() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "trap '' INT TERM; echo started; while true; do sleep 1; done");
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "started");

            step.stop(Duration.ofSeconds(5));

            assertThat(Poll.state(step.id()).getRunning())
                    .as("stop() returned before the grace was over: the container still runs").isTrue();
            assertThat(step.awaitExit()).as("killed: 128 + SIGKILL").isEqualTo(new StepOutcome.Exited(137));
        }
    }

    @Test
    void a_step_that_honours_its_stop_signal_ends_before_the_grace() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "trap 'echo interrupted; exit 130' INT; echo started; "
                + "while true; do sleep 1; done");
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilOutputContains(chunks, "started");

            step.stop(Duration.ofMinutes(5));

            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(130));
            assertThat(Poll.text(chunks)).endsWith("interrupted\n");
        }
    }

    @Test
    void a_stop_racing_the_natural_exit_reports_the_exit() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "echo done; exit 5");
        try (RunningStep step = StepRun.started(runner, DBT, chunks::add)) {
            Poll.untilExited(step.id());

            step.stop(Duration.ofSeconds(5));
            step.stop(Duration.ofSeconds(5));

            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(5));
            assertThat(Poll.text(chunks)).isEqualTo("done\n");
        }
    }
}

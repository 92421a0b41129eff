package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A step printing 1 GiB keeps memory flat: this runs in its own failsafe execution with a 128 MiB heap
 * (see the pom), so buffering the output anywhere would end in an OutOfMemoryError, not a pass.
 */
@DockerEngineTest
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LargeOutputIT {

    private static final JobId JOB = JobId.of("dbt-1700000000005-large1");
    private static final long ONE_GIB = 1L << 30;
    private static final long SMALL_HEAP = 256L * 1024 * 1024;
    private static final String LAST_LINE = "\nthe end: café\n";

    private final DockerRunners runners = new DockerRunners();

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
    void a_step_printing_one_gibibyte_passes_through_a_small_heap_and_leaves_exactly_its_last_bytes() throws Exception {
        assumeTrue(Runtime.getRuntime().maxMemory() <= SMALL_HEAP,
                "proves flat memory only in a small heap: runs in the pom's large-output-bounded-heap execution");
        DockerContainerRunner runner = runners.running(StepName.DBT,
                "head -c " + ONE_GIB + " /dev/zero | tr '\\0' x; printf '\\nthe end: caf\\303\\251\\n'");
        OutputTail tail = new OutputTail(10240);

        StepOutcome outcome;
        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), tail::accept)) {
            outcome = step.awaitExit();
        }
        tail.endOfStep(StepName.DBT);

        int lastLineBytes = LAST_LINE.getBytes(StandardCharsets.UTF_8).length;
        assertThat(outcome).isEqualTo(new StepOutcome.Exited(0));
        assertThat(tail.totalBytesSeen()).isEqualTo(ONE_GIB + lastLineBytes);
        assertThat(tail.text()).isEqualTo("x".repeat(10240 - lastLineBytes) + LAST_LINE);
    }
}

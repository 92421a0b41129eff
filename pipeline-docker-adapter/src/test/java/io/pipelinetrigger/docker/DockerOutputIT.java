package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.OutputTail;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a step prints reaches the job's tail whole, in order, and without a deadline cutting a quiet step short. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerOutputIT {

    private static final JobId JOB = JobId.of("dbt-1700000000002-output");

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
    void stdout_and_stderr_arrive_interleaved_in_the_order_they_were_written() throws Exception {
        // the pauses let the engine's log copier see each write on its own; nothing is timed
        DockerContainerRunner runner = runners.running(StepName.DBT,
                "echo out-1; sleep 0.2; echo err-1 >&2; sleep 0.2; echo out-2; sleep 0.2; echo err-2 >&2");

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        assertThat(run.outcome()).isEqualTo(new StepOutcome.Exited(0));
        assertThat(run.interleaved()).isEqualTo("out:out-1\n|err:err-1\n|out:out-2\n|err:err-2\n");
    }

    @Test
    void a_character_split_across_frames_is_whole_in_the_tail() throws Exception {
        // one 1026-byte line: docker-java hands it over in 1024-byte frames, so 'é' (C3 A9) is cut in two
        DockerContainerRunner runner = runners.running(StepName.DBT,
                "head -c 1023 /dev/zero | tr '\\0' a; printf '\\303\\251\\n'");
        OutputTail tail = new OutputTail(10240);
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), chunk -> {
            chunks.add(chunk);
            tail.accept(chunk);
        })) {
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(0));
        }
        tail.endOfStep(StepName.DBT);

        assertThat(chunks).extracting(LogChunk::length).containsExactly(1024, 2);
        assertThat(chunks.get(0).bytes()[1023]).isEqualTo((byte) 0xC3);
        assertThat(tail.text()).isEqualTo("a".repeat(1023) + "é\n");
    }

    @Test
    void a_tail_cut_inside_a_character_starts_at_the_next_whole_one() throws Exception {
        // "x", then 5120 two-byte characters, then "\n": the last 10240 bytes begin inside the first 'é'
        DockerContainerRunner runner = runners.running(StepName.DBT, "printf x; yes 'é' | head -n 5120 | tr -d '\\n'; echo");
        OutputTail tail = new OutputTail(10240);

        try (RunningStep step = StepRun.started(runner, StepRun.spec(JOB, StepName.DBT), tail::accept)) {
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(0));
        }
        tail.endOfStep(StepName.DBT);

        assertThat(tail.totalBytesSeen()).isEqualTo(1 + 5120 * 2 + 1);
        assertThat(tail.text()).isEqualTo("é".repeat(5119) + "\n");
    }

    @Test
    void a_step_silent_for_longer_than_the_control_timeout_is_followed_to_its_end() throws Exception {
        // the wait and the log follow would fail after 1 s of silence if they shared the control client's timeout
        DockerContainerRunner runner = runners.with(DockerRunnerConfig.builder()
                .controlTimeout(Duration.ofSeconds(1))
                .step(StepName.DBT, DockerRunners.shellStep("sleep 4; echo finally")));

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        assertThat(run.outcome()).isEqualTo(new StepOutcome.Exited(0));
        assertThat(run.text(LogStream.STDOUT)).isEqualTo("finally\n");
    }

    @Test
    void output_bytes_are_passed_on_unchanged() throws Exception {
        DockerContainerRunner runner = runners.running(StepName.DBT, "printf 'tab\\there\\r\\nbell\\007 nul\\000 end'");

        StepRun run = StepRun.of(runner, StepRun.spec(JOB, StepName.DBT));

        byte[] all = run.chunks().stream().map(LogChunk::bytes)
                .reduce(new byte[0], (a, b) -> {
                    byte[] joined = new byte[a.length + b.length];
                    System.arraycopy(a, 0, joined, 0, a.length);
                    System.arraycopy(b, 0, joined, a.length, b.length);
                    return joined;
                });
        assertThat(all).isEqualTo("tab\there\r\nbell\u0007 nul\u0000 end".getBytes(StandardCharsets.UTF_8));
    }
}

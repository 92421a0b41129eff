package io.pipelinetrigger.core.port.out;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.LogStream;
import io.pipelinetrigger.core.domain.StepLaunchException;
import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What every {@link ContainerRunner} must do, whatever it runs steps on. A runner's test extends this and
 * says how to make a runner whose step runs a POSIX shell script ({@code sh -c script}, with the spec's
 * arguments after it, so the first argument is {@code $0}). What core relies on is covered here: the name
 * handed to {@code created} before the step runs (and a declined or failed one leaving nothing running), stop
 * with grace then kill, detach, and {@code recover}: a runner whose steps outlive the server must find a detached
 * step again with all of its output and its real exit code; one whose steps do not answers {@code Gone}.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public abstract class ContainerRunnerContract {

    protected static final JobId JOB_ID = JobId.of("dbt-1710460800000-abc123");

    /** A runner on which {@code step} runs {@code sh -c shellScript [arguments...]}. */
    protected abstract ContainerRunner runnerRunning(StepName step, String shellScript);

    /** A runner whose program (or image) for {@code step} does not exist. */
    protected abstract ContainerRunner runnerWithMissingProgram(StepName step);

    @ParameterizedTest(name = "exit code {0}")
    @ValueSource(ints = {0, 1, 3})
    void a_step_exiting_with_a_code_reports_that_code(int code) throws Exception {
        Run run = run(runnerRunning(StepName.DBT, "echo working; exit " + code), spec(StepName.DBT, Map.of(), List.of()));

        assertThat(run.outcome).isEqualTo(new StepOutcome.Exited(code));
        assertThat(run.text(LogStream.STDOUT)).isEqualTo("working\n");
    }

    @Test
    void a_step_that_exits_at_once_is_not_missed() throws Exception {
        Run run = run(runnerRunning(StepName.INGESTER, "exit 7"), spec(StepName.INGESTER, Map.of(), List.of()));

        assertThat(run.outcome).isEqualTo(new StepOutcome.Exited(7));
    }

    @Test
    void stdout_and_stderr_are_both_captured_and_told_apart() throws Exception {
        Run run = run(runnerRunning(StepName.DBT, "echo to-out; echo to-err >&2; echo more-out"),
                spec(StepName.DBT, Map.of(), List.of()));

        if (tellsStderrApart()) {
            assertThat(run.text(LogStream.STDOUT)).isEqualTo("to-out\nmore-out\n");
            assertThat(run.text(LogStream.STDERR)).isEqualTo("to-err\n");
        } else {
            assertThat(run.text(LogStream.STDOUT)).as("one stream, in the order written").isEqualTo("to-out\nto-err\nmore-out\n");
            assertThat(run.text(LogStream.STDERR)).isEmpty();
        }
        assertThat(run.chunks).allMatch(chunk -> chunk.step() == StepName.DBT);
    }

    @Test
    void the_step_receives_the_environment_and_arguments_of_its_spec() throws Exception {
        StepSpec spec = spec(StepName.DBT,
                Map.of("PIPELINE_JOB_ID", JOB_ID.value(), "PIPELINE_STEP", "dbt", "ENABLE_ELEMENTARY", "false"),
                List.of("daily"));
        Run run = run(runnerRunning(StepName.DBT,
                "echo \"job=$PIPELINE_JOB_ID step=$PIPELINE_STEP elementary=$ENABLE_ELEMENTARY arg=$0\""), spec);

        assertThat(run.outcome).isEqualTo(new StepOutcome.Exited(0));
        assertThat(run.text(LogStream.STDOUT))
                .isEqualTo("job=" + JOB_ID + " step=dbt elementary=false arg=daily\n");
    }

    @Test
    void all_output_is_delivered_before_the_exit_is_reported() throws Exception {
        Run run = run(runnerRunning(StepName.DBT, "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); done; exit 4"),
                spec(StepName.DBT, Map.of(), List.of()));

        assertThat(run.outcome).isEqualTo(new StepOutcome.Exited(4));
        String[] lines = run.text(LogStream.STDOUT).split("\n");
        assertThat(lines).hasSize(2000);
        assertThat(lines[0]).isEqualTo("line-0");
        assertThat(lines[1999]).isEqualTo("line-1999");
    }

    @Test
    void bytes_arrive_unchanged_even_a_character_split_across_writes() throws Exception {
        // 'é' is C3 A9 in UTF-8: the two bytes are written separately
        Run run = run(runnerRunning(StepName.DBT, "printf 'caf\\303'; sleep 0.2; printf '\\251\\n'"),
                spec(StepName.DBT, Map.of(), List.of()));

        assertThat(run.bytes(LogStream.STDOUT)).isEqualTo("café\n".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void a_missing_program_fails_the_step_with_a_reason() throws Exception {
        Run run = run(runnerWithMissingProgram(StepName.INGESTER), spec(StepName.INGESTER, Map.of(), List.of()));

        assertThat(run.outcome).isInstanceOf(StepOutcome.Failed.class);
        assertThat(((StepOutcome.Failed) run.outcome).reason()).isNotBlank();
    }

    @Test
    void a_stopped_step_ends_and_reports_its_end() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "echo started; sleep 300");
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (RunningStep step = start(runner, spec(StepName.DBT, Map.of(), List.of()), keep(chunks))) {
            awaitOutput(chunks, "started");
            step.stop(Duration.ofSeconds(5));
            StepOutcome outcome = step.awaitExit();
            assertThat(outcome).isNotEqualTo(new StepOutcome.Exited(0));
        }
    }

    @Test
    void a_step_that_ignores_its_stop_signal_is_killed_after_the_grace() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "trap '' INT TERM; echo started; sleep 300");
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (RunningStep step = start(runner, spec(StepName.DBT, Map.of(), List.of()), keep(chunks))) {
            awaitOutput(chunks, "started");
            Duration grace = Duration.ofSeconds(1);
            long before = System.nanoTime();
            step.stop(grace);
            Duration stopCall = Duration.ofNanos(System.nanoTime() - before);
            StepOutcome outcome = step.awaitExit();
            assertThat(stopCall).as("stop returns at once; the kill comes later").isLessThan(grace);
            assertThat(outcome).isNotEqualTo(new StepOutcome.Exited(0));
        }
    }

    @Test
    void stopping_a_step_that_has_exited_is_harmless() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "exit 2");
        try (RunningStep step = start(runner, spec(StepName.DBT, Map.of(), List.of()), chunk -> { })) {
            StepOutcome outcome = step.awaitExit();
            step.stop(Duration.ofSeconds(1));
            assertThat(outcome).isEqualTo(new StepOutcome.Exited(2));
            assertThat(step.awaitExit()).isEqualTo(outcome);
        }
    }

    @Test
    void the_runner_names_the_step_once_before_any_of_its_output_is_read() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "echo first; exit 0");
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        List<String> names = new CopyOnWriteArrayList<>();
        List<Integer> chunksWhenNamed = new CopyOnWriteArrayList<>();
        try (RunningStep step = runner.start(spec(StepName.DBT, Map.of(), List.of()), keep(chunks), runnerId -> {
            names.add(runnerId);
            chunksWhenNamed.add(chunks.size());
            return true;
        }).orElseThrow()) {
            assertThat(names).as("named before start returns").containsExactly(step.id());
            assertThat(step.awaitExit()).isEqualTo(new StepOutcome.Exited(0));
        }
        assertThat(chunksWhenNamed).containsExactly(0);
        assertThat(new Run(null, chunks).text(LogStream.STDOUT)).isEqualTo("first\n");
        assertThat(names).hasSize(1);
    }

    @Test
    void a_step_declined_when_it_is_named_is_not_run_and_nothing_of_it_is_left() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "echo ran; sleep 300");
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        StepSpec spec = spec(StepName.DBT, Map.of(), List.of());

        Optional<RunningStep> started = runner.start(spec, keep(chunks), runnerId -> false);

        assertThat(started).isEmpty();
        assertThat(chunks).isEmpty();
        assertNothingLeftOf(spec);
    }

    @Test
    void a_step_whose_name_cannot_be_saved_is_not_left_running_and_the_failure_passes_on() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "echo ran; sleep 300");
        StepSpec spec = spec(StepName.DBT, Map.of(), List.of());
        IllegalStateException storeDown = new IllegalStateException("the store does not answer");

        assertThatThrownBy(() -> runner.start(spec, chunk -> { }, runnerId -> {
            throw storeDown;
        })).isSameAs(storeDown);
        assertNothingLeftOf(spec);
    }

    @Test
    void detaching_lets_a_thread_waiting_for_the_exit_go() throws Exception {
        ContainerRunner runner = runnerRunning(StepName.DBT, "echo started; sleep 300");
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (RunningStep step = start(runner, spec(StepName.DBT, Map.of(), List.of()), keep(chunks))) {
            awaitOutput(chunks, "started");
            CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> awaitExitQuietly(step));

            step.detach();

            waiting.get(60, TimeUnit.SECONDS);
        }
    }

    @Test
    void a_step_that_outlives_the_server_is_found_again_with_its_whole_output_and_real_exit_code() throws Exception {
        ContainerRunner before = runnerRunning(StepName.DBT, "echo one; sleep 3; echo two; exit 3");
        assumeTrue(before.stepsOutliveTheServer(), "this runner's steps end with the server");
        StepSpec spec = spec(StepName.DBT, Map.of(), List.of());
        List<LogChunk> seenBefore = new CopyOnWriteArrayList<>();
        List<String> saved = new CopyOnWriteArrayList<>();
        RunningStep first = before.start(spec, keep(seenBefore), saved::add).orElseThrow();
        awaitOutput(seenBefore, "one");
        first.detach();
        first.close(); // after detach this only lets go of what the old server held

        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        RecoveredStep found = runnerRunning(StepName.DBT, "exit 0").recover(spec, Optional.of(saved.get(0)), keep(chunks));

        assertThat(found).isInstanceOf(RecoveredStep.Reattached.class);
        try (RunningStep again = ((RecoveredStep.Reattached) found).step()) {
            assertThat(again.id()).as("the same step, not a new one").isEqualTo(saved.get(0));
            assertThat(again.awaitExit()).isEqualTo(new StepOutcome.Exited(3));
        }
        assertThat(new Run(null, chunks).text(LogStream.STDOUT)).as("the whole output, from the start").isEqualTo("one\ntwo\n");
        assertNothingLeftOf(spec);
    }

    @Test
    void a_step_of_a_runner_whose_steps_end_with_the_server_is_gone_after_a_restart() throws Exception {
        ContainerRunner before = runnerRunning(StepName.DBT, "echo started; sleep 300");
        assumeFalse(before.stepsOutliveTheServer(), "this runner's steps outlive the server");
        StepSpec spec = spec(StepName.DBT, Map.of(), List.of());
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        RunningStep first = start(before, spec, keep(chunks));
        awaitOutput(chunks, "started");
        first.detach();

        RecoveredStep found = runnerRunning(StepName.DBT, "exit 0").recover(spec, Optional.of(first.id()), chunk -> { });

        assertThat(found).isInstanceOfSatisfying(RecoveredStep.Gone.class, gone -> assertThat(gone.reason()).isNotBlank());
        assertThat(first.awaitExit()).as("detaching ended it").isNotEqualTo(new StepOutcome.Exited(0));
    }

    @Test
    void a_step_that_was_never_started_is_gone_with_a_reason() {
        RecoveredStep found = runnerRunning(StepName.DBT, "exit 0")
                .recover(spec(StepName.DBT, Map.of(), List.of()), Optional.of("0123456789ab"), chunk -> { });

        assertThat(found).isInstanceOfSatisfying(RecoveredStep.Gone.class, gone -> assertThat(gone.reason()).isNotBlank());
    }

    /**
     * Whether the runner hands stderr on as stderr. A runner whose platform serves one interleaved stream (Kubernetes'
     * log API) answers false and must then deliver both, in the order written, as stdout.
     */
    protected boolean tellsStderrApart() {
        return true;
    }

    /**
     * Checks that the runner keeps nothing of the step any more (a container runner: no container); called after a
     * declined or failed start and after a step was closed. Runners that keep nothing outside the JVM need not check.
     */
    protected void assertNothingLeftOf(StepSpec spec) {
    }

    /** Starts the spec, saying yes when the runner names it. */
    protected static RunningStep start(ContainerRunner runner, StepSpec spec, LogSink sink) {
        return runner.start(spec, sink, runnerId -> true).orElseThrow();
    }

    protected static StepSpec spec(StepName step, Map<String, String> environment, List<String> arguments) {
        return new StepSpec(JOB_ID, step, environment, arguments);
    }

    /** Starts the spec, follows it to the end, and turns a launch failure into a {@code Failed} outcome. */
    protected static Run run(ContainerRunner runner, StepSpec spec) throws InterruptedException {
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (RunningStep step = start(runner, spec, keep(chunks))) {
            return new Run(step.awaitExit(), chunks);
        } catch (StepLaunchException e) {
            return new Run(new StepOutcome.Failed(e.getMessage(), OptionalInt.empty()), chunks);
        }
    }

    private static void awaitExitQuietly(RunningStep step) {
        try {
            step.awaitExit();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A sink that keeps what it is sent, as copies: a chunk may be over the runner's buffer only while it is sent. */
    protected static LogSink keep(List<LogChunk> chunks) {
        return chunk -> chunks.add(chunk.copy());
    }

    private static void awaitOutput(List<LogChunk> chunks, String expected) throws InterruptedException {
        while (new Run(null, chunks).text(LogStream.STDOUT).indexOf(expected) < 0) {
            Thread.sleep(20); // polling for a condition, not timing anything; the class timeout bounds it
        }
    }

    /** What a step printed and how it ended. */
    protected record Run(StepOutcome outcome, List<LogChunk> chunks) {

        public byte[] bytes(LogStream stream) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            chunks.stream().filter(c -> c.stream() == stream).forEach(c -> out.writeBytes(c.bytes()));
            return out.toByteArray();
        }

        public String text(LogStream stream) {
            return new String(bytes(stream), StandardCharsets.UTF_8);
        }
    }
}

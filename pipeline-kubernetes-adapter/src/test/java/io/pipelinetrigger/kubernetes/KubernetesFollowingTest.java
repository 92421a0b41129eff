package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.LogChunk;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import io.pipelinetrigger.core.port.out.RunningStep;
import io.pipelinetrigger.core.port.out.StepOutcome;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Log streams that drop, the stop's grace, the 409 check and leftovers, against the API mock. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KubernetesFollowingTest {

    private static final StepSpec SPEC = new StepSpec(JobId.of("dbt-1710460800000-follow"), StepName.DBT, Map.of(), List.of());

    private final MockCluster cluster = new MockCluster();

    @AfterEach
    void stopCluster() {
        cluster.close();
    }

    @Test
    void a_log_stream_that_keeps_dropping_mid_line_is_reopened_without_a_line_repeated_or_lost() throws Exception {
        cluster.kubelet().dropLogStreamsAfter(7);
        // many lines within each second: a reopened stream starts at the second, so most come back twice
        String script = "i=0; while [ $i -lt 300 ]; do echo line-$i; i=$((i+1)); [ $((i % 50)) -eq 0 ] && sleep 0.3; done; exit 0";
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, script, "busybox:1.36").build();

        StepOutcome outcome;
        int reconnects;
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client());
             RunningStep step = runner.start(SPEC, chunks::add, name -> true).orElseThrow()) {
            outcome = step.awaitExit();
        }
        reconnects = (int) cluster.requests().stream().filter(r -> r.path().contains("/log?")).count() - 1;

        assertThat(outcome).isEqualTo(new StepOutcome.Exited(0));
        assertThat(text(chunks).split("\n")).containsExactly(IntStream.range(0, 300).mapToObj(i -> "line-" + i).toArray(String[]::new));
        assertThat(reconnects).as("the stream was reopened").isPositive();
        assertThat(cluster.requests()).filteredOn(r -> r.path().contains("/log?") && r.path().contains("sinceTime="))
                .as("reopened from the last line's second").isNotEmpty();
    }

    @Test
    void a_stop_deletes_the_pod_with_the_grace_given_before_the_job() throws Exception {
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "trap 'echo got-term; exit 9' TERM; echo started;"
                + " while true; do sleep 0.1; done", "busybox:1.36").build();
        List<LogChunk> chunks = new CopyOnWriteArrayList<>();
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client());
             RunningStep step = runner.start(SPEC, chunks::add, name -> true).orElseThrow()) {
            while (!text(chunks).contains("started")) {
                TestConfigs.sleepBriefly();
            }
            step.stop(Duration.ofSeconds(7));

            // the pod may be gone before a look reads its terminated state: either way not a clean exit
            assertThat(step.awaitExit()).isIn(new StepOutcome.Exited(9),
                    new StepOutcome.Failed("Step dbt was stopped; its pod is gone.", java.util.OptionalInt.empty()));
        }
        assertThat(text(chunks)).startsWith("started\n");
        assertThat(cluster.kubelet().gracesAsked()).as("SIGTERM, SIGKILL only after the grace asked").containsExactly(7L);
        assertThat(cluster.requests()).filteredOn(r -> r.method().equals("DELETE")).extracting(MockCluster.Request::path)
                .first().asString().startsWith("/api/v1/namespaces/pipelines/pods/");
    }

    @Test
    void a_running_job_of_ours_or_one_matching_a_configured_selector_is_a_conflicting_run() throws Exception {
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "echo started; sleep 30", "busybox:1.36")
                .conflictSelector("app=dbt,team=data").build();
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client())) {
            assertThat(runner.findConflictingRun()).isEmpty();
            cluster.adminClient().batch().v1().jobs().inNamespace("pipelines").resource(new JobBuilder().withNewMetadata()
                    .withName("nightly-dbt").withLabels(Map.of("app", "dbt", "team", "data")).endMetadata().withNewSpec()
                    .withNewTemplate().withNewSpec().addNewContainer().withName("dbt").withImage("acme/dbt:1").endContainer()
                    .endSpec().endTemplate().endSpec().build()).create();

            assertThat(runner.findConflictingRun()).contains(new ConflictingRun("nightly-dbt",
                    "Job nightly-dbt in namespace pipelines (image acme/dbt:1)"));

            cluster.adminClient().batch().v1().jobs().inNamespace("pipelines").withName("nightly-dbt").delete();
            try (RunningStep step = runner.start(SPEC, chunk -> { }, name -> true).orElseThrow()) {
                Optional<ConflictingRun> ours = runner.findConflictingRun();
                assertThat(ours).map(ConflictingRun::id).contains(SPEC.jobId().value());
                step.stop(Duration.ofSeconds(1));
                step.awaitExit();
            }
        }
    }

    @Test
    void leftover_jobs_of_inactive_jobs_are_deleted_and_those_of_active_ones_are_kept() throws Exception {
        KubernetesRunnerConfig config = TestConfigs.running(StepName.DBT, "exit 0", "busybox:1.36").build();
        StepSpec other = new StepSpec(JobId.of("dbt-1710460800000-other1"), StepName.DBT, Map.of(), List.of());
        try (KubernetesContainerRunner runner = new KubernetesContainerRunner(config, cluster.client())) {
            for (StepSpec spec : List.of(SPEC, other)) {
                RunningStep step = runner.start(spec, chunk -> { }, name -> true).orElseThrow();
                step.awaitExit();
                step.detach(); // as if deleting it had failed: the Job stays
                step.close();
            }

            int removed = runner.removeLeftovers(Set.of(SPEC.jobId()), Duration.ZERO);

            assertThat(removed).isEqualTo(1);
            TestConfigs.awaitNothingLeftOf(cluster.adminClient(), other);
            assertThat(cluster.adminClient().batch().v1().jobs().inNamespace("pipelines")
                    .withName(KubernetesNames.jobName(SPEC, "default")).get()).isNotNull();
        }
    }

    private static String text(List<LogChunk> chunks) {
        StringBuilder text = new StringBuilder();
        chunks.forEach(c -> text.append(new String(c.bytes(), StandardCharsets.UTF_8)));
        return text.toString();
    }
}

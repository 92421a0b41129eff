package io.pipelinetrigger.docker;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The periodic clean-up removes our containers that no live job owns, once they are older than the grace. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerLeftoversIT {

    /** Every container this test makes carries it, so clean-up never touches anything else. */
    private static final String TEST_LABEL = "pipeline-trigger-test.leftovers";
    private static final JobId FINISHED = JobId.of("dbt-1700000000008-left01");
    private static final JobId ACTIVE = JobId.of("dbt-1700000000008-left02");

    private final DockerRunners runners = new DockerRunners();

    @BeforeEach
    @AfterEach
    void noTestContainerIsLeft() {
        TestEngine.removeContainersLabelled(TEST_LABEL);
    }

    @AfterEach
    void closeRunners() {
        runners.close();
    }

    @Test
    void an_exited_container_of_a_finished_job_is_removed_and_others_are_kept() throws Exception {
        String finished = container(ours(FINISHED), "true");
        String active = container(ours(ACTIVE), "sleep 300");
        String notOurs = container(Map.of("com.docker.compose.service", "dbt"), "true");
        Poll.untilExited(finished);
        Poll.untilExited(notOurs);

        int removed = runner().removeLeftovers(activeJobs(ACTIVE), Duration.ZERO);

        assertThat(removed).isEqualTo(1);
        assertThat(ids()).doesNotContain(finished).contains(active, notOurs);
    }

    @Test
    void a_container_of_another_instance_is_never_a_leftover_of_ours() throws Exception {
        String otherServers = container(Map.of(ContainerPlan.JOB_ID_LABEL, FINISHED.value(), ContainerPlan.STEP_LABEL, "dbt",
                ContainerPlan.INSTANCE_LABEL, TestEngine.INSTANCE + "-other"), "true");
        String beforeInstances = container(Map.of(ContainerPlan.JOB_ID_LABEL, FINISHED.value(), ContainerPlan.STEP_LABEL, "dbt"), "true");
        Poll.untilExited(otherServers);
        Poll.untilExited(beforeInstances);

        int removed = runner().removeLeftovers(activeJobs(), Duration.ZERO);

        assertThat(removed).isZero();
        assertThat(ids()).contains(otherServers, beforeInstances);
    }

    @Test
    void a_container_younger_than_the_grace_is_kept() throws Exception {
        String finished = container(ours(FINISHED), "true");
        Poll.untilExited(finished);

        int removed = runner().removeLeftovers(activeJobs(), Duration.ofHours(1));

        assertThat(removed).isZero();
        assertThat(ids()).contains(finished);
    }

    /** The labels this test run's runner gives the dbt step of {@code job}. */
    private static Map<String, String> ours(JobId job) {
        return Map.of(ContainerPlan.JOB_ID_LABEL, job.value(), ContainerPlan.STEP_LABEL, "dbt",
                ContainerPlan.INSTANCE_LABEL, TestEngine.INSTANCE);
    }

    private DockerContainerRunner runner() {
        return runners.with(DockerRunnerConfig.builder().step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE)));
    }

    /**
     * {@code alsoActive} plus the job of every other labelled container on the engine but {@link #FINISHED}: the
     * engine is shared, and this test must not remove what other tests or servers run there.
     */
    private static Set<JobId> activeJobs(JobId... alsoActive) {
        Set<JobId> active = new HashSet<>(Set.of(alsoActive));
        for (Container container : TestEngine.containersLabelled(ContainerPlan.JOB_ID_LABEL)) {
            String jobId = container.getLabels().get(ContainerPlan.JOB_ID_LABEL);
            if (!FINISHED.value().equals(jobId)) {
                try {
                    active.add(JobId.of(jobId));
                } catch (RuntimeException notAJobId) {
                    // a label core would never have written; nothing this test needs to protect
                }
            }
        }
        return active;
    }

    private static Set<String> ids() {
        Set<String> ids = new HashSet<>();
        TestEngine.containersLabelled(TEST_LABEL).forEach(container -> ids.add(container.getId()));
        return ids;
    }

    private static String container(Map<String, String> labels, String script) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(TEST_LABEL, "true");
        String id = TestEngine.client().createContainerCmd(TestEngine.IMAGE)
                .withCmd("sh", "-c", script)
                .withLabels(all)
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .exec().getId();
        TestEngine.client().startContainerCmd(id).exec();
        return id;
    }
}

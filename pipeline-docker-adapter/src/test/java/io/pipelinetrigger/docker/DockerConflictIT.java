package io.pipelinetrigger.docker;

import com.github.dockerjava.api.model.HostConfig;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.ConflictingRun;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A pipeline container running outside this server blocks a trigger (409), as the engine shows it. */
@DockerEngineTest
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DockerConflictIT {

    /** Every container this test makes carries it, so clean-up never touches anything else. */
    private static final String TEST_LABEL = "pipeline-trigger-test.conflict";
    private static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private final DockerRunners runners = new DockerRunners();

    @BeforeEach
    @AfterEach
    void noTestContainerIsLeft() {
        TestEngine.removeContainersLabelled(TEST_LABEL);
    }

    /**
     * The engine is shared: a compose run someone else has there would be found first and make these answers
     * meaningless, so the test is skipped, saying why, rather than failed. Other servers' steps and other test
     * runs' do not matter: they are of other instances.
     */
    @BeforeEach
    void noOtherPipelineContainerRuns() {
        List<String> others = new ArrayList<>();
        for (String filter : List.of(ContainerPlan.INSTANCE_LABEL + "=" + TestEngine.INSTANCE, COMPOSE_SERVICE + "=dbt")) {
            TestEngine.client().listContainersCmd().withLabelFilter(List.of(filter)).exec().stream()
                    .filter(container -> !container.getLabels().containsKey(TEST_LABEL))
                    .forEach(container -> others.add(container.getNames()[0]));
        }
        Assumptions.assumeTrue(others.isEmpty(), () -> "other pipeline containers run on the shared engine: " + others);
    }

    @AfterEach
    void closeRunners() {
        runners.close();
    }

    @Test
    void nothing_running_is_no_conflict() {
        assertThat(runnerWatching(Map.of(COMPOSE_SERVICE, "dbt")).findConflictingRun()).isEmpty();
    }

    @Test
    void a_running_container_with_our_step_label_conflicts_under_its_job_id() {
        String name = runContainer(Map.of("pipeline-trigger.step", "dbt", "pipeline-trigger.job-id", "dbt-1700000000004-other1",
                ContainerPlan.INSTANCE_LABEL, TestEngine.INSTANCE), true);

        assertThat(runnerWatching(Map.of()).findConflictingRun()).hasValueSatisfying(run -> {
            assertThat(run.id()).isEqualTo("dbt-1700000000004-other1");
            assertThat(run.description()).contains(name).contains(TestEngine.IMAGE);
        });
    }

    @Test
    void a_running_step_of_another_instance_is_no_conflict_unless_the_operator_names_that_instance_or_all() {
        String other = TestEngine.INSTANCE + "-other";
        String name = runContainer(Map.of("pipeline-trigger.step", "dbt", "pipeline-trigger.job-id", "dbt-1700000000004-other2",
                ContainerPlan.INSTANCE_LABEL, other), true);

        assertThat(runnerWatching(Map.of()).findConflictingRun()).as("the instances leave each other alone").isEmpty();
        assertThat(runnerWatching(Map.of(ContainerPlan.INSTANCE_LABEL, other)).findConflictingRun())
                .hasValueSatisfying(run -> assertThat(run.description()).contains(name));
        DockerContainerRunner seeingAll = runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE)).conflictLabel(ContainerPlan.STEP_LABEL));
        assertThat(seeingAll.findConflictingRun()).as("the steps of every instance").isPresent();
    }

    @Test
    void a_compose_run_matching_a_configured_label_filter_conflicts_under_its_container_name() {
        String name = runContainer(Map.of(COMPOSE_SERVICE, "dbt"), true);

        assertThat(runnerWatching(Map.of(COMPOSE_SERVICE, "dbt")).findConflictingRun())
                .contains(new ConflictingRun(name, name + " (image " + TestEngine.IMAGE + ")"));
    }

    @Test
    void a_label_filter_matches_on_value_too() {
        runContainer(Map.of(COMPOSE_SERVICE, "marquez"), true);

        assertThat(runnerWatching(Map.of(COMPOSE_SERVICE, "dbt")).findConflictingRun()).isEmpty();
    }

    @Test
    void a_container_that_is_not_running_is_no_conflict() {
        runContainer(Map.of("pipeline-trigger.step", "dbt", COMPOSE_SERVICE, "dbt"), false);

        assertThat(runnerWatching(Map.of(COMPOSE_SERVICE, "dbt")).findConflictingRun()).isEmpty();
    }

    private DockerContainerRunner runnerWatching(Map<String, String> conflictLabels) {
        return runners.with(DockerRunnerConfig.builder()
                .step(StepName.DBT, DockerStepConfig.of(TestEngine.IMAGE))
                .conflictLabels(conflictLabels));
    }

    /** A container made by hand (as cron's docker compose run would), running {@code sleep} or just created. */
    private static String runContainer(Map<String, String> labels, boolean start) {
        Map<String, String> all = new HashMap<>(labels);
        all.put(TEST_LABEL, "true");
        String id = TestEngine.client().createContainerCmd(TestEngine.IMAGE)
                .withCmd("sleep", "300")
                .withLabels(all)
                .withHostConfig(HostConfig.newHostConfig().withInit(true))
                .exec().getId();
        if (start) {
            TestEngine.client().startContainerCmd(id).exec();
        }
        return TestEngine.client().inspectContainerCmd(id).exec().getName().substring(1);
    }
}

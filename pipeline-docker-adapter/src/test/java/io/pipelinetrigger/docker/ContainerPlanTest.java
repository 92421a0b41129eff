package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerPlanTest {

    private static final JobId JOB = JobId.of("full-1710460800000-abc123");
    private static final StepSpec DBT_DAILY = new StepSpec(JOB, StepName.DBT,
            Map.of("PIPELINE_JOB_ID", JOB.value(), "PIPELINE_STEP", "dbt", "DBT_COMMAND", "daily"), List.of("daily"));
    private static final StepSpec INGESTER = new StepSpec(JOB, StepName.INGESTER,
            Map.of("PIPELINE_JOB_ID", JOB.value(), "PIPELINE_STEP", "ingester"), List.of());

    @Test
    void the_container_name_is_made_of_step_and_job_id_so_a_retried_create_meets_its_own_container() {
        ContainerPlan plan = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.name()).isEqualTo("pipeline-dbt-full-1710460800000-abc123");
        assertThat(ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:2"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE).name()).isEqualTo(plan.name());
    }

    @Test
    void every_container_carries_the_job_id_step_and_instance_labels() {
        ContainerPlan plan = ContainerPlan.of(INGESTER, DockerStepConfig.of("acme/ingester:1"), Optional.empty(), "staging");

        assertThat(plan.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "pipeline-trigger.job-id", JOB.value(), "pipeline-trigger.step", "ingester",
                "pipeline-trigger.instance", "staging"));
    }

    @Test
    void another_instance_names_its_containers_apart_so_two_instances_never_want_the_same_name() {
        ContainerPlan staging = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(), "staging");
        ContainerPlan standard = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(),
                DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(staging.name()).isEqualTo("pipeline-staging.dbt-full-1710460800000-abc123");
        assertThat(standard.name()).as("the default keeps the name it had").isEqualTo("pipeline-dbt-full-1710460800000-abc123");
    }

    @Test
    void a_container_without_an_instance_label_was_made_by_the_default_instance() {
        assertThat(ContainerPlan.instanceOf(Map.of("pipeline-trigger.step", "dbt"))).isEqualTo("default");
        assertThat(ContainerPlan.instanceOf(Map.of("pipeline-trigger.instance", "ci-7"))).isEqualTo("ci-7");
    }

    @Test
    void without_an_override_the_arguments_replace_the_images_command_as_compose_run_would() {
        ContainerPlan plan = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.command()).contains(List.of("daily"));
    }

    @Test
    void without_an_override_or_arguments_the_image_keeps_its_own_command() {
        ContainerPlan plan = ContainerPlan.of(INGESTER, DockerStepConfig.of("acme/ingester:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.command()).isEmpty();
    }

    @Test
    void the_arguments_follow_a_command_override() {
        ContainerPlan plan = ContainerPlan.of(DBT_DAILY,
                DockerStepConfig.of("acme/dbt:1").withCommand(List.of("/app/run-dbt.sh", "--profiles-dir", "/profiles")),
                Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.command()).contains(List.of("/app/run-dbt.sh", "--profiles-dir", "/profiles", "daily"));
    }

    @Test
    void the_runs_own_environment_wins_over_the_operators_env_file() {
        ContainerPlan plan = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1")
                .withEnvironment(Map.of("DBT_TARGET", "prod", "DBT_COMMAND", "build", "PIPELINE_JOB_ID", "forged")),
                Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.environment())
                .contains("DBT_TARGET=prod", "DBT_COMMAND=daily", "PIPELINE_JOB_ID=" + JOB.value(), "PIPELINE_STEP=dbt")
                .doesNotContain("DBT_COMMAND=build", "PIPELINE_JOB_ID=forged")
                .filteredOn(variable -> variable.startsWith("DBT_COMMAND=")).hasSize(1);
    }

    @Test
    void the_init_process_is_told_to_signal_the_whole_process_group() {
        ContainerPlan plan = ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.init()).isTrue();
        assertThat(plan.environment()).contains("TINI_KILL_PROCESS_GROUP=1");
    }

    @Test
    void dbt_stops_with_sigint_so_it_can_cancel_its_warehouse_queries() {
        assertThat(ContainerPlan.of(DBT_DAILY, DockerStepConfig.of("acme/dbt:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE).stopSignal())
                .contains("SIGINT");
        assertThat(ContainerPlan.of(INGESTER, DockerStepConfig.of("acme/ingester:1"), Optional.empty(), DockerRunnerConfig.DEFAULT_INSTANCE).stopSignal())
                .as("the ingester keeps its image's stop signal").isEmpty();
    }

    @Test
    void binds_network_and_memory_limit_come_from_the_operators_config() {
        ContainerPlan plan = ContainerPlan.of(INGESTER, DockerStepConfig.of("acme/ingester:1")
                .withBinds(List.of("/srv/data:/data", "/srv/secrets:/secrets:ro"))
                .withMemoryLimitBytes(512L * 1024 * 1024), Optional.of("lakehouse_default"), DockerRunnerConfig.DEFAULT_INSTANCE);

        assertThat(plan.binds()).containsExactly("/srv/data:/data", "/srv/secrets:/secrets:ro");
        assertThat(plan.network()).contains("lakehouse_default");
        assertThat(plan.memoryLimitBytes()).contains(512L * 1024 * 1024);
        assertThat(plan.image()).isEqualTo("acme/ingester:1");
    }
}

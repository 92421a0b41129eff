package io.pipelinetrigger.docker;

import io.pipelinetrigger.core.PipelineTrigger;
import io.pipelinetrigger.core.domain.DbtCommand;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.Pipeline;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.port.in.TriggerPipelineCommand;
import io.pipelinetrigger.core.port.out.StepSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request value reaches an image name, a command line, a mount, an environment variable name or a container
 * option. Every trigger a client can send (every pipeline, every dbt command, every flag value, left out or given)
 * goes through the real core to the step specs it produces; each becomes a container plan, and everything in the
 * plan is the operator's configuration, the fixed names of DESIGN §3, or a value from a closed enumeration.
 */
class ContainerPlanIsolationTest {

    private static final List<Optional<Boolean>> FLAG_VALUES = List.of(Optional.empty(), Optional.of(true), Optional.of(false));
    private static final Set<String> RUN_NAMES = Set.of("PIPELINE_JOB_ID", "PIPELINE_STEP");
    private static final Set<String> DBT_RUN_NAMES = Set.of("DBT_COMMAND", "ENABLE_OPENLINEAGE", "ENABLE_ELEMENTARY");
    private static final Set<String> COMMAND_WORDS = Arrays.stream(DbtCommand.values()).map(DbtCommand::wireName)
            .collect(Collectors.toSet());

    private static final DockerStepConfig INGESTER = DockerStepConfig.of("ghcr.io/acme/ingester:1.4")
            .withCommand(List.of("python", "/opt/ingester/run.py"))
            .withEnvironment(Map.of("SOURCE_URL", "postgres://crm", "DLT_LOG_LEVEL", "info"))
            .withBinds(List.of("/srv/ingester/state:/state"));
    private static final DockerStepConfig DBT = DockerStepConfig.of("ghcr.io/acme/dbt:1.8")
            .withEnvironment(Map.of("DBT_TARGET", "prod", "DBT_PASSWORD", "s3cret"))
            .withBinds(List.of("/srv/dbt/profiles:/root/.dbt:ro", "dbt-target:/app/target"))
            .withMemoryLimitBytes(2L * 1024 * 1024 * 1024);
    private static final Optional<String> NETWORK = Optional.of("lakehouse_default");

    private static final List<StepSpec> SPECS = new ArrayList<>();

    @BeforeAll
    static void everyTriggerAClientCanSendThroughTheRealCore() throws InterruptedException {
        FakeContainerRunner runner = new FakeContainerRunner();
        try (PipelineTrigger trigger = PipelineTrigger.builder().containerRunner(runner).build()) {
            for (TriggerPipelineCommand command : everyCommand()) {
                JobId id = trigger.trigger(command).id();
                long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                while (!trigger.getJob(id).status().isTerminal() && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertThat(trigger.getJob(id).status().isTerminal()).as("job %s finished", id).isTrue();
            }
        }
        SPECS.addAll(runner.startedSteps());
    }

    private static List<TriggerPipelineCommand> everyCommand() {
        List<Optional<DbtCommand>> commands = new ArrayList<>(List.of(Optional.empty()));
        Arrays.stream(DbtCommand.values()).map(Optional::of).forEach(commands::add);
        List<TriggerPipelineCommand> all = new ArrayList<>();
        for (Pipeline pipeline : Pipeline.values()) {
            for (Optional<DbtCommand> command : commands) {
                for (Optional<Boolean> openlineage : FLAG_VALUES) {
                    for (Optional<Boolean> elementary : FLAG_VALUES) {
                        all.add(new TriggerPipelineCommand(pipeline, command, openlineage, elementary,
                                Optional.of(Duration.ofSeconds(3600))));
                    }
                }
            }
        }
        return all;
    }

    @Test
    void everyStepOfEveryPossibleRequestWasPlanned() {
        // ingester: 63 ingester + 63 full; dbt: 63 dbt + 63 full
        assertThat(SPECS).hasSize(4 * 63);
        assertThat(SPECS.stream().map(StepSpec::step).collect(Collectors.toSet())).containsExactlyInAnyOrder(StepName.values());
    }

    @Test
    void imageCommandMountsNetworkAndOptionsComeFromTheOperatorsConfigOnly() {
        for (StepSpec spec : SPECS) {
            DockerStepConfig config = configOf(spec);
            ContainerPlan plan = ContainerPlan.of(spec, config, NETWORK, DockerRunnerConfig.DEFAULT_INSTANCE);

            assertThat(plan.image()).isEqualTo(config.image());
            assertThat(plan.binds()).isEqualTo(config.binds());
            assertThat(plan.network()).isEqualTo(NETWORK);
            assertThat(plan.memoryLimitBytes()).isEqualTo(config.memoryLimitBytes());
            assertThat(plan.init()).isTrue();
            assertThat(plan.stopSignal()).isEqualTo(spec.step() == StepName.DBT ? Optional.of("SIGINT") : Optional.empty());
            assertThat(plan.name()).isEqualTo("pipeline-" + spec.step().wireName() + "-" + spec.jobId().value());
        }
    }

    @Test
    void theCommandLineIsTheOperatorsCommandPlusAtMostOneEnumeratedCommandWord() {
        for (StepSpec spec : SPECS) {
            DockerStepConfig config = configOf(spec);
            List<String> command = ContainerPlan.of(spec, config, NETWORK, DockerRunnerConfig.DEFAULT_INSTANCE).command().orElse(List.of());
            List<String> operators = config.command().orElse(List.of());

            assertThat(command.subList(0, operators.size())).isEqualTo(operators);
            List<String> added = command.subList(operators.size(), command.size());
            if (spec.step() == StepName.DBT) {
                assertThat(added).hasSize(1);
                assertThat(COMMAND_WORDS).contains(added.get(0));
            } else {
                assertThat(added).isEmpty();
            }
        }
    }

    @Test
    void theEnvironmentNamesAreTheEnvFilesPlusTheFixedNamesAndTheValuesAreEnumerated() {
        for (StepSpec spec : SPECS) {
            DockerStepConfig config = configOf(spec);
            Map<String, String> environment = asMap(ContainerPlan.of(spec, config, NETWORK, DockerRunnerConfig.DEFAULT_INSTANCE).environment());

            Set<String> expected = new HashSet<>(config.environment().keySet());
            expected.addAll(RUN_NAMES);
            expected.add(ContainerPlan.INIT_SIGNALS_PROCESS_GROUP);
            if (spec.step() == StepName.DBT) {
                expected.addAll(DBT_RUN_NAMES);
            }
            assertThat(environment.keySet()).isEqualTo(expected);

            config.environment().forEach((name, value) -> assertThat(environment).containsEntry(name, value));
            assertThat(JobId.isWellFormed(environment.get("PIPELINE_JOB_ID"))).isTrue();
            assertThat(environment.get("PIPELINE_STEP")).isEqualTo(spec.step().wireName());
            if (spec.step() == StepName.DBT) {
                assertThat(COMMAND_WORDS).contains(environment.get("DBT_COMMAND"));
                assertThat(environment.get("ENABLE_OPENLINEAGE")).isIn("true", "false");
                assertThat(environment.get("ENABLE_ELEMENTARY")).isIn("true", "false");
            }
        }
    }

    @Test
    void theLabelsAreOurThreeWithTheJobIdTheStepAndTheInstance() {
        for (StepSpec spec : SPECS) {
            ContainerPlan plan = ContainerPlan.of(spec, configOf(spec), NETWORK, DockerRunnerConfig.DEFAULT_INSTANCE);

            assertThat(plan.labels()).isEqualTo(Map.of(ContainerPlan.JOB_ID_LABEL, spec.jobId().value(),
                    ContainerPlan.STEP_LABEL, spec.step().wireName(), ContainerPlan.INSTANCE_LABEL, DockerRunnerConfig.DEFAULT_INSTANCE));
        }
    }

    @Test
    void noValueOfTheSpecIsFreeText() {
        for (StepSpec spec : SPECS) {
            assertThat(spec.environment().keySet()).isSubsetOf(union(RUN_NAMES, DBT_RUN_NAMES));
            assertThat(spec.arguments()).allSatisfy(argument -> assertThat(COMMAND_WORDS).contains(argument));
        }
    }

    private static DockerStepConfig configOf(StepSpec spec) {
        return spec.step() == StepName.DBT ? DBT : INGESTER;
    }

    private static Map<String, String> asMap(List<String> environment) {
        return environment.stream().map(entry -> entry.split("=", 2))
                .collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> all = new HashSet<>(first);
        all.addAll(second);
        return all;
    }
}

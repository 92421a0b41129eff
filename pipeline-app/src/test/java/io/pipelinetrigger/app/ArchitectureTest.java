package io.pipelinetrigger.app;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering of the whole product, checked over the main classes of every module (all are on this
 * module's classpath). Test classes and test-jars are left out: fixtures may use test libraries.
 */
@AnalyzeClasses(packages = "io.pipelinetrigger", importOptions = {ImportOption.DoNotIncludeTests.class,
        ArchitectureTest.DoNotIncludeTestJars.class})
class ArchitectureTest {

    private static final String CORE = "io.pipelinetrigger.core..";
    private static final String PROCESS = "io.pipelinetrigger.process..";
    private static final String DOCKER = "io.pipelinetrigger.docker..";
    private static final String KUBERNETES = "io.pipelinetrigger.kubernetes..";
    private static final String REST = "io.pipelinetrigger.rest..";
    private static final String JDBC = "io.pipelinetrigger.jdbc..";
    private static final String METRICS = "io.pipelinetrigger.metrics..";
    private static final String WEBHOOK = "io.pipelinetrigger.webhook..";
    private static final String SCHEDULE = "io.pipelinetrigger.schedule..";
    private static final String APP = "io.pipelinetrigger.app..";
    private static final String[] IN_CORE_STORES = {"io.pipelinetrigger.core.inmemory..", "io.pipelinetrigger.core.filearchive.."};

    @ArchTest
    static final ArchRule the_core_depends_on_nothing_but_the_jdk = classes()
            .that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", CORE);

    @ArchTest
    static final ArchRule adapters_never_reach_into_the_cores_application_services = noClasses()
            .that().resideInAnyPackage(PROCESS, DOCKER, KUBERNETES, REST, JDBC, WEBHOOK, METRICS, SCHEDULE)
            .should().dependOnClassesThat().resideInAPackage("io.pipelinetrigger.core.application..");

    @ArchTest
    static final ArchRule modules_point_inward_only = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Core").definedBy(CORE)
            .layer("Adapters").definedBy(PROCESS, DOCKER, KUBERNETES, REST, JDBC, WEBHOOK, METRICS, SCHEDULE)
            .layer("App").definedBy(APP)
            .whereLayer("App").mayNotBeAccessedByAnyLayer()
            .whereLayer("Adapters").mayOnlyBeAccessedByLayers("App")
            .whereLayer("Core").mayOnlyBeAccessedByLayers("Adapters", "App");

    // The facade (the core's root package) is the embedders' door and defaults to the in-memory store that
    // core ships: that edge from the application ring to an adapter is the design, not a leak. The app
    // is the composition root around the onion: it may see everything.
    @ArchTest
    static final ArchRule the_core_is_an_onion_with_adapters_outside_that_do_not_know_each_other = onionArchitecture()
            .domainModels("io.pipelinetrigger.core.domain..")
            .domainServices("io.pipelinetrigger.core.port..")
            .applicationServices("io.pipelinetrigger.core.application..", "io.pipelinetrigger.core")
            .adapter("stores shipped in core", IN_CORE_STORES)
            .adapter("process", PROCESS)
            .adapter("docker", DOCKER)
            .adapter("kubernetes", KUBERNETES)
            .adapter("rest", REST)
            .adapter("jdbc", JDBC)
            .adapter("metrics", METRICS)
            .adapter("webhook", WEBHOOK)
            .adapter("schedule", SCHEDULE)
            .ignoreDependency(resideInAPackage("io.pipelinetrigger.core"), resideInAnyPackage(IN_CORE_STORES))
            .ignoreDependency(resideInAPackage(APP), DescribedPredicate.alwaysTrue());

    @ArchTest
    static final ArchRule the_top_level_packages_are_free_of_cycles = slices()
            .matching("io.pipelinetrigger.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule the_app_packages_are_free_of_cycles = slices()
            .matching("io.pipelinetrigger.app.(*)..")
            .should().beFreeOfCycles();

    // reading the configuration and serving HTTP know nothing of each other; app.run wires them, Main starts it
    @ArchTest
    static final ArchRule the_app_is_configuration_and_http_wired_by_run = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Main").definedBy("io.pipelinetrigger.app")
            .layer("Run").definedBy("io.pipelinetrigger.app.run..")
            .layer("Config").definedBy("io.pipelinetrigger.app.config..")
            .layer("Http").definedBy("io.pipelinetrigger.app.http..")
            .whereLayer("Main").mayNotBeAccessedByAnyLayer()
            .whereLayer("Run").mayOnlyBeAccessedByLayers("Main")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("Main", "Run")
            .whereLayer("Http").mayOnlyBeAccessedByLayers("Run");

    @ArchTest
    static final ArchRule only_main_writes_to_standard_streams = noClasses()
            .that(DescribedPredicate.not(equivalentTo(Main.class)))
            .should(ACCESS_STANDARD_STREAMS);

    @ArchTest
    static final ArchRule only_the_app_chooses_a_logging_backend = noClasses()
            .that().resideOutsideOfPackage(APP)
            .should().dependOnClassesThat().resideInAPackage("org.slf4j..");

    /** Core's test-jar (fixtures, contract tests) sits on the classpath as a jar ending in -tests.jar. */
    static final class DoNotIncludeTestJars implements ImportOption {
        @Override
        public boolean includes(Location location) {
            return !location.contains("-tests.jar") && !location.contains("/test-classes/");
        }
    }
}

package io.pipelinetrigger.rest;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.constructors;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
import static com.tngtech.archunit.library.GeneralCodingRules.NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

/** The REST adapter's shape: ports and domain only, one public door, nothing Jersey-specific in the code. */
@AnalyzeClasses(packages = "io.pipelinetrigger.rest", importOptions = ImportOption.DoNotIncludeTests.class)
class RestAdapterArchitectureTest {

    private static final String ADAPTER = "io.pipelinetrigger.rest..";

    @ArchTest
    static final ArchRule the_adapter_sees_ports_and_domain_never_the_application_services =
            noClasses().that().resideInAPackage(ADAPTER)
                    .should().dependOnClassesThat().resideInAPackage("io.pipelinetrigger.core.application..");

    @ArchTest
    static final ArchRule the_adapter_does_not_reach_into_the_cores_in_memory_store =
            noClasses().that().resideInAPackage(ADAPTER)
                    .should().dependOnClassesThat().resideInAPackage("io.pipelinetrigger.core.inmemory..");

    /**
     * The resources are public only because Jersey invokes their methods reflectively and refuses non-public
     * classes; the tokens are a value the embedder builds and passes to the feature's builder.
     */
    @ArchTest
    static final ArchRule only_the_feature_its_builder_the_tokens_and_the_resources_jersey_invokes_are_public =
            classes().that().resideInAPackage(ADAPTER).and().haveModifier(JavaModifier.PUBLIC)
                    .should().haveFullyQualifiedName(PipelineTriggerFeature.class.getName())
                    .orShould().haveFullyQualifiedName(PipelineTriggerFeature.Builder.class.getName())
                    .orShould().haveFullyQualifiedName(ApiTokens.class.getName())
                    .orShould().haveFullyQualifiedName(PipelineTriggerResource.class.getName())
                    .orShould().haveFullyQualifiedName(HealthResource.class.getName())
                    .orShould().haveFullyQualifiedName(JobLogResource.class.getName())
                    .orShould().haveFullyQualifiedName(JobEventsResource.class.getName())
                    .orShould().haveFullyQualifiedName(DeliveriesResource.class.getName())
                    .orShould().haveFullyQualifiedName(SchedulesResource.class.getName())
                    .orShould().haveFullyQualifiedName(MetricsResource.class.getName())
                    .orShould().haveFullyQualifiedName(OpenApiResource.class.getName());

    @ArchTest
    static final ArchRule the_public_classes_are_final =
            classes().that().resideInAPackage(ADAPTER).and().haveModifier(JavaModifier.PUBLIC)
                    .should().haveModifier(JavaModifier.FINAL);

    @ArchTest
    static final ArchRule only_the_feature_can_be_constructed_from_outside =
            constructors().that().areDeclaredInClassesThat().resideInAPackage(ADAPTER)
                    .and().areDeclaredInClassesThat().doNotHaveFullyQualifiedName(PipelineTriggerFeature.class.getName())
                    .should().notBePublic();

    @ArchTest
    static final ArchRule the_code_speaks_jakarta_rest_not_jersey =
            noClasses().that().resideInAPackage(ADAPTER)
                    .should().dependOnClassesThat().resideInAPackage("org.glassfish..");

    @ArchTest
    static final ArchRule logging_goes_through_system_logger_not_a_logging_library =
            noClasses().that().resideInAPackage(ADAPTER)
                    .should().dependOnClassesThat().resideInAnyPackage("org.slf4j..", "org.apache.logging..", "org.apache.log4j..");

    @ArchTest
    static final ArchRule nothing_uses_java_util_logging_directly = NO_CLASSES_SHOULD_USE_JAVA_UTIL_LOGGING;

    @ArchTest
    static final ArchRule nothing_prints_to_the_standard_streams = NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS;
}

package io.pipelinetrigger.schedule;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The cron adapter sees core's cron port only, keeps cron-utils inside, and shows the world one class. */
@AnalyzeClasses(packages = "io.pipelinetrigger.schedule", importOptions = ImportOption.DoNotIncludeTests.class)
class ScheduleArchitectureTest {

    @ArchTest
    static final ArchRule the_adapter_depends_only_on_the_port_the_jdk_and_cron_utils = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.pipelinetrigger.schedule..",
                    "io.pipelinetrigger.core.port.out..", "java..", "com.cronutils..");

    @ArchTest
    static final ArchRule only_the_expression_reader_is_public = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveFullyQualifiedName(CronExpressions.class.getName());

    @ArchTest
    static final ArchRule nothing_writes_to_standard_output = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}

package io.pipelinetrigger.cli;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The CLI is a client of the HTTP API: it must work against any server of that API, so it shares no code. */
@AnalyzeClasses(packages = "io.pipelinetrigger.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_cli_uses_only_the_jdk_picocli_and_jackson = classes()
            .that().resideInAPackage("io.pipelinetrigger.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.pipelinetrigger.cli..", "picocli..",
                    "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule only_io_and_main_reach_the_process_streams = noClasses()
            .that().resideInAPackage("io.pipelinetrigger.cli..")
            .and().doNotHaveSimpleName("Io").and().doNotHaveSimpleName("Main")
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
            .orShould().callMethod(System.class, "exit", int.class);
}

package io.pipelinetrigger.jdbc;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The JDBC adapter sees core's ports and domain only, and shows the world two classes. */
@AnalyzeClasses(packages = "io.pipelinetrigger.jdbc", importOptions = ImportOption.DoNotIncludeTests.class)
class JdbcArchitectureTest {

    @ArchTest
    static final ArchRule the_adapter_never_reaches_into_core_application_code = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("io.pipelinetrigger.core.application..",
                    "io.pipelinetrigger.core.inmemory..")
            .because("adapters see port interfaces and domain types, never application classes (CONVENTIONS)");

    @ArchTest
    static final ArchRule the_adapter_depends_only_on_ports_domain_jdbc_and_its_two_libraries = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.pipelinetrigger.jdbc..",
                    "io.pipelinetrigger.core.domain..", "io.pipelinetrigger.core.port.out..", "java..", "javax.sql..",
                    "com.zaxxer.hikari..", "org.flywaydb.core..");

    @ArchTest
    static final ArchRule only_the_repository_and_its_config_are_public = classes()
            .that().arePublic()
            .should().haveFullyQualifiedName(JdbcJobRepository.class.getName())
            .orShould().haveFullyQualifiedName(JdbcStoreConfig.class.getName());

    @ArchTest
    static final ArchRule logging_goes_through_system_logger_not_slf4j = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.slf4j..");

    @ArchTest
    static final ArchRule nothing_writes_to_standard_output = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}

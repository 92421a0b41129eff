package io.pipelinetrigger.core.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/** The inside of the hexagon: JDK only, and the rings point inward. */
@AnalyzeClasses(packages = "io.pipelinetrigger.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {

    @ArchTest
    static final ArchRule core_depends_on_nothing_but_the_jdk = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.pipelinetrigger.core..", "java..")
            .because("pipeline-core stays free of frameworks (CONVENTIONS: imports only java.*)");

    @ArchTest
    static final ArchRule rings_point_inward = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Facade").definedBy("io.pipelinetrigger.core")
            .layer("Application").definedBy("io.pipelinetrigger.core.application..")
            .layer("InMemory").definedBy("io.pipelinetrigger.core.inmemory..")
            .layer("FileArchive").definedBy("io.pipelinetrigger.core.filearchive..")
            .layer("Ports").definedBy("io.pipelinetrigger.core.port..")
            .layer("Domain").definedBy("io.pipelinetrigger.core.domain..")
            .whereLayer("Facade").mayNotBeAccessedByAnyLayer()
            .whereLayer("Application").mayOnlyBeAccessedByLayers("Facade")
            .whereLayer("InMemory").mayOnlyBeAccessedByLayers("Facade")
            .whereLayer("FileArchive").mayNotBeAccessedByAnyLayer()
            .whereLayer("Ports").mayOnlyBeAccessedByLayers("Facade", "Application", "InMemory", "FileArchive")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Facade", "Application", "InMemory", "FileArchive", "Ports");

    @ArchTest
    static final ArchRule core_packages_have_no_cycles = slices().matching("io.pipelinetrigger.core.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domain_code_does_not_log = noClasses().that().resideInAPackage("io.pipelinetrigger.core.domain..")
            .should().dependOnClassesThat().haveFullyQualifiedName(System.Logger.class.getName());

    @ArchTest
    static final ArchRule nothing_in_core_writes_to_standard_output = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}

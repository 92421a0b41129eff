package io.pipelinetrigger.webhook;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The webhook adapter sees core's ports and domain only, sends with the JDK, and shows the world three classes. */
@AnalyzeClasses(packages = "io.pipelinetrigger.webhook", importOptions = ImportOption.DoNotIncludeTests.class)
class WebhookArchitectureTest {

    @ArchTest
    static final ArchRule the_adapter_depends_only_on_ports_domain_the_jdk_and_jackson = classes()
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.pipelinetrigger.webhook..",
                    "io.pipelinetrigger.core.domain..", "io.pipelinetrigger.core.port.out..", "java..",
                    "javax.crypto..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule only_the_sender_the_format_and_the_secret_are_public = classes()
            .that().arePublic().and().areTopLevelClasses()
            .should().haveFullyQualifiedName(WebhookSender.class.getName())
            .orShould().haveFullyQualifiedName(JsonJobEventFormat.class.getName())
            .orShould().haveFullyQualifiedName(WebhookSecret.class.getName());

    @ArchTest
    static final ArchRule nothing_writes_to_standard_output = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");
}

package io.pipelinetrigger.kubernetes;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The Kubernetes adapter: its runner and config public, fabric8 kept inside, core seen only through ports and domain. */
@AnalyzeClasses(packages = "io.pipelinetrigger.kubernetes", importOptions = ImportOption.DoNotIncludeTests.class)
class KubernetesAdapterArchitectureTest {

    private static final DescribedPredicate<JavaClass> FABRIC8 =
            JavaClass.Predicates.resideInAPackage("io.fabric8..");

    @ArchTest
    static final ArchRule only_the_runner_and_its_configuration_are_public = classes()
            .that().arePublic()
            .should().haveNameMatching("io\\.pipelinetrigger\\.kubernetes\\.(KubernetesContainerRunner"
                    + "|KubernetesRunnerConfig|KubernetesRunnerConfig\\$Builder|KubernetesStepConfig|TolerationRule)")
            .because("only the adapter's entry point and its configuration are public; helpers are package-private");

    @ArchTest
    static final ArchRule no_public_type_shows_a_fabric8_type_in_its_public_api = classes()
            .that().arePublic()
            .should(notExposeFabric8Types())
            .because("fabric8 types never cross the adapter's public API");

    @ArchTest
    static final ArchRule the_adapter_never_sees_cores_application_services = noClasses()
            .should().dependOnClassesThat().resideInAPackage("io.pipelinetrigger.core.application..")
            .because("adapters see port interfaces and domain types only (CONVENTIONS)");

    @ArchTest
    static final ArchRule nothing_writes_to_standard_output = noClasses()
            .should().accessField(System.class, "out").orShould().accessField(System.class, "err");

    @ArchTest
    static final ArchRule the_adapter_logs_through_system_logger_not_slf4j = noClasses()
            .should().dependOnClassesThat().resideInAPackage("org.slf4j..");

    @Test
    void the_public_api_rule_does_catch_a_type_that_shows_fabric8() {
        JavaClasses showsFabric8 = new ClassFileImporter().importClasses(ShowsFabric8.class);

        assertThat(classes().should(notExposeFabric8Types()).evaluate(showsFabric8).hasViolation()).isTrue();
    }

    /** What the rule exists to catch: a public method handing out a fabric8 model. */
    public static final class ShowsFabric8 {
        public io.fabric8.kubernetes.api.model.batch.v1.Job job() {
            return new io.fabric8.kubernetes.api.model.batch.v1.Job();
        }
    }

    /** Supertypes, and the types (generic arguments included) of public constructors, methods and fields. */
    private static ArchCondition<JavaClass> notExposeFabric8Types() {
        return new ArchCondition<>("not expose fabric8 types in their public API") {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                type.getAllRawSuperclasses().forEach(superclass -> report(type, "extends", superclass, events));
                type.getAllRawInterfaces().forEach(anInterface -> report(type, "implements", anInterface, events));
                for (JavaCodeUnit member : type.getCodeUnits()) {
                    if (member.getModifiers().contains(JavaModifier.PUBLIC)) {
                        member.getReturnType().getAllInvolvedRawTypes().forEach(t -> report(member, "returns", t, events));
                        member.getParameterTypes().forEach(parameter -> parameter.getAllInvolvedRawTypes()
                                .forEach(t -> report(member, "takes", t, events)));
                    }
                }
                for (JavaField field : type.getFields()) {
                    if (field.getModifiers().contains(JavaModifier.PUBLIC)) {
                        field.getType().getAllInvolvedRawTypes().forEach(t -> report(field, "is of", t, events));
                    }
                }
            }

            private void report(Object where, String relation, JavaClass involved, ConditionEvents events) {
                if (FABRIC8.test(involved)) {
                    events.add(SimpleConditionEvent.violated(where, where + " " + relation + " " + involved.getName()));
                }
            }
        };
    }
}

package io.pipelinetrigger.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every manifest under packaging/kubernetes reads as fabric8's typed models, with no field they do not know. */
class ShippedManifestsTest {

    static final Path MANIFESTS = Path.of("..", "packaging", "kubernetes");

    @Test
    void every_shipped_manifest_is_made_only_of_fields_kubernetes_knows() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(MANIFESTS)) {
            files = listing.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).extracting(f -> f.getFileName().toString()).containsExactly("deployment.yaml", "rbac.yaml");
        for (Path file : files) {
            assertThat(load(file)).as(file.toString()).isNotEmpty().allSatisfy(resource ->
                    assertThat(resource.getMetadata().getNamespace()).as(resource.getKind()).isEqualTo("pipelines"));
        }
    }

    @Test
    void a_field_kubernetes_does_not_know_is_refused_so_the_check_above_can_fail() {
        String typo = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\nspec:\n  selectr:\n    app: x\n";

        assertThatThrownBy(() -> strictly(typo)).hasMessageContaining("selectr");
    }

    @Test
    void the_server_runs_several_replicas_on_postgresql_from_a_secret_with_health_probes_and_a_service() throws IOException {
        List<HasMetadata> resources = load(MANIFESTS.resolve("deployment.yaml"));
        Deployment deployment = one(resources, Deployment.class);
        var server = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(deployment.getSpec().getReplicas()).isGreaterThan(1);
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("pipeline-trigger");
        assertThat(server.getEnv()).filteredOn(env -> env.getName().startsWith("PIPELINE_DB_"))
                .allSatisfy(env -> assertThat(env.getValueFrom().getSecretKeyRef().getName()).isEqualTo("pipeline-trigger-db"))
                .hasSize(3);
        for (Probe probe : List.of(server.getReadinessProbe(), server.getLivenessProbe())) {
            assertThat(probe.getHttpGet().getPath()).isEqualTo("/healthz");
        }
        assertThat(resources).extracting(HasMetadata::getKind).contains("Service", "ConfigMap");
        Map<String, String> settings = one(resources, io.fabric8.kubernetes.api.model.ConfigMap.class).getData();
        assertThat(settings).containsEntry("PIPELINE_RUNNER", "kubernetes");
    }

    @Test
    void the_role_is_bound_to_the_servers_service_account() throws IOException {
        List<HasMetadata> resources = load(MANIFESTS.resolve("rbac.yaml"));
        RoleBinding binding = one(resources, RoleBinding.class);

        assertThat(binding.getRoleRef().getName()).isEqualTo(one(resources, Role.class).getMetadata().getName());
        assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getName()).isEqualTo("pipeline-trigger");
        });
    }

    /** Each document of the file as its typed model, refusing any field the model lacks. */
    static List<HasMetadata> load(Path file) throws IOException {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : Files.readString(file).split("(?m)^---\\s*$")) {
            if (!document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                resources.add(strictly(document));
            }
        }
        return resources;
    }

    private static HasMetadata strictly(String yaml) {
        Object tree = new YAMLMapper().readValue(yaml, Object.class);
        String json = JsonMapper.builder().build().writeValueAsString(tree);
        // fabric8's own mapper knows every kind (apiVersion + kind pick the class) and keeps what a model lacks in
        // its additionalProperties: any of those is a field Kubernetes does not know
        HasMetadata resource = Serialization.jsonMapper().readValue(json, HasMetadata.class);
        List<String> unknown = new ArrayList<>();
        UnknownFields.collect(resource, resource.getKind(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fields Kubernetes does not know: " + unknown);
        }
        return resource;
    }

    private static <T> T one(List<HasMetadata> resources, Class<T> kind) {
        return resources.stream().filter(kind::isInstance).map(kind::cast).findFirst().orElseThrow();
    }
}

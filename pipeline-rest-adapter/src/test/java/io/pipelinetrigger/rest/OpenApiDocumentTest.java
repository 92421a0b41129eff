package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import org.junit.jupiter.api.Test;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served document is a valid OpenAPI 3.1 document by an independent OpenAPI parser (swagger-parser): the
 * answers of the tests are held to its schemas elsewhere ({@link OpenApiContract}); here the document itself
 * is held to the OpenAPI specification, so client generators read it without complaint, and to the routes the
 * resources really serve, so a new route cannot go undocumented.
 */
class OpenApiDocumentTest {

    private static final String DOCUMENT = new String(OpenApiResource.document(), StandardCharsets.UTF_8);
    private static final Set<String> OPERATIONS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void the_document_parses_as_openapi_3_1_without_a_single_message_and_every_reference_resolves() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(DOCUMENT, null, options);

        assertThat(result.getMessages()).as("what the parser says of the document").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            assertThat(operation.getOperationId()).as("operationId of %s", path).isNotBlank();
            assertThat(operation.getResponses()).as("responses of %s", path).isNotEmpty();
        }));
    }

    @Test
    void a_broken_document_is_reported_so_the_check_above_can_fail() {
        String broken = DOCUMENT.replace("#/components/schemas/DeliveryList",
                "#/components/schemas/NoSuchSchema");
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(broken, null, options);

        assertThat(result.getMessages()).anySatisfy(message -> assertThat(message).contains("NoSuchSchema"));
    }

    @Test
    void every_route_a_resource_serves_is_documented_and_the_document_lists_no_other() {
        Set<String> served = servedRoutes();

        assertThat(served).as("routes read from the resources' JAX-RS annotations")
                .contains("POST " + PipelineTriggerFeature.API_PATH, "GET " + PipelineTriggerFeature.METRICS_PATH);
        assertThat(documentedRoutes(OpenApiContract.document())).containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void a_route_the_document_leaves_out_is_named_so_the_check_above_can_fail() {
        ObjectNode withoutMetrics = OpenApiContract.document().deepCopy();
        ((ObjectNode) withoutMetrics.get("paths")).remove(PipelineTriggerFeature.METRICS_PATH);

        Set<String> undocumented = servedRoutes();
        undocumented.removeAll(documentedRoutes(withoutMetrics));

        assertThat(undocumented).containsExactly("GET " + PipelineTriggerFeature.METRICS_PATH);
    }

    @Test
    void every_schema_that_names_its_fields_forbids_any_other_field() {
        List<String> open = new ArrayList<>();
        collectOpenObjects(OpenApiContract.document(), "#", open);

        assertThat(open).as("schemas with properties but without additionalProperties: false").isEmpty();
    }

    /** Every route of the adapter's resources, as "GET /path"; found by class-file scan, so a new resource counts too. */
    private static Set<String> servedRoutes() {
        Set<String> routes = new TreeSet<>();
        new ClassFileImporter().withImportOption(new ImportOption.DoNotIncludeTests())
                .importPackages(PipelineTriggerFeature.class.getPackageName()).stream()
                .filter(type -> type.isAnnotatedWith(Path.class))
                .map(JavaClass::reflect)
                .forEach(resource -> addRoutes(resource, routes));
        return routes;
    }

    private static void addRoutes(Class<?> resource, Set<String> routes) {
        String base = resource.getAnnotation(Path.class).value();
        for (Method method : resource.getDeclaredMethods()) {
            Path sub = method.getAnnotation(Path.class);
            String path = sub == null ? base : base.replaceAll("/+$", "") + "/" + sub.value().replaceAll("^/+", "");
            for (Annotation annotation : method.getAnnotations()) {
                HttpMethod verb = annotation.annotationType().getAnnotation(HttpMethod.class);
                if (verb != null) {
                    routes.add(verb.value() + " " + path);
                }
            }
        }
    }

    private static Set<String> documentedRoutes(JsonNode document) {
        Set<String> routes = new TreeSet<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(key -> {
            if (OPERATIONS.contains(key)) {
                routes.add(key.toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));
        return routes;
    }

    /** A schema that lists its properties but lets any other through would let an answer grow unseen. */
    private static void collectOpenObjects(JsonNode node, String pointer, List<String> open) {
        if (node.path("properties").isObject() && !node.path("additionalProperties").equals(BooleanNode.FALSE)) {
            open.add(pointer);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> collectOpenObjects(field.getValue(), pointer + "/" + field.getKey(), open));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collectOpenObjects(node.get(i), pointer + "/" + i, open);
            }
        }
    }
}

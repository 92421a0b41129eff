package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The served document is a valid OpenAPI 3.1 document by an independent OpenAPI parser (swagger-parser): the
 * answers of the tests are held to its schemas elsewhere ({@link OpenApiContract}); here the document itself
 * is held to the OpenAPI specification, so client generators read it without complaint.
 */
class OpenApiDocumentTest {

    private static final String DOCUMENT = new String(OpenApiResource.document(), StandardCharsets.UTF_8);

    @Test
    void the_document_parses_as_openapi_3_1_without_a_single_message_and_every_reference_resolves() {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setValidateInternalRefs(true);

        SwaggerParseResult result = new OpenAPIV3Parser().readContents(DOCUMENT, null, options);

        assertThat(result.getMessages()).as("what the parser says of the document").isEmpty();
        OpenAPI api = result.getOpenAPI();
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getPaths()).containsKeys("/api/data-analytics/pipeline/trigger",
                "/api/data-analytics/pipeline/trigger/deliveries", "/healthz", "/openapi.json");
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
    void every_schema_that_names_its_fields_forbids_any_other_field() {
        List<String> open = new ArrayList<>();
        collectOpenObjects(OpenApiContract.document(), "#", open);

        assertThat(open).as("schemas with properties but without additionalProperties: false").isEmpty();
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

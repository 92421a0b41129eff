package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI document served at {@code /openapi.json}, as the contract every answer of the tests is held to
 * (docs/api.md, "The OpenAPI document"): the route, method and status must be documented, and a JSON body must
 * validate against the documented schema (JSON Schema 2020-12, the dialect of OpenAPI 3.1). A path the document
 * does not know, or a method it does not list, must answer the one error body.
 */
public final class OpenApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode DOCUMENT = read(OpenApiResource.document());
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();
    private static final String EVENT_STREAM = "text/event-stream";
    /** The schema of each JSON event's data, as the description of the events route names it. */
    private static final Map<String, String> EVENT_SCHEMAS = Map.of(
            "step", "#/components/schemas/Step",
            "end", "#/components/schemas/Job");

    private OpenApiContract() {
    }

    /** The parsed document. */
    public static JsonNode document() {
        return DOCUMENT;
    }

    /** Fails (AssertionError) unless the answer, read whole as text, is one the document describes. */
    public static void check(HttpResponse<String> answer) {
        check(answer.request().method(), answer.request().uri(), answer.statusCode(), contentTypeOf(answer), answer.body());
    }

    /**
     * Fails (AssertionError) unless the answer is one the document describes.
     *
     * @param contentType the answer's Content-Type, empty when it had none
     */
    public static void check(String method, URI uri, int status, String contentType, String body) {
        if (body == null || body.isEmpty() || method.equals("OPTIONS") || method.equals("HEAD")) {
            return; // nothing to hold to a schema (a CORS preflight, JAX-RS's own plain-text OPTIONS answer)
        }
        documentedJsonSchema(method, uri, status, contentType, body)
                .ifPresent(pointer -> validate(method + " " + pathOf(uri) + " answered " + status, pointer, body));
    }

    /**
     * Holds an answer read as a stream to the document: an event stream by its route, status and Content-Type (its
     * events are held by {@link #checkEvent}), any other answer (an error) whole, which is why its body is read here
     * and handed back.
     */
    public static Optional<String> checkStreamed(HttpResponse<InputStream> answer) throws IOException {
        String contentType = contentTypeOf(answer);
        if (mediaTypeOf(contentType).equals(EVENT_STREAM)) {
            documentedJsonSchema(answer.request().method(), answer.request().uri(), answer.statusCode(), contentType,
                    "(an event stream)");
            return Optional.empty();
        }
        String body = new String(answer.body().readAllBytes(), StandardCharsets.UTF_8);
        check(answer.request().method(), answer.request().uri(), answer.statusCode(), contentType, body);
        return Optional.of(body);
    }

    /**
     * Fails unless an event of {@code GET .../events} is one the document's description of that route names, with
     * its {@code data} matching the schema named there (OpenAPI 3.1 cannot type the events of a stream).
     */
    public static void checkEvent(String name, String data) {
        if (name.equals("log")) {
            return; // the log's text, free like /log's
        }
        String schema = EVENT_SCHEMAS.get(name);
        if (schema == null) {
            throw new AssertionError("an event '" + name + "', which the OpenAPI document does not name: " + data);
        }
        validate("the event '" + name + "'", schema, data);
    }

    /** Fails unless {@code body} validates against the schema at {@code pointer} (a JSON pointer into the document). */
    public static void validate(String where, String pointer, String body) {
        Schema schema = CACHE.computeIfAbsent(pointer, OpenApiContract::schemaAt);
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(where + ", which does not match the OpenAPI document (" + pointer + "): "
                    + errors + "\nbody: " + body);
        }
    }

    /** The schema the document gives for a route's answer, if it gives one. */
    public static Optional<String> pointerOf(String method, String path, int status) {
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode schema = DOCUMENT.path("paths").path(path).path(verb).path("responses").path(Integer.toString(status))
                .path("content").path("application/json").path("schema");
        return schema.isMissingNode() ? Optional.empty() : Optional.of("#/paths/" + escape(path) + "/" + verb
                + "/responses/" + status + "/content/application~1json/schema");
    }

    /** Fails unless the route, status and media type are documented; the schema of a JSON answer, if it is one. */
    private static Optional<String> documentedJsonSchema(String method, URI uri, int status, String contentType, String body) {
        String path = pathOf(uri);
        String verb = method.toLowerCase(Locale.ROOT);
        JsonNode operation = DOCUMENT.path("paths").path(path).path(verb);
        String where = method + " " + path + " answered " + status;
        if (operation.isMissingNode()) {
            requireJson(where, contentType, body);
            return Optional.of("#/components/schemas/Error");
        }
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        if (response.isMissingNode()) {
            throw new AssertionError(where + ", a status the OpenAPI document does not list for it: " + body);
        }
        String mediaType = mediaTypeOf(contentType);
        if (response.path("content").path(mediaType).isMissingNode()) {
            throw new AssertionError(where + " with Content-Type '" + contentType
                    + "', which the OpenAPI document does not list for it: " + body);
        }
        if (!mediaType.equals("application/json")) {
            return Optional.empty();
        }
        return Optional.of(pointerOf(method, path, status)
                .orElseThrow(() -> new AssertionError(where + ": the OpenAPI document gives its JSON no schema")));
    }

    private static Schema schemaAt(String pointer) {
        // the whole document as the root, so every "#/components/schemas/..." reference resolves; its OpenAPI
        // keywords are unknown to JSON Schema and ignored
        ObjectNode root = DOCUMENT.deepCopy();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", pointer);
        return SCHEMAS.getSchema(root.toString(), InputFormat.JSON);
    }

    private static void requireJson(String where, String contentType, String body) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new AssertionError(where + " with Content-Type '" + contentType + "' instead of the JSON error body: " + body);
        }
    }

    private static String pathOf(URI uri) {
        return uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    }

    private static String contentTypeOf(HttpResponse<?> answer) {
        return answer.headers().firstValue("Content-Type").orElse("");
    }

    private static String mediaTypeOf(String contentType) {
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static JsonNode read(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

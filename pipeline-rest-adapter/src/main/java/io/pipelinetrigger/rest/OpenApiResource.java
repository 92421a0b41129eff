package io.pipelinetrigger.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: the OpenAPI 3.1 document of this API, a resource of this jar written by hand
 * (docs/api.md, "The OpenAPI document"); the tests hold every answer of the server to its schemas. Needs the
 * token when tokens are set, like every route; {@code PIPELINE_ENABLED} does not apply.
 *
 * <p>Public because Jersey invokes resource methods reflectively; constructed only by {@link PipelineTriggerFeature}.
 */
@Path(PipelineTriggerFeature.OPENAPI_PATH)
public final class OpenApiResource {

    /** Where the document lives on the class path. */
    public static final String RESOURCE = "/io/pipelinetrigger/rest/openapi.json";

    private final byte[] document;

    OpenApiResource() {
        this.document = document();
    }

    /** The document's bytes as served. */
    public static byte[] document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    public Response openApi() {
        return Response.ok(document, "application/json").build();
    }
}

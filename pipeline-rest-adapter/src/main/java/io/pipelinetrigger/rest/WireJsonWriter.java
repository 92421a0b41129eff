package io.pipelinetrigger.rest;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.MessageBodyWriter;

import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/**
 * Writes this API's {@link ResponseBody} records with {@link WireJson}, and nothing else: the embedding
 * application's own JSON provider and its settings stay in charge of everything that is not ours.
 */
@Produces(MediaType.APPLICATION_JSON)
final class WireJsonWriter implements MessageBodyWriter<ResponseBody> {

    /** What every answer of this API says it is. */
    static final MediaType JSON_UTF8 = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final WireJson json;

    WireJsonWriter(WireJson json) {
        this.json = json;
    }

    /** A response carrying {@code body} as UTF-8 JSON. */
    static Response json(Response.ResponseBuilder builder, ResponseBody body) {
        return builder.entity(body).type(JSON_UTF8).build();
    }

    @Override
    public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
        return ResponseBody.class.isAssignableFrom(type);
    }

    @Override
    public void writeTo(ResponseBody body, Class<?> type, Type genericType, Annotation[] annotations,
                        MediaType mediaType, MultivaluedMap<String, Object> httpHeaders, OutputStream entityStream)
            throws java.io.IOException, WebApplicationException {
        json.write(body, entityStream);
    }
}

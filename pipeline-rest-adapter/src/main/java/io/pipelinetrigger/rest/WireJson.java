package io.pipelinetrigger.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;

/**
 * This API's own Jackson mapper, configured once and shared by the request decoder and the response writer;
 * never exposed, so no other JSON configuration of an embedding application can change our wire format.
 */
final class WireJson {

    /** A trigger request is one flat object: anything deeper is not a mistake but an attack on the parser. */
    static final int MAX_NESTING_DEPTH = 32;
    /** The longest number a trigger needs is a timeout of 6 digits. */
    static final int MAX_NUMBER_LENGTH = 100;
    /** The longest string a trigger needs is "elementary": a kilobyte leaves room for honest mistakes. */
    static final int MAX_STRING_LENGTH = 1024;
    static final int MAX_NAME_LENGTH = 1024;
    static final long MAX_TOKEN_COUNT = 10_000;

    private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_NESTING_DEPTH)
            .maxNumberLength(MAX_NUMBER_LENGTH)
            .maxStringLength(MAX_STRING_LENGTH)
            .maxNameLength(MAX_NAME_LENGTH)
            .maxTokenCount(MAX_TOKEN_COUNT)
            .maxDocumentLength(TriggerRequestDecoder.MAX_BODY_BYTES)
            .build();

    private final ObjectMapper mapper = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
            // a key given twice would leave it to chance which value wins: refuse it
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // JAX-RS owns the response stream
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    /**
     * One JSON value as plain Java values: {@code Map} (insertion-ordered), {@code List}, {@code String},
     * {@code Number}, {@code Boolean}, or null for JSON null. Anything after that value is an error too.
     */
    Object read(byte[] json) throws JsonProcessingException {
        try (JsonParser parser = mapper.createParser(json)) {
            Object value = mapper.readValue(parser, Object.class);
            if (parser.nextToken() != null) {
                throw new JsonParseException(parser, "there is more content after the JSON value",
                        parser.currentTokenLocation());
            }
            return value;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            // reading a byte array does no I/O: this would be a bug, not a bad body
            throw new IllegalStateException("unexpected I/O error reading an in-memory body", e);
        }
    }

    void write(ResponseBody value, OutputStream out) throws IOException {
        if (value instanceof WrittenJson written) {
            out.write(written.bytes());
            return;
        }
        mapper.writeValue(out, value);
    }

    /** One line of JSON (no pretty printing), for the data of an event. */
    byte[] bytes(Object value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view of ours could not be written as JSON", e);
        }
    }
}

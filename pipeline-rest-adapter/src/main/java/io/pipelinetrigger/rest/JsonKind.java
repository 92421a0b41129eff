package io.pipelinetrigger.rest;

import java.util.List;
import java.util.Map;

/** Names the kind of a decoded JSON value the way an error sentence needs it: "a string", "an array", ... */
final class JsonKind {

    private JsonKind() {
    }

    /** For values as a JSON decoder yields them: String, Number, Boolean, Map, List, or null. */
    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof Number) {
            return "a number";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return "a " + value.getClass().getSimpleName();
    }
}

package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON examples of docs/api.md, each with the situation it shows: the line {@code <!-- answer: NAME -->}
 * right before its {@code ```json} block. What varies from run to run (job ids, times, a retry's seconds) is
 * replaced by a placeholder on both sides before an example and a real answer are compared.
 */
final class ApiDocsExamples {

    static final Path API_DOC = Path.of("..", "docs", "api.md");
    private static final Pattern ANSWER = Pattern.compile("<!-- answer: ([a-z0-9-]+) -->");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<Pattern, String> VARYING = Map.of(
            Pattern.compile("\\b(ingester|dbt|full)-\\d{13}-[a-z0-9]{6}\\b"), "<jobId>",
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z"), "<time>",
            Pattern.compile("\\b\\d+ seconds\\b"), "<n> seconds");

    private ApiDocsExamples() {
    }

    record Example(String situation, int line, String json) {
    }

    /** Every {@code ```json} block of the page; one without its situation is an error naming its line. */
    static List<Example> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(API_DOC);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```json")) {
                continue;
            }
            Matcher situation = ANSWER.matcher(i > 0 ? lines.get(i - 1).strip() : "");
            if (!situation.matches()) {
                throw new AssertionError(API_DOC + " line " + (i + 1) + ": a JSON example without the line"
                        + " '<!-- answer: NAME -->' before it, so no test checks it against a real answer");
            }
            StringBuilder json = new StringBuilder();
            int start = i + 1;
            for (i++; !lines.get(i).strip().equals("```"); i++) {
                json.append(lines.get(i)).append('\n');
            }
            examples.add(new Example(situation.group(1), start, json.toString()));
        }
        return examples;
    }

    /** The JSON with every varying value replaced by its placeholder. */
    static JsonNode normalized(String json) {
        try {
            return normalize(JSON.readTree(json));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static String pretty(JsonNode node) {
        return node.toPrettyString();
    }

    private static JsonNode normalize(JsonNode node) {
        if (node.isTextual()) {
            String text = node.asText();
            for (Map.Entry<Pattern, String> varying : VARYING.entrySet()) {
                text = varying.getKey().matcher(text).replaceAll(varying.getValue());
            }
            return TextNode.valueOf(text);
        }
        if (node.isArray()) {
            ArrayNode copy = JSON.createArrayNode();
            node.forEach(element -> copy.add(normalize(element)));
            return copy;
        }
        if (node.isObject()) {
            ObjectNode copy = JSON.createObjectNode();
            node.fields().forEachRemaining(field -> copy.set(field.getKey(), normalize(field.getValue())));
            return copy;
        }
        return node;
    }
}

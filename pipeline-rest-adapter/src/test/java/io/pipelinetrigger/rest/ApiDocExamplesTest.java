package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JSON example of docs/api.md matches the OpenAPI document. Each ```json block says which schema it shows
 * with an HTML comment above it (blank lines and its {@code <!-- answer: -->} line aside): {@code <!-- openapi: GET /path 200 -->} for an
 * answer of a route, or {@code <!-- openapi: #/components/schemas/Name -->} for a schema by name.
 */
class ApiDocExamplesTest {

    private static final Path API_DOC = Path.of("..", "docs", "api.md");
    private static final Pattern MARKER = Pattern.compile(
            "<!-- openapi: (?:(GET|POST|DELETE) (\\S+) (\\d{3})|(#/components/schemas/\\w+)) -->");

    @Test
    void everyJsonExampleSaysItsSchemaAndMatchesIt() throws IOException {
        List<String> lines = Files.readAllLines(API_DOC, StandardCharsets.UTF_8);
        List<String> checked = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```json")) {
                continue;
            }
            int start = i;
            StringBuilder block = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                block.append(lines.get(i)).append('\n');
            }
            String where = "docs/api.md line " + (start + 1);
            String pointer = pointerBefore(lines, start, where);
            OpenApiContract.validate(where, pointer, block.toString());
            checked.add(where);
        }
        assertThat(checked).as("JSON examples in docs/api.md").hasSizeGreaterThan(10);
    }

    @Test
    void theApiReferenceLinksTheDocument() throws IOException {
        assertThat(Files.readString(API_DOC)).contains("/openapi.json");
    }

    private static String pointerBefore(List<String> lines, int block, String where) {
        int line = block - 1;
        // blank lines and the example's "<!-- answer: ... -->" line (ApiDocsExamples) may come between
        while (line >= 0 && (lines.get(line).isBlank() || lines.get(line).strip().startsWith("<!-- answer:"))) {
            line--;
        }
        Matcher marker = MARKER.matcher(line >= 0 ? lines.get(line).strip() : "");
        if (!marker.matches()) {
            throw new AssertionError(where + ": a ```json block needs an '<!-- openapi: METHOD PATH STATUS -->' or"
                    + " '<!-- openapi: #/components/schemas/Name -->' line before it");
        }
        if (marker.group(4) != null) {
            return marker.group(4);
        }
        return OpenApiContract.pointerOf(marker.group(1), marker.group(2), Integer.parseInt(marker.group(3)))
                .orElseThrow(() -> new AssertionError(where + ": the OpenAPI document has no JSON answer for "
                        + marker.group(1) + " " + marker.group(2) + " " + marker.group(3)));
    }
}

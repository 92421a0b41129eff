package io.pipelinetrigger.app;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static io.pipelinetrigger.app.HostileServer.PATH;
import static io.pipelinetrigger.app.HostileServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile requests against the real server ({@link HostileServer}): bodies, content types, ids, methods and
 * paths. Most bursts carry the valid token: even a client that holds it cannot get past validation with a
 * forged body. After each burst the server still answers, no job exists and no step was started. Every loop
 * is bounded; what arrives over a raw socket is in {@link HostileConnectionsIT}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    private HostileServer server;
    private PlainClient client;

    @BeforeAll
    void start() {
        server = HostileServer.start(HostileServer.QUICK);
        client = server.client();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void theServerStillAnswersAndNothingRan() {
        server.assertStillAnswersAndNothingRan();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/xml", "application/json; charset=utf-16", "*/*"})
    void aBodyThatIsNotDeclaredJsonIs415(String contentType) {
        assertThat(client.post(PATH, "{\"pipeline\": \"dbt\"}", "Content-Type", contentType).status()).isEqualTo(415);
    }

    @Test
    void aBodyWithoutContentTypeIs415() {
        assertThat(client.post(PATH, "{\"pipeline\": \"dbt\"}").status()).isEqualTo(415);
    }

    @Test
    void aBodyOver64KiBIs413() {
        String padded = "{\"pipeline\": \"dbt\"" + " ".repeat(64 * 1024) + "}";
        assertThat(client.postJson(PATH, padded).status()).isEqualTo(413);
        assertThat(client.postJsonChunked(PATH, padded.getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(413);
    }

    @Test
    void deepNestingIs400() {
        for (int depth : new int[] {33, 1_000, 30_000}) {
            PlainClient.Answer answer = client.postJson(PATH, "{\"pipeline\": " + "[".repeat(depth) + "]".repeat(depth) + "}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("nested more than 32 levels deep");
        }
    }

    @Test
    void duplicateKeysAre400() {
        assertThat(client.postJson(PATH, "{\"pipeline\": \"ingester\", \"pipeline\": \"full\"}").body())
                .contains("Duplicate field 'pipeline'");
    }

    @Test
    void hugeNumbersAndStringsAre400() {
        List<String> bodies = List.of(
                "{\"pipeline\": \"dbt\", \"timeoutSeconds\": " + "9".repeat(5_000) + "}",
                "{\"pipeline\": \"dbt\", \"timeoutSeconds\": 1e999999999}",
                "{\"pipeline\": \"dbt\", \"timeoutSeconds\": -" + "9".repeat(101) + "}",
                "{\"pipeline\": \"dbt\", \"timeoutSeconds\": 0." + "0".repeat(60_000) + "1}",
                "{\"pipeline\": \"" + "d".repeat(50_000) + "\"}",
                "{\"" + "k".repeat(50_000) + "\": 1}");
        for (String body : bodies) {
            PlainClient.Answer answer = client.postJson(PATH, body);
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.body().length()).isLessThan(1_000);
        }
    }

    @Test
    void everyTruncationOfAValidRequestIs400() {
        String valid = "{\"pipeline\": \"full\", \"command\": \"daily\", \"enableOpenlineage\": false}";
        for (int length = 0; length < valid.length(); length++) {
            assertThat(client.postJson(PATH, valid.substring(0, length)).status()).as("first %d bytes", length).isEqualTo(400);
        }
    }

    @Test
    void invalidUtf8Is400() {
        byte[][] bodies = {
                {'{', '"', 'p', 'i', 'p', 'e', 'l', 'i', 'n', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                {'{', '"', (byte) 0xFF, (byte) 0xFE, '"', ':', '1', '}'},
                {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'},
                {'{', '"', 'a', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'}};
        for (byte[] body : bodies) {
            assertThat(client.postJsonBytes(PATH, body).status()).isEqualTo(400);
        }
    }

    @Test
    void randomBytesAre400() {
        Random random = new Random(20240315L);
        for (int i = 0; i < 300; i++) {
            byte[] body = new byte[random.nextInt(2_000)];
            random.nextBytes(body);
            assertThat(client.postJsonBytes(PATH, body).status()).as("random body %d", i).isEqualTo(400);
        }
    }

    @Test
    void fieldsThatLookLikeContainerOptionsAreRefusedAndNothingReachesARunner() {
        List<String> bodies = List.of(
                "{\"pipeline\": \"dbt\", \"image\": \"alpine:latest\"}",
                "{\"pipeline\": \"dbt\", \"env\": {\"LD_PRELOAD\": \"/tmp/x.so\"}}",
                "{\"pipeline\": \"dbt\", \"volumes\": [\"/:/host\"]}",
                "{\"pipeline\": \"dbt\", \"privileged\": true}",
                "{\"pipeline\": \"dbt\", \"command\": \"daily; rm -rf /\"}",
                "{\"pipeline\": \"dbt\", \"command\": \"daily --privileged\"}",
                "{\"pipeline\": \"dbt $(id)\"}",
                "{\"pipeline\": \"dbt\", \"command\": [\"run\", \"--select\", \"x\"]}",
                "{\"pipeline\": \"dbt\", \"enableElementary\": \"true; id\"}",
                "{\"pipeline\": \"dbt\", \"timeoutSeconds\": \"60 && id\"}",
                "{\"pipeline\": \"dbt\", \"__proto__\": {\"image\": \"x\"}}");
        for (String body : bodies) {
            assertThat(client.postJson(PATH, body).status()).as(body).isEqualTo(400);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "PATCH", "TRACE"})
    void methodsTheApiDoesNotHaveAre405(String method) {
        assertThat(client.call(method, PATH, null).status()).isEqualTo(405);
        assertThat(client.call(method, "/healthz", null).status()).isEqualTo(405);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "dbt-1710460800000-abc123/../../x",
            "dbt-1710460800000-abc123\u0000", "dbt-1710460800000-abc123\n", "/etc/passwd", "dbt-1710460800000-ABC123",
            "dbt-1710460800000-abc123 ", "%00", "dbt-99999999999999999999999-abc123"})
    void aJobIdOutsideTheIdFormatIs400BeforeAnyLookup(String jobId) {
        String query = "?jobId=" + URLEncoder.encode(jobId, StandardCharsets.UTF_8);
        assertThat(client.get(PATH + query).status()).isEqualTo(400);
        assertThat(client.call("DELETE", PATH + query, null).status()).isEqualTo(400);
    }

    @Test
    void aVeryLongJobIdIs400() {
        assertThat(client.get(PATH + "?jobId=" + "a".repeat(4_000)).status()).isEqualTo(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/data-analytics/pipeline/trigger/../../../../etc/passwd",
            "/api/data-analytics/pipeline/trigger/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
            "/api/data-analytics/pipeline/trigger/..%2f..%2fetc%2fpasswd", "/api/data-analytics/pipeline/trigger/%00"})
    void pathTraversalFindsNothing(String path) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
        assertThat(answer.status()).hasValueSatisfying(status -> assertThat(status).isIn(400, 404));
        assertThat(answer.text()).doesNotContain("root:");
    }

    @Test
    void withoutTheTokenNoHostileBodyIsEvenRead() {
        List<String> bodies = List.of("{\"pipeline\": \"dbt\"}", "[".repeat(1_000), "{\"pipeline\": \"dbt\", \"image\": \"x\"}");
        for (String body : bodies) {
            assertThat(client.withoutToken().postJson(PATH, body).status()).isEqualTo(401);
        }
    }
}

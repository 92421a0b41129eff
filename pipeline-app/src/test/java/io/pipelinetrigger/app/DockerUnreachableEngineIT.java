package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 through the jar, no engine needed: with the Docker runner and an engine that does not answer, the
 * server still starts and says why in its log, and every trigger answers 500 with a clear error, leaving no job
 * behind (none stays {@code running}).
 */
class DockerUnreachableEngineIT {

    private final JarTestbed testbed = JarTestbed.withoutDocker();

    @TempDir
    Path nowhere;

    @AfterEach
    void cleanUp() {
        testbed.close();
    }

    @Test
    void theServerStartsAndTriggersAnswer500UntilTheEngineAnswers() throws Exception {
        Map<String, String> environment = JarTestbed.dockerEnvironment(testbed.newDataDir());
        String engine = "unix://" + nowhere.resolve("docker.sock");
        environment.put("DOCKER_HOST", engine);

        JarServer server = testbed.start(environment);
        JarApi.Answer trigger = testbed.api(server).trigger("{\"pipeline\": \"full\"}");
        JsonNode list = get(server.port(), "/api/data-analytics/pipeline/trigger");
        int health = status(server.port(), "/healthz");

        assertThat(server.awaitLine(Pattern.compile("engine .*" + Pattern.quote(engine) + ".*does not answer|"
                + "does not answer.*" + Pattern.quote(engine)), Duration.ofSeconds(5)))
                .as("the start-up log says why; log:%n%s", server.log()).isPresent();
        assertThat(trigger.status()).isEqualTo(500);
        assertThat(trigger.body().path("success").asBoolean()).isFalse();
        assertThat(trigger.body().path("error").asText()).contains("does not answer").contains(engine);
        assertThat(list.path("jobs")).isEmpty();
        assertThat(health).isEqualTo(503);
    }

    private static JsonNode get(int port, String path) throws Exception {
        HttpResponse<String> response = send(port, path);
        return new ObjectMapper().readTree(response.body());
    }

    private static int status(int port, String path) throws Exception {
        return send(port, path).statusCode();
    }

    private static HttpResponse<String> send(int port, String path) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}

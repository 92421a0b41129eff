package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** HTTP details around the calls: headers, clients, encodings. */
class ProtocolIT {

    private ApiServer server;
    private ApiClient api;

    @BeforeEach
    void startServer() {
        server = ApiServer.enabled(new FakeContainerRunner());
        api = server.client();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void theJdkClientWithItsDefaultHttp2UpgradeGetsItsAnswer() throws IOException, InterruptedException {
        // Upgrade: h2c on a POST with a body makes Grizzly withhold the body's end; we read the declared length
        HttpClient jdkDefault = HttpClient.newHttpClient();
        HttpRequest trigger = HttpRequest.newBuilder(api.base().resolve(ApiClient.PATH))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}")).build();

        HttpResponse<String> answer = jdkDefault.send(trigger, HttpResponse.BodyHandlers.ofString());
        // only the body is held to the document: a bare Grizzly drops the Content-Type of an answer to an upgrade
        // wish (docs/embedding.md); PipelineApplicationIT holds the packaged server's whole answer to it
        OpenApiContract.validate("POST answered " + answer.statusCode() + " to an h2c upgrade wish",
                OpenApiContract.pointerOf("POST", ApiClient.PATH, answer.statusCode()).orElseThrow(), answer.body());

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    }

    @Test
    void aBodyWithoutContentTypeIs415SoNoWebPageCanPostItWithoutAPreflight() {
        ApiClient.Answer answer = api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}"));

        assertThat(assertError(answer, 415)).contains("Content-Type: application/json");
        assertThat(api.jobIds()).isEmpty();
    }

    @Test
    void aJsonContentTypeWithUtf8CharsetOrAStructuredSuffixIsAccepted() throws InterruptedException {
        ApiClient.Answer first = api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}"),
                "Content-Type", "application/json; charset=utf-8");
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        api.awaitFinished(first.json().get("jobId").asText());

        ApiClient.Answer second = api.post(ApiClient.PATH, HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}"),
                "Content-Type", "application/vnd.zynexa+json");
        assertThat(second.status()).as(second.body()).isEqualTo(202);
    }

    @Test
    void theAnswerIsJsonWhateverTheClientAccepts() {
        HttpRequest.Builder request = HttpRequest.newBuilder(api.base().resolve(ApiClient.PATH)).header("Accept", "text/html");
        ApiClient.Answer answer = sendRaw(request.GET());

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).isEqualToIgnoringCase("application/json;charset=UTF-8");
    }

    @Test
    void nonAsciiTextTravelsAsUtf8BothWays() {
        String error = assertError(api.trigger("{\"pipeline\": \"dbt\", \"prüfung→\": true}"), 400);

        assertThat(error).contains("\"prüfung→\"");
    }

    @Test
    void noCorsHeadersAreSent() {
        ApiClient.Answer answer = sendRaw(HttpRequest.newBuilder(api.base().resolve(ApiClient.PATH))
                .header("Origin", "https://evil.example").GET());

        assertThat(answer.headers().map().keySet()).noneMatch(name -> name.toLowerCase().startsWith("access-control-"));
    }

    private ApiClient.Answer sendRaw(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            OpenApiContract.check(response);
            return new ApiClient.Answer(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}

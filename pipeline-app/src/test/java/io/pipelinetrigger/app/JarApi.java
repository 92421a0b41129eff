package io.pipelinetrigger.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.pipelinetrigger.rest.OpenApiContract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API of one jar server as curl and cron use it: trigger (with an optional Idempotency-Key), poll, cancel.
 * Every job id a 202 hands out is reported, so a test can remove that job's containers afterwards.
 */
final class JarApi {

    static final Duration JOB = Duration.ofSeconds(60);
    private static final Duration FOREIGN_RUN_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/api/data-analytics/pipeline/trigger";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final Set<String> acceptedJobIds;

    /** {@code acceptedJobIds}: the ids of the jobs this test's servers accepted, shared by its clients. */
    JarApi(int port, Set<String> acceptedJobIds) {
        this.base = "http://127.0.0.1:" + port + PATH;
        this.acceptedJobIds = acceptedJobIds;
    }

    record Answer(int status, JsonNode body) {
        String jobId() {
            return body.path("jobId").asText();
        }
    }

    Answer trigger(String json) {
        return post(json, null);
    }

    Answer trigger(String json, String idempotencyKey) {
        return post(json, idempotencyKey);
    }

    /**
     * Triggers and insists on the 202; returns the job id. A 409 for a run this test did not start (a step
     * container of another test run on the same engine) is waited out for a while rather than failed at once.
     */
    String accepted(String json) {
        long deadline = System.nanoTime() + FOREIGN_RUN_WAIT.toNanos();
        Answer answer = trigger(json);
        while (answer.status() == 409 && !acceptedJobIds.contains(answer.body().path("runningJobId").asText())
                && System.nanoTime() < deadline) {
            JarServer.sleep(500);
            answer = trigger(json);
        }
        assertThat(answer.status()).as("trigger %s answered %s", json, answer.body()).isEqualTo(202);
        return answer.jobId();
    }

    Answer job(String jobId) {
        return send(HttpRequest.newBuilder(URI.create(base + "?jobId=" + jobId)).GET());
    }

    /** {@code GET .../schedules}. */
    Answer schedules() {
        return send(HttpRequest.newBuilder(URI.create(base + "/schedules")).GET());
    }

    /** {@code GET ...} without a job id: the job list, newest first. */
    Answer jobs() {
        return send(HttpRequest.newBuilder(URI.create(base)).GET());
    }

    /** The webhook delivery log of the job (docs/webhooks.md, "The delivery log"). */
    Answer deliveries(String jobId) {
        return send(HttpRequest.newBuilder(URI.create(base + "/deliveries?jobId=" + jobId)).GET());
    }

    Answer cancel(String jobId) {
        return send(HttpRequest.newBuilder(URI.create(base + "?jobId=" + jobId)).DELETE());
    }

    /** Polls as the seed's bash loop does, until the status is no longer {@code running}. */
    JsonNode awaitFinished(String jobId) {
        return awaitJob(jobId, job -> !job.path("status").asText().equals("running"), "to finish");
    }

    /** Polls until the job's (live) output contains {@code text}. */
    JsonNode awaitOutput(String jobId, String text) {
        return awaitJob(jobId, job -> job.path("output").asText().contains(text), "to print \"" + text + "\"");
    }

    JsonNode awaitJob(String jobId, Predicate<JsonNode> condition, String what) {
        long deadline = System.nanoTime() + JOB.toNanos();
        JsonNode job = job(jobId).body();
        while (!condition.test(job)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + JOB + " for job " + jobId + " " + what + "; it is: " + job);
            }
            JarServer.sleep(100);
            job = job(jobId).body();
        }
        return job;
    }

    private Answer post(String json, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        Answer answer = send(request);
        if (answer.status() == 202) {
            acceptedJobIds.add(answer.jobId());
        }
        return answer;
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            // every answer is held to the OpenAPI document (docs/api.md)
            OpenApiContract.check(response);
            return new Answer(response.statusCode(), JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

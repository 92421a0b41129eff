package io.pipelinetrigger.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pipelinetrigger.core.domain.JobId;
import io.pipelinetrigger.core.domain.OutputSanitizer;
import io.pipelinetrigger.core.domain.StepName;
import io.pipelinetrigger.core.filearchive.FileOutputArchive;
import io.pipelinetrigger.core.fixtures.FakeContainerRunner;
import io.pipelinetrigger.core.fixtures.FakeStep;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;

import static io.pipelinetrigger.rest.ErrorAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET .../events} (docs/api.md, "Follow a run live") over real Grizzly with a file archive. */
@Timeout(180)
class JobEventsIT {

    static final String EVENTS = "/api/data-analytics/pipeline/trigger/events";
    static final String SECRET = "hunter2-very-secret";
    private static final OutputSanitizer SANITIZER = OutputSanitizer.redacting(Set.of(SECRET));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    private final FakeContainerRunner runner = new FakeContainerRunner();
    private ApiServer server;
    private ApiClient api;
    private FileOutputArchive archive;

    private void start(UnaryOperator<PipelineTriggerFeature.Builder> options) {
        archive = new FileOutputArchive(dataDir.resolve("output"));
        server = ApiServer.with(runner, facade -> facade.outputArchive(archive).outputSanitizer(SANITIZER),
                feature -> options.apply(feature.apiEnabled(true)));
        api = server.client();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** What a follower saw: the log text in order, the step events, the end event and the last id. */
    record Seen(String log, List<JsonNode> steps, Optional<JsonNode> end, String lastId, List<String> comments) {
    }

    @Test
    void aRunOfFiveMegabytesFollowedLiveIsTheCleanedArchiveThenStepsAndEnd() throws Exception {
        start(UnaryOperator.identity());
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes(lines(0, 30_000)).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        runner.on(StepName.DBT, FakeStep.printing("dbt says hi").andBytes(lines(30_000, 60_000)));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId)) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.headers().firstValue("Cache-Control")).contains("no-cache");
            assertThat(stream.headers().firstValue("X-Accel-Buffering")).contains("no");
            assertThat(stream.headers().firstValue("Content-Encoding")).isEmpty();
            // the first events come while the step still runs: nothing holds them back until the end
            SseStream.Event first = stream.next().orElseThrow();
            assertThat(first.name()).isEqualTo("step");
            assertThat(JSON.readTree(first.data()).get("status").asText()).isEqualTo("running");
            SseStream.Event log = stream.next().orElseThrow();
            assertThat(log.name()).isEqualTo("log");
            ingester.finish();
            Seen seen = readToEnd(stream, new StringBuilder(log.data()), new ArrayList<>(List.of(JSON.readTree(first.data()))));
            String archived = archived(jobId);
            assertThat(archived.length()).isGreaterThan(5_000_000);
            assertThat(seen.log()).isEqualTo(SANITIZER.clean(archived)).doesNotContain(SECRET).contains("[REDACTED]");
            assertThat(seen.lastId()).isEqualTo(String.valueOf(archived.getBytes(StandardCharsets.UTF_8).length));
            assertThat(seen.steps()).extracting(step -> step.get("name").asText() + " " + step.get("status").asText())
                    .containsSubsequence("ingester running", "ingester completed", "dbt completed");
            assertThat(seen.end()).hasValueSatisfying(end -> {
                assertThat(end.get("status").asText()).isEqualTo("completed");
                assertThat(end.get("outcome").asText()).isEqualTo("succeeded");
            });
        }
    }

    @Test
    void aStreamCutThreeTimesAndResumedWithLastEventIdDeliversEveryByteOnce() throws Exception {
        start(UnaryOperator.identity());
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes(lines(0, 40_000)).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        runner.on(StepName.DBT, FakeStep.printing("dbt").andBytes(lines(40_000, 60_000)));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        StringBuilder text = new StringBuilder();
        String lastId = null;
        for (int cut = 0; cut < 3; cut++) {
            String[] headers = lastId == null ? new String[0] : new String[]{"Last-Event-ID", lastId};
            // the URL keeps the first offset, as a reconnecting client does: the header wins
            try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId + "&offset=0", headers)) {
                int logs = 0;
                while (logs < 7) {
                    SseStream.Event event = stream.next().orElseThrow();
                    if (event.name().equals("log")) {
                        text.append(event.data());
                        lastId = event.id().orElseThrow();
                        logs++;
                    }
                }
            }
            if (cut == 1) {
                ingester.finish();
            }
        }
        try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId, "Last-Event-ID", lastId)) {
            Seen rest = readToEnd(stream, text, new ArrayList<>());
            assertThat(rest.log()).isEqualTo(SANITIZER.clean(archived(jobId)));
            assertThat(rest.end()).isPresent();
        }
    }

    @Test
    void fiftyConcurrentFollowersAllGetEveryByteFromOneReader() throws Exception {
        start(UnaryOperator.identity());
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes(lines(0, 30_000)).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        runner.on(StepName.DBT, FakeStep.printing("dbt").andBytes(lines(30_000, 40_000)));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            List<SseStream> streams = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                streams.add(SseStream.open(api.base(), EVENTS + "?jobId=" + jobId));
            }
            List<Future<Seen>> seen = new ArrayList<>();
            for (SseStream stream : streams) {
                seen.add(pool.submit(() -> {
                    try (stream) {
                        return readToEnd(stream, new StringBuilder(), new ArrayList<>());
                    }
                }));
            }
            int readersBefore = awaitReaders(jobId);
            ingester.finish();
            int mostReaders = readersBefore;
            while (!seen.stream().allMatch(Future::isDone)) {
                mostReaders = Math.max(mostReaders, readers(jobId));
                Thread.sleep(5);
            }
            assertThat(mostReaders).as("reader threads of the job's log while 50 follow it").isEqualTo(1);
            String expected = SANITIZER.clean(archived(api, jobId));
            for (Future<Seen> one : seen) {
                Seen follower = one.get();
                assertThat(follower.log()).isEqualTo(expected);
                assertThat(follower.end()).isPresent();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The threads reading the job's log for its followers (the hub's reader is named after the job). */
    private static int readers(String jobId) {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("pipeline-events-" + jobId)).count();
    }

    private static int awaitReaders(String jobId) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (readers(jobId) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return readers(jobId);
    }

    @Test
    void aFollowerThatStopsReadingFallsOffTheFeedWhileTheRunAndTheOthersGoOn() throws Exception {
        start(feature -> feature.eventSettings(EventSources.Settings.DEFAULT.withQueueBytes(256 * 1024)));
        FakeStep ingester = FakeStep.runningUntilReleased().andBytes(lines(0, 10)).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        byte[] big = lines(10, 300_000);
        runner.on(StepName.DBT, FakeStep.printing("dbt").andBytes(big));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        try (SseStream stuck = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId);
             SseStream reader = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId)) {
            // both are on the feed before the flood: the stuck one reads its first event, then nothing
            assertThat(stuck.next().orElseThrow().name()).isEqualTo("step");
            ingester.finish();
            Seen other = readToEnd(reader, new StringBuilder(), new ArrayList<>());
            // the run ended and the reading follower got all of it while the stuck one read nothing
            assertThat(api.awaitFinished(jobId).get("status").asText()).isEqualTo("completed");
            assertThat(other.log()).isEqualTo(SANITIZER.clean(archived(jobId)));
            assertThat(other.end()).isPresent();
            // the stuck one was dropped from the feed, and reading again it catches up from the archive
            Seen late = readToEnd(stuck, new StringBuilder(), new ArrayList<>());
            assertThat(late.comments()).anySatisfy(comment -> assertThat(comment)
                    .startsWith("more than 262144 bytes behind the live log"));
            assertThat(late.log()).isEqualTo(other.log());
        }
    }

    @Test
    void aSecretWrittenAcrossTwoReadsOfTheLiveLogIsNeverShown() throws Exception {
        start(UnaryOperator.identity());
        String before = "connecting with token=" + SECRET.substring(0, 9);
        FakeStep ingester = FakeStep.runningUntilReleased()
                .andBytes("first line\n".getBytes(StandardCharsets.UTF_8))
                .andBytes(before.getBytes(StandardCharsets.UTF_8)).thenExiting(0);
        runner.on(StepName.INGESTER, ingester);
        runner.on(StepName.DBT, FakeStep.printing(SECRET.substring(9) + " and on", "done"));
        String jobId = api.trigger("{\"pipeline\": \"full\"}").json().get("jobId").asText();
        ingester.awaitStarted();
        try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + jobId)) {
            StringBuilder text = new StringBuilder();
            while (!text.toString().contains("first line\n")) {
                SseStream.Event event = stream.next().orElseThrow();
                if (event.name().equals("log")) {
                    text.append(event.data());
                }
            }
            // the follower has read the live log once while half the secret is written; the rest comes later
            ingester.finish();
            Seen seen = readToEnd(stream, text, new ArrayList<>());
            assertThat(seen.log()).isEqualTo("first line\nconnecting with token=[REDACTED] and on\ndone\n")
                    .doesNotContain(SECRET.substring(0, 5));
        }
    }

    @Test
    void anEndedJobsStreamIsItsWholeLogThenEndAndHeartbeatsKeepAnIdleStreamAlive() throws Exception {
        start(feature -> feature.eventSettings(EventSources.Settings.DEFAULT.withHeartbeat(Duration.ofMillis(200))));
        runner.on(StepName.DBT, FakeStep.printing("twelve bytes"));
        String done = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        api.awaitFinished(done);
        try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + done + "&offset=7")) {
            Seen seen = readToEnd(stream, new StringBuilder(), new ArrayList<>());
            assertThat(seen.log()).isEqualTo("bytes\n");
            assertThat(seen.lastId()).isEqualTo("13");
            assertThat(seen.steps()).extracting(step -> step.get("name").asText()).containsExactly("dbt");
            assertThat(seen.end().orElseThrow().get("jobId").asText()).isEqualTo(done);
        }
        FakeStep idle = FakeStep.runningUntilReleased();
        runner.on(StepName.DBT, idle);
        String running = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        idle.awaitStarted();
        try (SseStream stream = SseStream.open(api.base(), EVENTS + "?jobId=" + running)) {
            assertThat(stream.next().orElseThrow().name()).isEqualTo("step");
            assertThat(stream.nextComment()).contains("keep-alive");
            assertThat(stream.nextComment()).contains("keep-alive");
            idle.finish();
            assertThat(readToEnd(stream, new StringBuilder(), new ArrayList<>()).end()).isPresent();
        }
    }

    @Test
    void wrongParametersAreRefusedBeforeTheStreamStarts() throws Exception {
        start(UnaryOperator.identity());
        runner.on(StepName.DBT, FakeStep.printing("twelve bytes"));
        String jobId = api.trigger("{\"pipeline\": \"dbt\"}").json().get("jobId").asText();
        api.awaitFinished(jobId);
        String q = EVENTS + "?jobId=" + jobId;
        assertThat(assertError(api.get(q + "&offset=-1"), 400)).startsWith("The query parameter 'offset' must be a whole number");
        assertThat(assertError(api.get(q + "&offset=abc"), 400)).startsWith("The query parameter 'offset' must be a whole number");
        assertThat(assertError(api.get(q + "&offset=14"), 400)).isEqualTo("The offset 14 is past the end of the log, which has 13 bytes so far.");
        assertThat(assertError(api.call("GET", q, null, "Last-Event-ID", "x1"), 400)).startsWith("The header 'Last-Event-ID' must be");
        assertThat(assertError(api.call("GET", q + "&offset=0", null, "Last-Event-ID", "99"), 400))
                .isEqualTo("The offset 99 is past the end of the log, which has 13 bytes so far.");
        assertError(api.get(EVENTS + "?jobId=dbt-1710460800000-nojob0"), 404);
        assertError(api.get(EVENTS), 400);
    }

    @Test
    void theStreamNeedsTheTokenWhenTokensAreSet() {
        start(feature -> feature.tokens(ApiTokens.of(List.of("s3cr3t-token-0123456789abcdef"))));
        assertError(api.get(EVENTS + "?jobId=dbt-1710460800000-nojob0"), 401);
        assertError(api.get(EVENTS + "?jobId=dbt-1710460800000-nojob0&access_token=s3cr3t-token-0123456789abcdef"), 401);
        assertError(api.call("GET", EVENTS + "?jobId=dbt-1710460800000-nojob0", null,
                "Authorization", "Bearer s3cr3t-token-0123456789abcdef"), 404);
    }

    static Seen readToEnd(SseStream stream, StringBuilder log, List<JsonNode> steps) throws IOException {
        String lastId = "";
        Optional<JsonNode> end = Optional.empty();
        for (Optional<SseStream.Event> next = stream.next(); next.isPresent(); next = stream.next()) {
            SseStream.Event event = next.get();
            switch (event.name()) {
                case "log" -> {
                    log.append(event.data());
                    lastId = event.id().orElseThrow();
                }
                case "step" -> steps.add(JSON.readTree(event.data()));
                case "end" -> end = Optional.of(JSON.readTree(event.data()));
                default -> throw new AssertionError("unexpected event " + event);
            }
        }
        return new Seen(log.toString(), steps, end, lastId, stream.comments());
    }

    private String archived(String jobId) throws IOException {
        return archived(api, jobId);
    }

    private String archived(ApiClient client, String jobId) throws IOException {
        try {
            client.awaitFinished(jobId, Duration.ofSeconds(60));
        } catch (InterruptedException e) {
            throw new IOException(e);
        }
        StringBuilder text = new StringBuilder();
        for (StepName step : List.of(StepName.INGESTER, StepName.DBT)) {
            Path file = archive.fileOf(JobId.of(jobId), step);
            if (Files.exists(file)) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return text.toString();
    }

    /** Numbered lines with a secret, colours and non-ASCII text here and there, about 95 bytes each. */
    static byte[] lines(int from, int to) {
        StringBuilder text = new StringBuilder();
        for (int i = from; i < to; i++) {
            text.append("line ").append(i).append(" of the run ✓ é");
            if (i % 997 == 0) {
                text.append(" token=").append(SECRET);
            }
            if (i % 101 == 0) {
                text.append(" \u001B[32mgreen\u001B[0m");
            }
            text.append(" padding to make the log a few megabytes long........................\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}

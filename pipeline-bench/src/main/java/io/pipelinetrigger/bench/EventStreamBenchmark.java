package io.pipelinetrigger.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Followers of {@code GET .../events} against the real server jar on the process runner (docs/performance.md,
 * "Many followers of one run"): a dbt step printing {@code bytes} of log, in rounds of one run with no follower and
 * one with {@code followers}; prints the step's wall time of both kinds (medians), their ratio, the server's RSS
 * growth and whether every follower's text equals the cleaned log of {@code /log}. The step prints a first line and
 * waits at a gate (a named pipe: {@link StepGate}) before it prints the rest: the benchmark opens the gate once every
 * follower has received that line, so all of them are attached before the bulk comes, and the step's time runs from
 * the gate's opening to its {@code finishedAt} (the same in the runs without followers).
 *
 * <p>The server starts as documented ({@code -XX:+UseSerialGC -Xmx256m}, or the system property
 * {@code server.java.opts}). The followers stand in for clients on other machines: their threads run at the lowest
 * CPU priority ({@code nice 19}) and hash the bytes of each event's data without decoding them, so the figures
 * measure the server, not the benchmark's own clients on the same cores.
 *
 * <p>{@code java -cp pipeline-bench.jar io.pipelinetrigger.bench.EventStreamBenchmark <server jar> [followers] [MB]}
 */
public final class EventStreamBenchmark {

    private static final String P = "/api/data-analytics/pipeline/trigger";
    private static final Pattern LISTENING = Pattern.compile("listening on http://\\S+:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Followed warm-up runs end with one whose step ran while the server's JIT used at most this much CPU. */
    private static final long QUIET_JIT_MILLIS = 20;
    /** ... or after this many. */
    private static final int MAX_WARM_UP_FOLLOWED_RUNS = 8;
    /** Rounds of a step alone and a step followed: each figure is the median of its kind. */
    private static final int ROUNDS = 3;

    /** One step's run: its time from the gate to its end, and the server's CPU by thread meanwhile. */
    private record StepRun(Duration time, String cpu, long compilerMillis) {
    }

    private EventStreamBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        int followers = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long bytes = (args.length > 2 ? Long.parseLong(args[2]) : 100) * 1_000_000L;
        Path data = Files.createTempDirectory("events-bench");
        List<String> command = new ArrayList<>(List.of("java"));
        command.addAll(List.of(System.getProperty("server.java.opts", "-XX:+UseSerialGC -Xmx256m").split(" +")));
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PIPELINE_ENABLED", "true");
        builder.environment().put("PIPELINE_RUNNER", "process");
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("PORT", "0");
        builder.environment().put("PIPELINE_DATA_DIR", data.toString());
        builder.environment().put("PIPELINE_INSTANCE", "events-bench-" + ProcessHandle.current().pid());
        builder.environment().put("PIPELINE_INGESTER_COMMAND", "true");
        StepGate gate = StepGate.at(data.resolve("gate"));
        builder.environment().put("PIPELINE_DBT_COMMAND", "sh -c 'echo attached; " + gate.waitCommand() + "; yes"
                + " \"a line of the benchmark step, 64 bytes long, to be followed......\" | head -c " + bytes + "'");
        Process server = builder.start();
        BufferedReader log = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        int port = awaitPort(log);
        Thread drain = new Thread(() -> {
            try {
                log.lines().forEach(line -> { });
            } catch (java.io.UncheckedIOException stopped) {
                // the server was stopped
            }
        });
        drain.setDaemon(true);
        drain.start();
        URI base = URI.create("http://127.0.0.1:" + port);
        try {
            lowerOwnPriority(); // threads made from here on inherit it: the followers' pool and their HTTP client
            HttpClient followerHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ExecutorService pool = Executors.newFixedThreadPool(followers);
            // warm-up: the first runs load and compile the server's output path and, with as many followers as the
            // measured run, the followers' path, until a followed step runs with the JIT (nearly) quiet: a server
            // that has run a while has compiled what a follower needs, and a compilation in the measured step would
            // measure the JIT's start, not the followers' cost
            runAlone(base, gate, server.pid());
            List<Long> warmUpJit = new ArrayList<>();
            while (warmUpJit.size() < MAX_WARM_UP_FOLLOWED_RUNS
                    && (warmUpJit.isEmpty() || warmUpJit.get(warmUpJit.size() - 1) > QUIET_JIT_MILLIS)) {
                String warmUp = run(base);
                List<Future<String>> warming = attach(pool, followerHttp, base, warmUp, followers);
                StepRun run = stepRun(base, warmUp, gate, server.pid());
                warmUpJit.add(run.compilerMillis());
                for (Future<String> follower : warming) {
                    follower.get();
                }
            }
            // measured: rounds of a step alone and a step followed, in turns, so that a slow minute of the machine
            // falls on both kinds alike; each figure is the median of its kind
            RssPeaks rss = new RssPeaks(server.pid());
            Thread sampler = new Thread(rss, "rss-sampler");
            sampler.setDaemon(true);
            sampler.start();
            List<StepRun> alones = new ArrayList<>();
            List<StepRun> followeds = new ArrayList<>();
            List<Long> rssAtStart = new ArrayList<>();
            List<Long> growthWhileStepRan = new ArrayList<>();
            List<Long> growthUntilAllRead = new ArrayList<>();
            long correct = 0;
            for (int round = 0; round < ROUNDS; round++) {
                alones.add(runAlone(base, gate, server.pid()));
                String jobId = run(base);
                rssAtStart.add(rss.startRound() / 1024);
                List<Future<String>> digests = attach(pool, followerHttp, base, jobId, followers);
                followeds.add(stepRun(base, jobId, gate, server.pid()));
                growthWhileStepRan.add(rss.growthMiB());
                // the followers read it all before the next round: their catching up would slow its steps
                String expected = logDigest(base, jobId);
                for (Future<String> digest : digests) {
                    correct += expected.equals(digest.get()) ? 1 : 0;
                }
                growthUntilAllRead.add(rss.growthMiB());
            }
            sampler.interrupt();
            pool.shutdown();
            StepRun alone = median(alones);
            StepRun followed = median(followeds);
            System.out.printf("followed warm-up runs: %d, the JIT's CPU during each one's step: %s ms%n",
                    warmUpJit.size(), warmUpJit);
            System.out.printf("step of %d MB, median of %d: alone %d ms %s, with %d followers %d ms %s, ratio %.2f%n",
                    bytes / 1_000_000, ROUNDS, alone.time().toMillis(), millis(alones), followers,
                    followed.time().toMillis(), millis(followeds),
                    (double) followed.time().toMillis() / alone.time().toMillis());
            System.out.printf("server RSS growth in each followed round (at its start %s MiB): %s MiB while the step"
                    + " ran, %s MiB until every follower had read it all%n", rssAtStart, growthWhileStepRan,
                    growthUntilAllRead);
            System.out.print("server CPU from the gate to the step's end, by thread, alone (the median run):\n"
                    + alone.cpu() + "and with the followers (the median run):\n" + followed.cpu());
            System.out.printf("followers whose text equals the cleaned log: %d of %d%n", correct,
                    (long) followers * ROUNDS);
            System.out.printf("machine: %d cores, %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                    System.getProperty("os.name") + " " + System.getProperty("os.version"), Runtime.version());
        } finally {
            server.destroy();
            server.waitFor();
            deleteTree(data); // the runs' archives: a gigabyte or so
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static StepRun median(List<StepRun> runs) {
        return runs.stream().sorted(Comparator.comparing(StepRun::time)).toList().get(runs.size() / 2);
    }

    private static List<Long> millis(List<StepRun> runs) {
        return runs.stream().map(run -> run.time().toMillis()).toList();
    }

    /** Starts {@code count} followers of the job; returns once every one of them has received the first line. */
    private static List<Future<String>> attach(ExecutorService pool, HttpClient http, URI base, String jobId, int count)
            throws InterruptedException {
        List<Future<String>> digests = new ArrayList<>();
        CountDownLatch attached = new CountDownLatch(count);
        for (int i = 0; i < count; i++) {
            digests.add(pool.submit(() -> follow(http, base, jobId, attached)));
        }
        if (!attached.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(attached.getCount() + " followers never received the first line");
        }
        return digests;
    }

    /** Starts a run whose step waits at the gate. */
    private static String run(URI base) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(base.resolve(P))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"pipeline\": \"dbt\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher id = Pattern.compile("\"jobId\":\"([^\"]+)\"").matcher(answer.body());
        if (answer.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("trigger answered " + answer.statusCode() + ": " + answer.body());
        }
        return id.group(1);
    }

    /** A run with no follower: the gate is opened once the first line is in the log. */
    private static StepRun runAlone(URI base, StepGate gate, long serverPid) throws Exception {
        String jobId = run(base);
        while (HTTP.send(HttpRequest.newBuilder(base.resolve(P + "/log?jobId=" + jobId)).build(),
                HttpResponse.BodyHandlers.ofString()).body().isEmpty()) {
            Thread.sleep(10);
        }
        return stepRun(base, jobId, gate, serverPid);
    }

    /** Opens the gate of the waiting job's step and waits for its end: its time and the server's CPU meanwhile. */
    private static StepRun stepRun(URI base, String jobId, StepGate gate, long serverPid) throws Exception {
        // the archives of the runs before are written out first: the kernel's writing of them back to the disk
        // would otherwise take the cores (and throttle the step's own writes) by a different amount each run
        new ProcessBuilder("sync").inheritIO().start().waitFor();
        Map<String, Long> cpuBefore = ThreadTimes.of(serverPid);
        Instant opened = gate.open();
        Instant finished = stepFinishedAt(base, jobId);
        Map<String, Long> cpuAfter = ThreadTimes.of(serverPid);
        return new StepRun(Duration.between(opened, finished), ThreadTimes.between(cpuBefore, cpuAfter),
                ThreadTimes.compilerMillis(cpuBefore, cpuAfter));
    }

    /** Waits for the job's end; the dbt step's finishedAt. */
    private static Instant stepFinishedAt(URI base, String jobId) throws Exception {
        while (true) {
            String view = HTTP.send(HttpRequest.newBuilder(base.resolve(P + "?jobId=" + jobId + "&wait=60&output=false"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
            if (!view.contains("\"status\":\"running\"") && !view.contains("\"status\":\"queued\"")) {
                Matcher step = Pattern.compile("\"name\":\"dbt\",\"status\":\"[a-z]+\",\"exitCode\":[0-9a-z]+,"
                        + "\"startedAt\":\"([^\"]+)\",\"finishedAt\":\"([^\"]+)\"").matcher(view);
                if (!step.find()) {
                    throw new IllegalStateException("no dbt step times in " + view);
                }
                return Instant.parse(step.group(2));
            }
        }
    }

    /** Reads the stream to its end; the SHA-256 of the log text it carried. */
    private static String follow(HttpClient http, URI base, String jobId, CountDownLatch attached) throws Exception {
        HttpResponse<InputStream> answer = http.send(HttpRequest.newBuilder(base.resolve(P + "/events?jobId=" + jobId))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream events = answer.body()) {
            return HexFormat.of().formatHex(new LogEventDigest(attached::countDown).of(events));
        }
    }

    /** The lowest CPU priority for the calling thread (Linux: nice is per thread, and new threads inherit it). */
    private static void lowerOwnPriority() throws IOException, InterruptedException {
        long tid = Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
        new ProcessBuilder("renice", "-n", "19", "-p", Long.toString(tid)).inheritIO().start().waitFor();
    }

    private static String logDigest(URI base, String jobId) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long offset = 0;
        while (true) {
            HttpResponse<byte[]> page = HTTP.send(HttpRequest.newBuilder(base.resolve(P + "/log?jobId=" + jobId
                    + "&offset=" + offset)).build(), HttpResponse.BodyHandlers.ofByteArray());
            digest.update(page.body());
            offset = Long.parseLong(page.headers().firstValue("X-Log-Next-Offset").orElseThrow());
            if (page.headers().firstValue("X-Log-More").orElseThrow().equals("false")) {
                return HexFormat.of().formatHex(digest.digest());
            }
        }
    }

    private static int awaitPort(BufferedReader log) throws IOException {
        for (String line = log.readLine(); line != null; line = log.readLine()) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
        }
        throw new IllegalStateException("the server exited before it listened");
    }
}

package io.pipelinetrigger.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double of the server playing the documented trigger API on a JDK HttpServer (port 0): scripted
 * job views, a log served in pages from an offset, and faults on demand (an answer status, a dropped link).
 */
final class FakeApiServer implements AutoCloseable {

    record Request(String method, String path, Map<String, String> query, String body, Map<String, List<String>> headers) {
    }

    private final HttpServer server;
    final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<String>> views = new ConcurrentHashMap<>();
    private final Map<String, byte[]> logs = new ConcurrentHashMap<>();
    private final Deque<Integer> faults = new ArrayDeque<>();
    private volatile int triggerStatus = 202;
    private volatile String triggerBody = "";
    private volatile String listBody = "{\"success\":true,\"jobs\":[]}";
    private volatile int logPage = 1 << 20;
    private volatile int dropsLeft;
    private volatile String retryAfter;

    static {
        // small answers otherwise wait for the peer's delayed ACK (Nagle), 40 ms a request
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    FakeApiServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The views GET answers for {@code jobId}, one per poll; the last one repeats. */
    FakeApiServer job(String jobId, String... jsonViews) {
        views.put(jobId, new ArrayDeque<>(Arrays.asList(jsonViews)));
        return this;
    }

    FakeApiServer log(String jobId, String text, int pageSize) {
        logs.put(jobId, text.getBytes(StandardCharsets.UTF_8));
        logPage = pageSize;
        return this;
    }

    FakeApiServer triggers(int status, String body) {
        triggerStatus = status;
        triggerBody = body;
        return this;
    }

    FakeApiServer lists(String body) {
        listBody = body;
        return this;
    }

    /** The next calls (any) answer these statuses first, with an optional Retry-After. */
    synchronized FakeApiServer failNext(String retryAfterHeader, Integer... statuses) {
        faults.addAll(Arrays.asList(statuses));
        retryAfter = retryAfterHeader;
        return this;
    }

    /** The next {@code count} log reads promise more bytes than they send and hang up half way. */
    FakeApiServer dropLogReads(int count) {
        dropsLeft = count;
        return this;
    }

    static String view(String jobId, String status, String outcome, int exitCode) {
        String steps = "[{\"name\":\"ingester\",\"status\":\"" + (status.equals("running") ? "running" : status)
                + "\",\"exitCode\":" + (status.equals("running") ? "null" : exitCode) + ",\"startedAt\":null,\"finishedAt\":null}]";
        return "{\"success\":true,\"jobId\":\"" + jobId + "\",\"status\":\"" + status + "\",\"exitCode\":" + exitCode
                + ",\"pipeline\":\"ingester\",\"command\":null,\"createdAt\":\"2026-01-01T00:00:00.000Z\","
                + "\"startedAt\":\"2026-01-01T00:00:00.000Z\",\"finishedAt\":" + (status.equals("running") ? "null" : "\"2026-01-01T00:00:12.000Z\"")
                + ",\"error\":null,\"outcome\":" + (outcome == null ? "null" : "\"" + outcome + "\"") + ",\"steps\":" + steps + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, query, body, Map.copyOf(exchange.getRequestHeaders())));
        Integer fault;
        synchronized (this) {
            fault = faults.poll();
        }
        if (fault != null) {
            if (retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", retryAfter);
            }
            send(exchange, fault, "{\"success\":false,\"error\":\"injected " + fault + "\"}");
            return;
        }
        if (path.endsWith("/log")) {
            serveLog(exchange, query);
        } else if (exchange.getRequestMethod().equals("POST")) {
            send(exchange, triggerStatus, triggerBody);
        } else if (exchange.getRequestMethod().equals("DELETE")) {
            send(exchange, 202, current(query.get("jobId")));
        } else if (query.containsKey("jobId")) {
            Deque<String> scripted = views.get(query.get("jobId"));
            if (scripted == null) {
                send(exchange, 404, "{\"success\":false,\"error\":\"no job " + query.get("jobId") + "\"}");
            } else {
                send(exchange, 200, scripted.size() > 1 ? scripted.poll() : scripted.peek());
            }
        } else {
            send(exchange, 200, listBody);
        }
    }

    private String current(String jobId) {
        Deque<String> scripted = views.get(jobId);
        return scripted == null ? "{}" : scripted.peek();
    }

    private void serveLog(HttpExchange exchange, Map<String, String> query) throws IOException {
        byte[] log = logs.getOrDefault(query.get("jobId"), new byte[0]);
        int offset = (int) Math.min(log.length, Long.parseLong(query.getOrDefault("offset", "0")));
        int end = Math.min(log.length, offset + logPage);
        byte[] page = Arrays.copyOfRange(log, offset, end);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
        exchange.getResponseHeaders().add("X-Log-Next-Offset", Integer.toString(end));
        // as the real server: more can come until the job has ended and its last byte was read
        boolean ended = current(query.get("jobId")).matches(".*\"status\":\"(completed|failed|cancelled)\".*");
        exchange.getResponseHeaders().add("X-Log-More", Boolean.toString(end < log.length || !ended));
        if (dropsLeft > 0 && page.length > 1) {
            dropsLeft--;
            exchange.sendResponseHeaders(200, page.length);
            OutputStream out = exchange.getResponseBody();
            out.write(page, 0, page.length / 2);
            out.flush();
            exchange.getHttpContext().getServer(); // nothing more is sent: the connection is cut
            exchange.close();
            return;
        }
        exchange.sendResponseHeaders(200, page.length == 0 ? -1 : page.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] parts = pair.split("=", 2);
                query.put(java.net.URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
                        parts.length > 1 ? java.net.URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "");
            }
        }
        return query;
    }

    List<Request> requestsTo(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package io.pipelinetrigger.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay in front of a jar server that the browser uses as the server (so it is the page's origin): it
 * passes bytes through unchanged, remembers the head of every request, and can cut the connections that carry
 * an event stream at once, the way a proxy restart or a dropped network does. Given paths it answers 404
 * itself, as an older server without those routes does.
 */
final class CuttingProxy implements AutoCloseable {

    private static final Pattern REQUEST_HEAD = Pattern.compile("(?s)(GET|POST|DELETE|PUT|HEAD|OPTIONS) \\S+ HTTP/1\\.1\\r\\n.*?\\r\\n\\r\\n");

    private final int upstreamPort;
    private final ServerSocket listener;
    private final List<Relay> relays = new CopyOnWriteArrayList<>();
    private final List<String> requestHeads = new CopyOnWriteArrayList<>();
    private final List<String> missingPaths;

    /** missingPaths: path prefixes answered 404 by the relay itself. */
    CuttingProxy(int upstreamPort, String... missingPaths) throws IOException {
        this.upstreamPort = upstreamPort;
        this.missingPaths = List.of(missingPaths);
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accepting = new Thread(this::accept, "cutting-proxy-accept");
        accepting.setDaemon(true);
        accepting.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + listener.getLocalPort());
    }

    /** The head (request line and headers) of every request relayed so far, in order. */
    List<String> requestHeads() {
        return List.copyOf(requestHeads);
    }

    /** Closes every connection whose last request was an event stream; answers how many. */
    int cutEventStreams() {
        int cut = 0;
        for (Relay relay : relays) {
            if (relay.carriesEvents && !relay.client.isClosed()) {
                relay.close();
                cut++;
            }
        }
        return cut;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                Relay relay = new Relay(client, upstream);
                relays.add(relay);
                relay.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        relays.forEach(Relay::close);
    }

    private final class Relay {
        final Socket client;
        final Socket upstream;
        volatile boolean carriesEvents;

        Relay(Socket client, Socket upstream) {
            this.client = client;
            this.upstream = upstream;
        }

        void start() {
            thread("cutting-proxy-up", () -> pump(client, upstream, true));
            thread("cutting-proxy-down", () -> pump(upstream, client, false));
        }

        private void pump(Socket from, Socket to, boolean requests) {
            byte[] buffer = new byte[16384];
            StringBuilder heads = new StringBuilder();
            try (InputStream in = from.getInputStream()) {
                OutputStream out = to.getOutputStream();
                for (int n; (n = in.read(buffer)) > 0; ) {
                    if (requests) {
                        heads.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                        if (readHeads(heads)) {
                            answerNotFound(from);
                            return;
                        }
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException cut) {
                // closed by cutEventStreams or by either end
            } finally {
                close();
            }
        }

        private void answerNotFound(Socket client) throws IOException {
            byte[] body = "{\"success\":false,\"error\":\"No such route.\"}".getBytes(StandardCharsets.UTF_8);
            OutputStream out = client.getOutputStream();
            out.write(("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
        }

        /**
         * Takes the complete request heads out of what came from the browser (bodies are short JSON); true when
         * one asks for a missing path.
         */
        private boolean readHeads(StringBuilder received) {
            Matcher head = REQUEST_HEAD.matcher(received);
            int end = 0;
            List<String> found = new ArrayList<>();
            while (head.find()) {
                found.add(head.group());
                end = head.end();
            }
            boolean missing = false;
            for (String one : found) {
                requestHeads.add(one);
                carriesEvents = one.contains("/events?");
                String path = one.split(" ", 3)[1];
                missing |= missingPaths.stream().anyMatch(path::startsWith);
            }
            if (end > 0) {
                received.delete(0, end);
            }
            if (received.length() > 65536) {
                received.setLength(0);
            }
            return missing;
        }

        void close() {
            closeQuietly(client);
            closeQuietly(upstream);
        }

        private static void closeQuietly(Socket socket) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already closed
            }
        }

        private static void thread(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }
    }
}

package io.pipelinetrigger.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A client of a job's event stream that stops reading (docs/api.md, "Follow a run live", slow clients): a raw
 * socket with a small receive window that sends its request and then reads nothing, until the test reads what it
 * was sent up to the server's close.
 */
final class SilentFollower implements AutoCloseable {

    /** The server's log line for a follower that left or was dropped: job id, byte reached, why. */
    static final Pattern WENT_AWAY = Pattern.compile("Job (\\S+): a follower went away at byte (\\d+) \\((.*)\\)");

    private final Socket socket;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    private SilentFollower(Socket socket) {
        this.socket = socket;
    }

    /** Connects to the server on {@code port} and asks for the job's events from the start; reads nothing. */
    static SilentFollower attach(int port, String jobId) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096); // before connecting: the window the server may fill stays small
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.getOutputStream().write(("GET " + LogFollower.P + "/events?jobId=" + jobId
                    + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new SilentFollower(socket);
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads only until the answer's head is complete, so the server is known to stream to it; then reads nothing. */
    String awaitHead() throws IOException {
        InputStream in = socket.getInputStream();
        while (!text().contains("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the server closed the stream before its head: " + text());
            }
            received.write(b);
        }
        return text().substring(0, text().indexOf("\r\n\r\n"));
    }

    /** Reads at last, everything up to the server's close (what it had sent before it gave up on this client). */
    String readToClose() throws IOException {
        socket.getInputStream().transferTo(received);
        return text();
    }

    private String text() {
        return received.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

package io.pipelinetrigger.app;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Bytes over a plain socket, for what no HTTP client would send: oversized, garbled, slow or half requests. */
final class RawHttp {

    private static final Duration ANSWER_WAIT = Duration.ofSeconds(15);

    private RawHttp() {
    }

    /** What came back: the raw text (empty when the server closed without a word). */
    record Answer(String text) {

        /** The status of the first line, if the server answered with one. */
        Optional<Integer> status() {
            if (!text.startsWith("HTTP/1.")) {
                return Optional.empty();
            }
            return Optional.of(Integer.parseInt(text.substring(9, 12)));
        }
    }

    static Socket connect(int port) throws IOException {
        return connect(InetAddress.getLoopbackAddress(), port);
    }

    /** Connects from {@code from}, a loopback address of this machine (127.0.0.2 is as local as 127.0.0.1). */
    static Socket connect(InetAddress from, int port) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(from, 0));
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5_000);
        socket.setSoTimeout((int) ANSWER_WAIT.toMillis());
        return socket;
    }

    static Answer exchange(int port, String request) throws IOException {
        return exchange(InetAddress.getLoopbackAddress(), port, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends {@code request} (the server may stop reading early) and reads until the server closes. */
    static Answer exchange(InetAddress from, int port, byte[] request) throws IOException {
        try (Socket socket = connect(from, port)) {
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException closedEarly) {
                // a server that refuses a huge header may close before it was all sent: its answer still counts
            }
            return new Answer(readUntilClosed(socket));
        }
    }

    /** Everything the server sends until it closes the connection (or a reset, or nothing for a while). */
    static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                received.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("the server neither answered nor closed within " + ANSWER_WAIT
                    + "; received: " + received.toString(StandardCharsets.ISO_8859_1));
        } catch (IOException reset) {
            // a reset after or instead of the answer: what arrived is the answer
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** One answer: the header, then as many body bytes as its Content-Length says (the connection may stay open). */
    static String readAnswer(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        int expected = -1;
        try {
            int next;
            while ((next = in.read()) >= 0) {
                received.write(next);
                String text = received.toString(StandardCharsets.ISO_8859_1);
                int headerEnd = text.indexOf("\r\n\r\n");
                if (expected < 0 && headerEnd >= 0) {
                    java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(text);
                    expected = headerEnd + 4 + (length.find() ? Integer.parseInt(length.group(1)) : 0);
                }
                if (expected >= 0 && received.size() >= expected) {
                    break;
                }
            }
        } catch (SocketTimeoutException silent) {
            throw new AssertionError("no complete answer within " + ANSWER_WAIT + "; received: "
                    + received.toString(StandardCharsets.ISO_8859_1));
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection by {@code deadline}, polling with short reads. */
    static boolean closedBy(Socket socket, Instant deadline) throws IOException {
        socket.setSoTimeout(100);
        InputStream in = socket.getInputStream();
        while (Instant.now().isBefore(deadline)) {
            try {
                if (in.read() < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                // poll again
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }
}

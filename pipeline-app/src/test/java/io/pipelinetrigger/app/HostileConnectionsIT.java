package io.pipelinetrigger.app;

import io.pipelinetrigger.app.http.HttpLimits;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static io.pipelinetrigger.app.HostileServer.PATH;
import static io.pipelinetrigger.app.HostileServer.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What no HTTP client would send, over a plain socket to the real server ({@link HostileServer}): oversized
 * headers and request lines, too many headers, garbage, slow and silent clients, a stalled body, and token
 * guessing from a second loopback address. After each case the server still answers and nothing ran.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileConnectionsIT {

    private HostileServer server;

    @BeforeAll
    void start() {
        server = HostileServer.start(HostileServer.QUICK);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @AfterEach
    void theServerStillAnswersAndNothingRan() {
        server.assertStillAnswersAndNothingRan();
    }

    @Test
    void aHeaderOverTheLimitIsRefusedWithoutAnAnswerFromTheApi() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nX-Padding: " + "x".repeat(20_000) + "\r\nConnection: close\r\n\r\n");
        assertRefusedByTheServer(answer);
    }

    @Test
    void aHostHeaderThatIsNoHostNameGetsTheJsonErrorAndNeverAStackTrace() throws IOException {
        for (String host : new String[] {"pipeline_trigger", "a b", "[::1", "%00"}) {
            RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: " + host
                    + "\r\nAuthorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n");
            assertThat(answer.status()).as("Host: %s answered %s", host, answer.text()).hasValue(400);
            assertThat(answer.text()).contains("application/json")
                    .contains("{\"success\": false, \"error\": \"The request's Host header is not a valid host name")
                    .doesNotContain("Exception", "\tat ", "<html");
        }
        assertThat(RawHttp.exchange(server.port(), "GET " + PATH + " HTTP/1.1\r\nHost: etl-1.example.com:8080\r\n"
                + "Authorization: Bearer " + TOKEN + "\r\nConnection: close\r\n\r\n").status()).hasValue(200);
    }

    @Test
    void aRequestLineOverTheLimitIsRefused() throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), "GET " + PATH + "?jobId=" + "a".repeat(16_000)
                + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
        assertRefusedByTheServer(answer);
    }

    @Test
    void tooManyHeadersAreRefused() throws IOException {
        StringBuilder request = new StringBuilder("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n");
        for (int i = 0; i < 200; i++) {
            request.append("X-H").append(i).append(": v\r\n");
        }
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request.append("Connection: close\r\n\r\n").toString());
        assertRefusedByTheServer(answer);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0000\u0001\u0002garbage\r\n\r\n", "GET\r\n\r\n", "HELLO / HTTP/9.9\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -5\r\n\r\n",
            "POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nContent-Length: 50\r\n\r\n",
            "GET /\u00ff\u00fe HTTP/1.1\r\n\r\n", "\r\n\r\n\r\n\r\n"})
    void aGarbledRequestIsRefusedOrDropped(String request) throws IOException {
        RawHttp.Answer answer = RawHttp.exchange(server.port(), request);
        answer.status().ifPresent(HostileConnectionsIT::assertRefusal);
    }

    @Test
    void randomBytesOnTheWireAreRefusedOrDropped() throws IOException {
        Random random = new Random(42L);
        for (int i = 0; i < 30; i++) {
            byte[] noise = new byte[1 + random.nextInt(4_000)];
            random.nextBytes(noise);
            RawHttp.Answer answer = RawHttp.exchange(InetAddress.getLoopbackAddress(), server.port(), noise);
            answer.status().ifPresent(HostileConnectionsIT::assertRefusal);
        }
    }

    @Test
    void aClientThatTricklesItsHeaderIsDroppedAtTheDeadline() throws IOException, InterruptedException {
        try (Socket socket = RawHttp.connect(server.port())) {
            socket.getOutputStream().write(("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\n").getBytes(StandardCharsets.US_ASCII));
            boolean dropped = false;
            // 40 lines, one every 250 ms: 10 s of header, far beyond the 1 s deadline
            for (int line = 0; line < 40 && !dropped; line++) {
                try {
                    socket.getOutputStream().write(("X-Slow-" + line + ": y\r\n").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                } catch (IOException closedByTheServer) {
                    dropped = true;
                }
                dropped = dropped || RawHttp.closedBy(socket, Instant.now().plusMillis(250));
            }
            assertThat(dropped).as("the server dropped the slow client before its header was complete").isTrue();
        }
    }

    @Test
    void aConnectionThatStaysSilentIsClosedAfterTheIdleTimeout() throws IOException {
        HttpLimits quickIdle = new HttpLimits(8 * 1024, 64, Duration.ofSeconds(20), Duration.ofSeconds(1),
                Duration.ofSeconds(20), 64 * 1024);
        try (HostileServer quiet = HostileServer.start(quickIdle);
             Socket silent = RawHttp.connect(quiet.port()); Socket halfALine = RawHttp.connect(quiet.port())) {
            halfALine.getOutputStream().write("GET /api/data".getBytes(StandardCharsets.US_ASCII));

            assertThat(RawHttp.closedBy(silent, Instant.now().plusSeconds(10))).isTrue();
            assertThat(RawHttp.closedBy(halfALine, Instant.now().plusSeconds(10))).isTrue();
            quiet.assertStillAnswersAndNothingRan();
        }
    }

    @Test
    void aStalledBodyIsCutOffByTheReadTimeout() throws IOException {
        try (Socket socket = RawHttp.connect(server.port())) {
            socket.getOutputStream().write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"pipeline\"").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();

            String answer = RawHttp.readAnswer(socket);

            assertThat(answer).startsWith("HTTP/1.1 400").contains("could not be read completely");
        }
    }

    @Test
    void tenWrongTokensFromOneAddressBlockItButNotTheOthers() throws IOException {
        InetAddress attacker = InetAddress.getByAddress(new byte[] {127, 0, 0, 2});
        for (int i = 0; i < 10; i++) {
            assertThat(RawHttp.exchange(attacker, server.port(), get("Bearer wrong-token-guess-number-" + i)).status())
                    .contains(401);
        }
        RawHttp.Answer blocked = RawHttp.exchange(attacker, server.port(), get("Bearer " + TOKEN));
        assertThat(blocked.status()).contains(429);
        assertThat(blocked.text()).containsPattern("(?i)retry-after: \\d+");
        // the address the throttle counts is the real peer: 127.0.0.1 was not blocked
        assertThat(RawHttp.exchange(InetAddress.getLoopbackAddress(), server.port(), get("Bearer " + TOKEN)).status())
                .contains(200);
    }

    /** A client error, or 505 for an HTTP version that is not 1.x. */
    private static void assertRefusal(int status) {
        assertThat(status).satisfiesAnyOf(client -> assertThat(client).isBetween(400, 499),
                version -> assertThat(version).isEqualTo(505));
    }

    private static byte[] get(String authorization) {
        return ("GET " + PATH + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private void assertRefusedByTheServer(RawHttp.Answer answer) {
        // Grizzly refuses before any handler runs: an error status, or the connection closed without a word
        answer.status().ifPresent(status -> assertThat(status).isIn(400, 413, 414, 431));
        assertThat(answer.text()).doesNotContain("\"jobs\"");
    }
}

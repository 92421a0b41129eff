package io.pipelinetrigger.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * A unix socket that forwards every byte to the test engine, so a test can make "the engine" go away
 * ({@link #cut()}: connections broken, socket gone, as when dockerd stops), shut down ({@link #stopListening()})
 * or hang ({@link #freeze()}: nothing answers any more) for one runner, without touching the real engine that other tests and people share.
 * It can also make one log follow stall as Docker 20.10's sometimes do ({@link #stallFirstLogFollowAfter(String)}).
 */
final class EngineProxy implements AutoCloseable {

    /** The request line of a log follow, as docker-java and the docker CLI send it. */
    private static final Pattern LOG_FOLLOW = Pattern.compile("GET [^ ]*/logs\\?[^ ]*\\bfollow=(1|true)\\b");

    private final Path socket;
    private final SocketAddress upstream;
    private final ServerSocketChannel server;
    private final List<Channel> open = new CopyOnWriteArrayList<>();
    /** The output after which the next log follow stalls; null when none is to. */
    private final AtomicReference<String> stallAfter = new AtomicReference<>();
    private final AtomicReference<StalledLogFollow> stalled = new AtomicReference<>();
    private volatile boolean frozen;
    private volatile boolean cut;

    private EngineProxy(Path socket, SocketAddress upstream) throws IOException {
        this.socket = socket;
        this.upstream = upstream;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        daemon(this::acceptConnections, "engine-proxy-accept").start();
    }

    /** A proxy listening on {@code directory/engine.sock} in front of {@link TestEngine#dockerHost()}. */
    static EngineProxy inFront(Path directory) throws IOException {
        URI engine = URI.create(TestEngine.dockerHost());
        SocketAddress upstream = "unix".equals(engine.getScheme())
                ? UnixDomainSocketAddress.of(engine.getPath())
                : new InetSocketAddress(engine.getHost(), engine.getPort());
        return new EngineProxy(directory.resolve("engine.sock"), upstream);
    }

    /** The address to give a runner, as {@code DOCKER_HOST}. */
    String dockerHost() {
        return "unix://" + socket;
    }

    /** From now on nothing is forwarded either way: requests wait for an answer that never comes. */
    void freeze() {
        frozen = true;
    }

    /**
     * Closes the socket for new connections but goes on serving the ones already open, as dockerd does first
     * when it shuts down (it closes its listeners, then stops its containers, then exits).
     */
    void stopListening() {
        closeQuietly(server);
        try {
            Files.deleteIfExists(socket);
        } catch (IOException ignored) {
            // a socket file left in a temp directory is harmless
        }
    }

    /**
     * The first log follow asked for from now on passes on the container's output up to {@code text}, then none,
     * yet ends cleanly at the container's exit (see {@link StalledLogFollow}); later ones pass through untouched.
     */
    void stallFirstLogFollowAfter(String text) {
        stallAfter.set(text);
    }

    /** How many bytes of output the stalled log follow kept from the client; 0 when none stalled (yet). */
    long outputKeptBack() {
        StalledLogFollow follow = stalled.get();
        return follow == null ? 0 : follow.keptBack();
    }

    /** Breaks every connection open now but goes on accepting new ones: a blip between the runner and the engine. */
    void breakOpenConnections() {
        open.forEach(EngineProxy::closeQuietly);
        open.clear();
    }

    /** Breaks every connection and removes the socket: new connections fail, as with a stopped engine. */
    void cut() {
        cut = true;
        stopListening();
        open.forEach(EngineProxy::closeQuietly);
    }

    @Override
    public void close() {
        cut();
    }

    private void acceptConnections() {
        while (!cut) {
            try {
                SocketChannel client = server.accept();
                SocketChannel engine = SocketChannel.open(upstream.getClass() == UnixDomainSocketAddress.class
                        ? StandardProtocolFamily.UNIX : StandardProtocolFamily.INET);
                engine.connect(upstream);
                open.add(client);
                open.add(engine);
                AtomicReference<StalledLogFollow> stalledHere = new AtomicReference<>();
                daemon(() -> pump(client, engine, request -> stallIfFirstLogFollow(request, stalledHere)),
                        "engine-proxy-up").start();
                daemon(() -> pump(engine, client, answer -> stalledHere.get() == null ? answer
                        : stalledHere.get().forward(answer)), "engine-proxy-down").start();
            } catch (IOException e) {
                return; // cut
            }
        }
    }

    /**
     * Marks the connection's answers as the stalled follow's when {@code request} is the follow to stall. The client
     * sends a request only after it read the answer before, so the next answer is this request's; a request head is
     * written at once, so its first line is at the start of what is read.
     */
    private ByteBuffer stallIfFirstLogFollow(ByteBuffer request, AtomicReference<StalledLogFollow> stalledHere) {
        String start = StandardCharsets.ISO_8859_1.decode(request.duplicate()).toString();
        if (stallAfter.get() != null && LOG_FOLLOW.matcher(start).lookingAt()) {
            String text = stallAfter.getAndSet(null);
            if (text != null) {
                StalledLogFollow follow = new StalledLogFollow(text);
                stalled.set(follow);
                stalledHere.set(follow); // before the request goes on: its answer must not pass by unseen
            }
        }
        return request;
    }

    private void pump(SocketChannel from, SocketChannel to, UnaryOperator<ByteBuffer> forward) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                while (frozen && !cut) {
                    Thread.sleep(20); // holding the bytes back is what a hung engine looks like
                }
                buffer.flip();
                ByteBuffer passed = forward.apply(buffer);
                while (passed.hasRemaining()) {
                    to.write(passed);
                }
                buffer.clear();
            }
        } catch (IOException | InterruptedException e) {
            // cut, or one side went away
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Channel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing on purpose
        }
    }
}

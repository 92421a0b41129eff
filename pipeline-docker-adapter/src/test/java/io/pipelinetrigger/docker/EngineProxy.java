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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unix socket that forwards every byte to the test engine, so a test can make "the engine" go away
 * ({@link #cut()}: connections broken, socket gone, as when dockerd stops), shut down ({@link #stopListening()})
 * or hang ({@link #freeze()}: nothing answers any more) for one runner, without touching the real engine that other tests and people share.
 */
final class EngineProxy implements AutoCloseable {

    private final Path socket;
    private final SocketAddress upstream;
    private final ServerSocketChannel server;
    private final List<Channel> open = new CopyOnWriteArrayList<>();
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
                daemon(() -> pump(client, engine), "engine-proxy-up").start();
                daemon(() -> pump(engine, client), "engine-proxy-down").start();
            } catch (IOException e) {
                return; // cut
            }
        }
    }

    private void pump(SocketChannel from, SocketChannel to) {
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        try {
            while (from.read(buffer) >= 0) {
                while (frozen && !cut) {
                    Thread.sleep(20); // holding the bytes back is what a hung engine looks like
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    to.write(buffer);
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

package io.pipelinetrigger.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A plain TCP forwarder on a loopback port of its own to one target (the test's PostgreSQL), that the test can
 * {@link #cut()} (every connection through it is closed and new ones are refused) and {@link #mend()} on the same
 * port: one server cut off from the database while the database itself, shared by everyone, runs on untouched.
 */
final class TcpCut implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;

    private TcpCut(InetSocketAddress target) {
        this.target = target;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        acceptOn(listener);
    }

    static TcpCut to(String host, int port) {
        return new TcpCut(new InetSocketAddress(host, port));
    }

    int port() {
        return port;
    }

    /** Closes every connection through it and refuses new ones, as a network that went away. */
    synchronized void cut() {
        closeQuietly(listener);
        open.forEach(TcpCut::closeQuietly);
        open.clear();
    }

    /** Takes connections again, on the same port. */
    synchronized void mend() {
        listener = bind(port);
        acceptOn(listener);
    }

    @Override
    public void close() {
        cut();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on loopback port " + port, e);
        }
    }

    private void acceptOn(ServerSocket socket) {
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    Socket server = new Socket();
                    try {
                        server.connect(target, 5_000);
                    } catch (IOException refused) {
                        closeQuietly(client);
                        throw refused;
                    }
                    open.add(client);
                    open.add(server);
                    pump(client, server);
                    pump(server, client);
                } catch (IOException closedOrRefused) {
                    // cut, or the target refused: the client sees its connection end
                }
            }
        }, "tcp-cut-accept-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException ended) {
                // one side closed or was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-cut-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing what is gone already
        }
    }
}

package io.pipelinetrigger.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;

/**
 * Whether the engine's socket still takes new connections. An engine that shuts down closes its socket
 * first and then stops its containers, while connections already open (a pooled keep-alive one, our wait)
 * are still answered: without this check, the kill of its shutdown would pass for the step's own exit.
 */
final class EngineSocket {

    private EngineSocket() {
    }

    /** Opens a connection (nothing is sent) and closes it again; false when it is refused or the socket is gone. */
    static boolean acceptsConnections(URI dockerHost) {
        SocketAddress address = "unix".equals(dockerHost.getScheme())
                ? UnixDomainSocketAddress.of(dockerHost.getPath())
                : new InetSocketAddress(dockerHost.getHost(), dockerHost.getPort());
        try (SocketChannel ignored = SocketChannel.open(address)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

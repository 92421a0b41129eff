package io.pipelinetrigger.app.http;

import org.glassfish.grizzly.http.server.NetworkListener;

/**
 * Bounds what Grizzly holds of the answers it writes (docs/architecture.md, "The event stream"). Every follower of
 * an event stream writes on its own thread to its own connection, so two of Grizzly's defaults grow with the
 * number of followers: a connection whose client reads slower than the server writes queues copies of the written
 * bytes up to four socket send buffers (megabytes on Linux) before the writing thread waits, and each writing
 * thread keeps a direct buffer as large as its largest write. 200 followers of a fast step held 200 MiB of heap and
 * over 100 MiB of native memory that way. With the bounds a writer waits for its client sooner, and a large write
 * takes a few more system calls.
 */
final class SocketWriteBuffers {

    static final String PER_WRITE_PROPERTY = "org.glassfish.grizzly.nio.transport.TCPNIOTransport.max-send-buffer-size";
    /** The most one socket write takes, so the most a thread's direct buffer holds. */
    static final int PER_WRITE_BYTES = 32 * 1024;
    /** What a connection may have queued before its writer waits. */
    static final int PER_CONNECTION_BYTES = 64 * 1024;

    private SocketWriteBuffers() {
    }

    /** Before Grizzly's transport class is loaded, which reads the property once; a value given on the command line wins. */
    static void boundEachWrite() {
        if (System.getProperty(PER_WRITE_PROPERTY) == null) {
            System.setProperty(PER_WRITE_PROPERTY, Integer.toString(PER_WRITE_BYTES));
        }
    }

    /** Before the listener starts: connections take the bound when they are accepted. */
    static void boundEachConnection(NetworkListener listener) {
        listener.getTransport().getAsyncQueueIO().getWriter().setMaxPendingBytesPerConnection(PER_CONNECTION_BYTES);
    }
}

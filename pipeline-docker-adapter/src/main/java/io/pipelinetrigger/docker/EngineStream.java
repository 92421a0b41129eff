package io.pipelinetrigger.docker;

import com.github.dockerjava.api.async.ResultCallback;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The life of one streaming engine call (a log follow, a wait): it ends, breaks off with a failure, or is
 * closed by us, and a closed stream stays closed even when the engine's answer starts after the close.
 * Subclasses say only what to do with each item.
 */
abstract class EngineStream<T> implements ResultCallback<T> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile boolean closed;
    private volatile Throwable failure;

    @Override
    public final void onStart(Closeable responseStream) {
        this.stream = responseStream;
        if (closed) {
            closeQuietly(responseStream);
        }
    }

    @Override
    public final void onError(Throwable error) {
        if (!closed && failure == null) {
            failure = error;
        }
        ended.countDown();
    }

    @Override
    public final void onComplete() {
        ended.countDown();
    }

    /** Stops following: closes the response stream, which ends docker-java's reading thread. */
    @Override
    public final void close() {
        closed = true;
        Closeable current = stream;
        if (current != null) {
            closeQuietly(current);
        }
        ended.countDown();
    }

    /** @return whether the stream ended (normally, broken off, or closed) within {@code atMost} */
    final boolean awaitEnded(Duration atMost) throws InterruptedException {
        return ended.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Why the stream broke off, if it did not end normally (and was not closed by us). */
    final Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the stream is being abandoned on purpose
        }
    }
}

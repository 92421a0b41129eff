package io.pipelinetrigger.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.WaitResponse;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One registered wait on a container. Its end only says "no longer running, probably"; the exit code is
 * read by inspecting the container afterwards, so this keeps no status code.
 */
final class ExitWatcher implements ResultCallback<WaitResponse> {

    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Closeable stream;
    private volatile boolean closed;
    private volatile Throwable failure;

    @Override
    public void onStart(Closeable responseStream) {
        this.stream = responseStream;
        if (closed) {
            closeQuietly(responseStream);
        }
    }

    @Override
    public void onNext(WaitResponse response) {
        // the wait's own status code is not trusted: inspect tells ExitCode, OOMKilled and Error together
    }

    @Override
    public void onError(Throwable error) {
        if (!closed && failure == null) {
            failure = error;
        }
        ended.countDown();
    }

    @Override
    public void onComplete() {
        ended.countDown();
    }

    @Override
    public void close() {
        closed = true;
        Closeable current = stream;
        if (current != null) {
            closeQuietly(current);
        }
        ended.countDown();
    }

    /**
     * Blocks until the wait ends or {@code atMost} has passed, whichever comes first; the caller checks on
     * the engine in between, since a wait on a frozen engine never ends by itself.
     *
     * @return whether the wait ended
     */
    boolean await(Duration atMost) throws InterruptedException {
        return ended.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    private static void closeQuietly(Closeable closeable) {
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // the wait is being abandoned on purpose
        }
    }
}

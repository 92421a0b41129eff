package io.pipelinetrigger.docker;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds a control call by the control timeout ourselves. The HTTP client's response timeout is a socket
 * read timeout, and docker-java's unix socket is a {@code SocketChannel} stream that ignores it: without
 * this, a frozen engine on the default socket would block an inspect forever. The call runs on a thread of
 * ours; past the deadline that thread is interrupted, which closes the blocked channel and frees it.
 */
final class CallDeadline implements AutoCloseable {

    /** More calls than this waiting on an engine that does not answer are refused at once. */
    private static final int MAX_CALLS_IN_FLIGHT = 32;

    private final String dockerHost;
    private final Duration timeout;
    private final ThreadPoolExecutor threads;

    CallDeadline(String dockerHost, Duration timeout) {
        this.dockerHost = dockerHost;
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(0, MAX_CALLS_IN_FLIGHT, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
            Thread thread = new Thread(task, "docker-control-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs the call; one that has not returned within the timeout is abandoned as "the engine does not answer". */
    <T> T call(Supplier<T> call) {
        Future<T> future;
        try {
            future = threads.submit(call::get);
        } catch (RejectedExecutionException e) {
            throw EngineCallException.noAnswer(dockerHost, threads.isShutdown() ? "this runner was closed"
                    : MAX_CALLS_IN_FLIGHT + " earlier calls are still waiting for it");
        }
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw EngineCallException.noAnswer(dockerHost, "no answer before the deadline");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw EngineCallException.noAnswer(dockerHost, "interrupted while waiting for it");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw EngineCallException.from(runtime, dockerHost);
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw EngineCallException.from(new IllegalStateException(cause), dockerHost);
        }
    }

    /** Interrupts calls still waiting, which closes their connections. */
    @Override
    public void close() {
        threads.shutdownNow();
    }
}

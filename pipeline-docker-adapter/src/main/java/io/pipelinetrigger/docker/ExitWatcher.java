package io.pipelinetrigger.docker;

import com.github.dockerjava.api.model.WaitResponse;

import java.time.Duration;

/**
 * One registered wait on a container. Its end only says "no longer running, probably"; the exit code is
 * read by inspecting the container afterwards, so this keeps no status code.
 */
final class ExitWatcher extends EngineStream<WaitResponse> {

    @Override
    public void onNext(WaitResponse response) {
        // the wait's own status code is not trusted: inspect tells ExitCode, OOMKilled and Error together
    }

    /**
     * Blocks until the wait ends or {@code atMost} has passed, whichever comes first; the caller checks on
     * the engine in between, since a wait on a frozen engine never ends by itself.
     *
     * @return whether the wait ended
     */
    boolean await(Duration atMost) throws InterruptedException {
        return awaitEnded(atMost);
    }
}

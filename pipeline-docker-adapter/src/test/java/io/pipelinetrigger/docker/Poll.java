package io.pipelinetrigger.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import io.pipelinetrigger.core.domain.LogChunk;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Waiting in tests for a condition, never for a time: the bound only turns a hang into a failure. */
final class Poll {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private Poll() {
    }

    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("still not the case after " + BOUND.toSeconds() + " s: " + what);
            }
            Thread.sleep(20);
        }
    }

    static void untilOutputContains(List<LogChunk> chunks, String expected) throws InterruptedException {
        until("the output contains \"" + expected + "\"", () -> text(chunks).contains(expected));
    }

    static void untilExited(String containerId) throws InterruptedException {
        until("container " + containerId + " has exited", () -> "exited".equals(state(containerId).getStatus()));
    }

    static InspectContainerResponse.ContainerState state(String containerId) {
        return TestEngine.client().inspectContainerCmd(containerId).exec().getState();
    }

    static String text(List<LogChunk> chunks) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        chunks.forEach(chunk -> out.writeBytes(chunk.bytes()));
        return out.toString(StandardCharsets.UTF_8);
    }
}

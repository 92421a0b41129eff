package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class FollowerThreadsTest {

    @Test
    void followersRunOnDaemonThreadsAtTheLowestCpuPriorityAndTheirThreadsInheritIt() throws Exception {
        assumeThat(Path.of("/proc/thread-self")).as("Linux's per-thread priority").exists();
        assumeThat(ownNice()).as("the test runs at normal priority").isZero();
        FollowerThreads threads = new FollowerThreads();
        CompletableFuture<String> seen = new CompletableFuture<>();

        threads.start("test-follower", () -> {
            Thread child = new Thread(() -> seen.complete(Thread.currentThread().isDaemon() + " " + nice()));
            child.setDaemon(Thread.currentThread().isDaemon());
            child.start();
        });

        assertThat(seen.get(30, TimeUnit.SECONDS)).isEqualTo("true 19");
        assertThat(ownNice()).as("the caller's own priority is left alone").isZero();
    }

    @Test
    void eachThreadIsNamedWithItsNumber() throws Exception {
        FollowerThreads threads = new FollowerThreads();
        CompletableFuture<String> first = new CompletableFuture<>();
        CompletableFuture<String> second = new CompletableFuture<>();

        threads.start("test-follower", () -> first.complete(Thread.currentThread().getName()));
        threads.start("test-follower", () -> second.complete(Thread.currentThread().getName()));

        assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo("test-follower-1");
        assertThat(second.get(30, TimeUnit.SECONDS)).isEqualTo("test-follower-2");
    }

    private static long ownNice() {
        return nice();
    }

    private static long nice() {
        try {
            // /proc/thread-self/stat: the 19th field is the nice value; the 2nd, "(name)", may hold spaces
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(after[16]);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

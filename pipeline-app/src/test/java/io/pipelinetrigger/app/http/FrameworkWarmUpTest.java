package io.pipelinetrigger.app.http;

import org.junit.jupiter.api.Test;

import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FrameworkWarmUpTest {

    @Test
    void a_warm_up_gets_through_and_leaves_no_thread_of_its_own_and_no_server_behind() throws InterruptedException {
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        boolean gotThrough = FrameworkWarmUp.begin(true).await();

        assertThat(gotThrough).isTrue();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("pipeline-trigger-warm-up")) {
                thread.join(); // it counts its latch down just before it ends
            }
        }
        Set<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !before.contains(thread) && thread.isAlive())
                .map(Thread::getName)
                .collect(Collectors.toSet());
        assertThat(left).noneMatch(name -> name.startsWith("pipeline-trigger-warm-up") || name.contains("grizzly")
                || name.contains("TCPNIOTransport"));
    }
}

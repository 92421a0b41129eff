package io.pipelinetrigger.docker;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A control call that does not return in time is given up, and the thread it blocked is freed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CallDeadlineTest {

    private final CallDeadline deadline = new CallDeadline("unix:///run/test.sock", Duration.ofMillis(100));

    @AfterEach
    void close() {
        deadline.close();
    }

    @Test
    void a_call_that_returns_in_time_gives_its_result() {
        assertThat(deadline.call(() -> "answer")).isEqualTo("answer");
    }

    @Test
    void a_call_past_the_deadline_is_an_engine_that_does_not_answer_and_its_thread_is_interrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);

        assertThatThrownBy(() -> deadline.call(() -> {
            try {
                new CountDownLatch(1).await(); // a read on a frozen engine
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return "never";
        })).isInstanceOfSatisfying(EngineCallException.class, e -> {
            assertThat(e.engineDidNotAnswer()).isTrue();
            assertThat(e.engineMessage()).isEqualTo("the Docker engine at unix:///run/test.sock does not answer (no answer before the deadline)");
        });
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the blocked call was interrupted").isTrue();
    }

    @Test
    void a_call_that_fails_leaves_as_an_engine_call_exception() {
        assertThatThrownBy(() -> deadline.call(() -> {
            throw new IllegalStateException("connection reset");
        })).isInstanceOfSatisfying(EngineCallException.class, e -> assertThat(e.engineMessage()).contains("connection reset"));
    }

    @Test
    void a_closed_deadline_refuses_calls_saying_so() {
        deadline.close();

        assertThatThrownBy(() -> deadline.call(() -> "late")).isInstanceOfSatisfying(EngineCallException.class,
                e -> assertThat(e.engineMessage()).contains("this runner was closed"));
    }
}

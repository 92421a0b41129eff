package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WriteTurnsTest {

    private static final Duration NEVER_STUCK = Duration.ofHours(1);

    @Test
    void aFollowerAskingWhileEveryTurnIsTakenWaitsUntilOneIsGivenBack() throws Exception {
        WriteTurns turns = new WriteTurns(2, NEVER_STUCK);
        WriteTurns.Turn first = turns.take();
        WriteTurns.Turn second = turns.take();
        CompletableFuture<WriteTurns.Turn> third = new CompletableFuture<>();
        Thread asking = new Thread(() -> {
            try {
                third.complete(turns.take());
            } catch (InterruptedException e) {
                third.completeExceptionally(e);
            }
        });
        asking.start();
        awaitWaiting(asking);

        assertThat(third).isNotDone();
        assertThat(turns.working()).isEqualTo(2);

        first.close();
        third.get(10, TimeUnit.SECONDS).close();
        second.close();
        assertThat(turns.working()).isZero();
    }

    @Test
    void aTurnHeldPastTheBoundStopsCountingSoAStuckWriterHoldsNobodyUp() throws Exception {
        WriteTurns turns = new WriteTurns(1, Duration.ofMillis(50));
        WriteTurns.Turn stuck = turns.take();

        WriteTurns.Turn next = CompletableFuture.supplyAsync(() -> {
            try {
                return turns.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);

        assertThat(turns.working()).isLessThanOrEqualTo(1);
        next.close();
        stuck.close();
        assertThat(turns.working()).isZero();
    }

    @Test
    void aTurnGivenBackTwiceFreesOnlyItself() throws Exception {
        WriteTurns turns = new WriteTurns(2, NEVER_STUCK);
        WriteTurns.Turn first = turns.take();
        WriteTurns.Turn second = turns.take();

        first.close();
        first.close();

        assertThat(turns.working()).isEqualTo(1);
        second.close();
    }

    @Test
    void noTurnsOrNoBoundIsRefused() {
        assertThatThrownBy(() -> new WriteTurns(0, NEVER_STUCK)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WriteTurns(1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.TIMED_WAITING && thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime() - deadline).as("the asking thread never waited").isNegative();
            Thread.sleep(5);
        }
    }
}

package io.pipelinetrigger.rest;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class OutputBurstTest {

    @Test
    void withoutABurstNobodyWaits() throws InterruptedException {
        assertThat(new OutputBurst().awaitOver(0)).isTrue();
    }

    @Test
    void duringABurstAWaitEndsUnansweredAfterItsBound() throws InterruptedException {
        OutputBurst burst = new OutputBurst();
        burst.begin();
        assertThat(burst.awaitOver(20)).isFalse();
    }

    @Test
    void aWaiterGoesOnWhenTheLastOfSeveralBurstsEnds() throws Exception {
        OutputBurst burst = new OutputBurst();
        burst.begin();
        burst.begin();
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return burst.awaitOver(60_000);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        burst.end();
        assertThat(burst.awaitOver(0)).isFalse();
        burst.end();
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isTrue();
    }
}

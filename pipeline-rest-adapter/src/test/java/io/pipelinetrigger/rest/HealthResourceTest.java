package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.MutableClock;
import io.pipelinetrigger.core.port.in.HealthQuery;
import io.pipelinetrigger.core.port.in.HealthQuery.Check;
import jakarta.ws.rs.core.Response;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HealthResourceTest {

    private static final HealthQuery.Health OK = new HealthQuery.Health(List.of(Check.ok("store"), Check.ok("runner")));
    private static final HealthQuery.Health ENGINE_DOWN =
            new HealthQuery.Health(List.of(Check.ok("store"), Check.failed("runner", "engine down")));

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");

    @Test
    void withoutTheDetailTheAnswerIsOkOrUnavailableAndNothingElse() {
        assertThat(answer(new HealthResource(() -> OK, clock, false))).isEqualTo(200);
        Response unavailable = new HealthResource(() -> ENGINE_DOWN, clock, false).answer(false);
        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(unavailable.getEntity()).isEqualTo(new HealthResponse("unavailable", Map.of()));
    }

    @Test
    void withTheDetailEachCheckIsNamedInOrderWithOkOrItsReason() {
        Response unavailable = new HealthResource(() -> ENGINE_DOWN, clock, false).answer(true);

        assertThat(unavailable.getStatus()).isEqualTo(503);
        assertThat(((HealthResponse) unavailable.getEntity()).checks())
                .containsExactly(Map.entry("store", "ok"), Map.entry("runner", "engine down"));
    }

    @Test
    void theInstanceNameAndTheReplicaIdArePartOfTheDetailOnly() {
        HealthResource resource = new HealthResource(() -> OK, clock, false, java.util.Optional.of("prod"),
                java.util.Optional.of("web-1-4711"));

        HealthResponse detail = (HealthResponse) resource.answer(true).getEntity();
        assertThat(detail.instance()).isEqualTo("prod");
        assertThat(detail.replica()).isEqualTo("web-1-4711");
        assertThat(resource.answer(false).getEntity()).isEqualTo(new HealthResponse("ok", Map.of()));
    }

    @Test
    void aCheckIsReusedForASecondSoAFloodDoesNotReachTheEngine() {
        AtomicInteger checks = new AtomicInteger();
        HealthResource resource = new HealthResource(() -> {
            checks.incrementAndGet();
            return OK;
        }, clock, false);

        for (int i = 0; i < 100; i++) {
            resource.answer(false);
        }
        assertThat(checks).hasValue(1);
        clock.advance(HealthResource.REUSE);
        resource.answer(false);
        assertThat(checks).hasValue(2);
    }

    @Test
    void whileACheckHangsOtherRequestsGetTheLastAnswerAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch hanging = new CountDownLatch(1);
        HealthResource resource = new HealthResource(() -> {
            hanging.countDown();
            await(release);
            return OK;
        }, clock, false);

        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> answer(resource));
        assertThat(hanging.await(5, TimeUnit.SECONDS)).isTrue();

        assertThat(answer(resource)).as("no answer known yet: unavailable, at once").isEqualTo(503);
        release.countDown();
        assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(200);
        assertThat(answer(resource)).isEqualTo(200);
    }

    @Test
    void aHealthCheckThatThrowsIsUnavailable() {
        HealthResource resource = new HealthResource(() -> {
            throw new IllegalStateException("boom");
        }, clock, false);

        assertThat(answer(resource)).isEqualTo(503);
    }

    private static int answer(HealthResource resource) {
        return resource.answer(false).getStatus();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

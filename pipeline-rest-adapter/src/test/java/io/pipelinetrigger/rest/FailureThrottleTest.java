package io.pipelinetrigger.rest;

import io.pipelinetrigger.core.fixtures.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class FailureThrottleTest {

    private final MutableClock clock = MutableClock.at("2024-03-15T00:00:00Z");
    private final FailureThrottle throttle = new FailureThrottle(clock);

    @Test
    void nineWrongTokensInAMinuteAreTolerated() {
        fail("10.0.0.7", 9);

        assertThat(throttle.blockedFor("10.0.0.7")).isEmpty();
    }

    @Test
    void theTenthWrongTokenInAMinuteBlocksTheAddressForAMinute() {
        fail("10.0.0.7", 10);

        assertThat(throttle.blockedFor("10.0.0.7")).contains(Duration.ofSeconds(60));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.blockedFor("10.0.0.7")).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.blockedFor("10.0.0.7")).isEmpty();
    }

    @Test
    void otherAddressesAreNotBlocked() {
        fail("10.0.0.7", 10);

        assertThat(throttle.blockedFor("10.0.0.8")).isEmpty();
    }

    @Test
    void failuresSpreadOverMoreThanAMinuteDoNotAddUp() {
        fail("10.0.0.7", 9);
        clock.advance(Duration.ofSeconds(61));
        fail("10.0.0.7", 9);

        assertThat(throttle.blockedFor("10.0.0.7")).isEmpty();
    }

    @Test
    void afterTheBlockTheCountStartsAfresh() {
        fail("10.0.0.7", 10);
        clock.advance(Duration.ofSeconds(60));
        fail("10.0.0.7", 1);

        assertThat(throttle.blockedFor("10.0.0.7")).isEmpty();
    }

    @Test
    void theMemoryIsBoundedByForgettingTheLeastRecentlySeenAddress() {
        FailureThrottle small = new FailureThrottle(clock, 3);
        for (int i = 0; i < 10; i++) {
            small.recordFailure("10.0.0." + i);
        }

        assertThat(small.trackedAddresses()).isEqualTo(3);
    }

    @Test
    void aBlockedAddressStaysRememberedWhileOthersComeAndGoIfItKeepsTrying() {
        FailureThrottle small = new FailureThrottle(clock, 3);
        for (int i = 0; i < 10; i++) {
            small.recordFailure("10.0.0.7");
        }
        for (int i = 0; i < 10; i++) {
            small.recordFailure("192.0.2." + i);
            assertThat(small.blockedFor("10.0.0.7")).isPresent(); // each look keeps it recent
        }
    }

    @ParameterizedTest
    @CsvSource({
            "2001:db8:1:2:3:4:5:6, 2001:db8:1:2::/64",
            "2001:db8:1:2:ffff::1, 2001:db8:1:2::/64",
            "::1, 0:0:0:0::/64",
            "fe80::1%eth0, fe80:0:0:0::/64",
            "127.0.0.1, 127.0.0.1",
            "::ffff:192.0.2.1, 192.0.2.1",
            "unknown, unknown",
            "not:an:address:at:all, not:an:address:at:all"})
    void anIpv6ClientIsCountedByItsSlash64(String address, String key) {
        assertThat(FailureThrottle.keyOf(address)).isEqualTo(key);
    }

    private void fail(String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.recordFailure(address);
        }
    }
}

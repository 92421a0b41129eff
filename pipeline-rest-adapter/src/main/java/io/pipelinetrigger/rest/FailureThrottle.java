package io.pipelinetrigger.rest;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down token guessing: a client address that sent {@value #MAX_FAILURES} wrong tokens within
 * {@link #WINDOW} is refused (429) for {@link #BLOCK}, whatever it sends, so a right guess cannot be told
 * from a wrong one while blocked. At most {@value #MAX_TRACKED} addresses are remembered (the least recently
 * seen is forgotten first), so a flood of addresses cannot fill the memory.
 */
final class FailureThrottle {

    static final int MAX_FAILURES = 10;
    static final Duration WINDOW = Duration.ofSeconds(60);
    static final Duration BLOCK = Duration.ofSeconds(60);
    static final int MAX_TRACKED = 10_000;

    private final InstantSource clock;
    private final int maxTracked;
    private final Map<String, Record> records;

    FailureThrottle(InstantSource clock) {
        this(clock, MAX_TRACKED);
    }

    FailureThrottle(InstantSource clock, int maxTracked) {
        this.clock = clock;
        this.maxTracked = maxTracked;
        this.records = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Record> eldest) {
                return size() > FailureThrottle.this.maxTracked;
            }
        };
    }

    /** How long {@code address} must still wait, if it is blocked now. */
    synchronized Optional<Duration> blockedFor(String address) {
        Record record = records.get(address);
        Instant now = clock.instant();
        if (record == null || record.blockedUntil == null || !now.isBefore(record.blockedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, record.blockedUntil));
    }

    /** Counts one wrong token from {@code address}; the one that reaches the limit starts the block. */
    synchronized void recordFailure(String address) {
        Instant now = clock.instant();
        Record record = records.computeIfAbsent(address, key -> new Record());
        if (record.windowStart == null || !now.isBefore(record.windowStart.plus(WINDOW))) {
            record.windowStart = now;
            record.failures = 0;
        }
        record.failures++;
        if (record.failures >= MAX_FAILURES) {
            record.blockedUntil = now.plus(BLOCK);
            record.windowStart = null;
            record.failures = 0;
        }
    }

    /**
     * Which addresses share one record: an IPv6 client usually holds a whole /64, so the /64 is what is
     * counted; anything else (IPv4, a name the embedder's address function gave) as it is.
     */
    static String keyOf(String address) {
        if (!address.contains(":") || !address.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?")) {
            return address;
        }
        try {
            // a literal with ':' is parsed, never looked up in DNS
            InetAddress parsed = InetAddress.getByName(address.replaceFirst("%.*", ""));
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                StringBuilder prefix = new StringBuilder();
                for (int i = 0; i < 8; i += 2) {
                    prefix.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF))).append(':');
                }
                return prefix.append(":/64").toString();
            }
            return parsed.getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }

    synchronized int trackedAddresses() {
        return records.size();
    }

    private static final class Record {
        Instant windowStart;
        int failures;
        Instant blockedUntil;
    }
}

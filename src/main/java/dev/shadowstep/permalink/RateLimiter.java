package dev.shadowstep.permalink;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code capacity} requests at once, refilled at
 * {@code perMinute} a minute. Buckets that have refilled completely are forgotten when there
 * are many clients, so memory stays bounded. The API and the Share form take from the same
 * buckets.
 */
public final class RateLimiter {

    /** Past this many tracked clients, full (idle) buckets are dropped. */
    static final int MAX_TRACKED = 10_000;

    private final int capacity;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** A limiter with {@code capacity <= 0} lets everything through. */
    RateLimiter(int capacity, double perMinute, LongSupplier nanoTime) {
        this.capacity = capacity;
        this.tokensPerNano = perMinute / 60e9;
        this.nanoTime = nanoTime;
    }

    /** Returns 0 when the client may go ahead (a token is taken), else the whole seconds until it may. */
    public long acquire(String client) {
        if (capacity <= 0) {
            return 0;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() >= MAX_TRACKED) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        return buckets.computeIfAbsent(client, c -> new Bucket(now)).take(now);
    }

    private final class Bucket {
        private double tokens = capacity;
        private long last;

        Bucket(long now) {
            last = now;
        }

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            if (tokensPerNano <= 0) {
                return Long.MAX_VALUE / 1_000_000_000L;
            }
            double nanos = (1 - tokens) / tokensPerNano;
            return Math.max(1, (long) Math.ceil(nanos / 1e9));
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return tokens >= capacity;
        }

        private void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * tokensPerNano);
            last = now;
        }
    }
}

package dev.shadowstep.permalink;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();

    @Test
    void aClientGetsItsBurstThenWaitsForTheNextToken() {
        RateLimiter limiter = new RateLimiter(3, 6, now::get); // one token every 10 s
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isEqualTo(10);
        now.addAndGet(4_000_000_000L);
        assertThat(limiter.acquire("a")).isEqualTo(6);
        now.addAndGet(6_000_000_000L);
        assertThat(limiter.acquire("a")).isZero();
    }

    @Test
    void eachAddressHasItsOwnBucket() {
        RateLimiter limiter = new RateLimiter(1, 1, now::get);
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isPositive();
        assertThat(limiter.acquire("10.0.0.2")).isZero();
    }

    @Test
    void aCapacityOfZeroTurnsTheLimitOff() {
        RateLimiter limiter = new RateLimiter(0, 0, now::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.acquire("a")).isZero();
        }
    }

    @Test
    void idleClientsAreForgottenWhenManyAreTracked() {
        RateLimiter limiter = new RateLimiter(1, 60, now::get);
        for (int i = 0; i < RateLimiter.MAX_TRACKED; i++) {
            limiter.acquire("client-" + i);
        }
        now.addAndGet(2_000_000_000L); // all refilled
        limiter.acquire("newcomer");
        assertThat(limiter.acquire("client-0")).isZero();
        assertThat(limiter.acquire("newcomer")).isPositive();
    }
}

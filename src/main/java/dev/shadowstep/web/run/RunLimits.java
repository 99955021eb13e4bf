package dev.shadowstep.web.run;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bounds on runs that users send ({@code shadowstep.web.run.*}): the JSON API, the editor and comparisons.
 *
 * @param maxSteps   the largest {@code limits.max_steps} accepted (the format allows 10,000,000; a
 *                   browser shows a million steps smoothly)
 * @param timeout    how long one run may take, reviews included; a longer run is stopped
 * @param concurrent how many runs may go at once; others wait up to {@code queueWait}
 * @param queueWait  how long a run waits for its turn before the server says it is busy
 */
@ConfigurationProperties("shadowstep.web.run")
public record RunLimits(
        @DefaultValue("1000000") int maxSteps,
        @DefaultValue("30s") Duration timeout,
        @DefaultValue("2") int concurrent,
        @DefaultValue("10s") Duration queueWait) {

    /** The defaults, for code that builds a guard without Spring. */
    public static final RunLimits DEFAULT = new RunLimits(1_000_000, Duration.ofSeconds(30), 2, Duration.ofSeconds(10));
}

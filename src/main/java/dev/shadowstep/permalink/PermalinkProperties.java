package dev.shadowstep.permalink;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code shadowstep.permalink}.
 *
 * @param maxSteps  the largest {@code limits.max_steps} a stored scenario may ask for
 * @param rateLimit link creations per client address
 * @param readLimit reads of a link's run ({@code .txt}, {@code .json}) per client address; a conditional
 *                  GET answered 304 is not counted
 * @param baseUrl   the public origin for the URLs in responses (e.g. {@code https://shadowstep.example});
 *                  empty to use the request's own
 */
@ConfigurationProperties("shadowstep.permalink")
public record PermalinkProperties(@DefaultValue("100000") int maxSteps,
                                  @DefaultValue RateLimit rateLimit,
                                  @DefaultValue("") String baseUrl,
                                  @DefaultValue RateLimit readLimit) {

    /**
     * A token bucket per remote address.
     *
     * @param capacity  requests allowed at once; 0 turns the limit off
     * @param perMinute tokens added back each minute
     */
    public record RateLimit(@DefaultValue("30") int capacity, @DefaultValue("30") double perMinute) {}
}

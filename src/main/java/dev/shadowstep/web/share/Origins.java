package dev.shadowstep.web.share;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The public origin of links: {@code shadowstep.permalink.base-url} when set, else the request's own. */
final class Origins {

    private Origins() {}

    /** Returns scheme, host, port and context path, without a trailing slash. */
    static String of(HttpServletRequest request, String baseUrl) {
        String origin = baseUrl == null || baseUrl.isBlank()
                ? ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).toUriString()
                : baseUrl.strip();
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}

package dev.shadowstep.permalink;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The origin (scheme, host, port, context path) of the absolute links a response carries. The
 * configured {@code shadowstep.permalink.base-url} is the only trusted one. Without it the
 * request's own origin is used, which comes from the Host header a client chose: such a response
 * is marked {@code Cache-Control: no-store}, so no shared cache keeps a forged origin and serves it
 * to others. A {@code Location} header is a path then ({@link #locationBase}), which loses nothing.
 */
public final class LinkOrigin {

    private LinkOrigin() {}

    /** Returns the origin without a trailing slash; marks the response not storable when it is the request's own. */
    public static String of(String baseUrl, HttpServletRequest request, HttpServletResponse response) {
        if (isConfigured(baseUrl)) return strip(baseUrl.strip());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return strip(ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).toUriString());
    }

    /** Returns the base of a {@code Location} header: the configured origin, else the context path (a relative reference). */
    public static String locationBase(String baseUrl, HttpServletRequest request) {
        return isConfigured(baseUrl) ? strip(baseUrl.strip()) : request.getContextPath();
    }

    private static boolean isConfigured(String baseUrl) {
        return baseUrl != null && !baseUrl.isBlank();
    }

    private static String strip(String origin) {
        return origin.endsWith("/") ? origin.substring(0, origin.length() - 1) : origin;
    }
}

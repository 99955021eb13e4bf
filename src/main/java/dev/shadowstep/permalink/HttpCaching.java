package dev.shadowstep.permalink;

import dev.shadowstep.run.CoreRun;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;

/**
 * HTTP caching of things that cannot change: a permalink's source, and for one engine version a
 * link's run and a run's steps (run ids are content addresses that include the engine version).
 * ETags name the content id and the engine; a conditional GET that names one is answered 304.
 */
public final class HttpCaching {

    /** For content that never changes behind its URL (a link's source). */
    public static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /**
     * For content fixed for one engine version behind a URL that a new version answers differently
     * (a link's run): immutable for a day, so caches pick up an upgrade by the next day.
     */
    public static final String IMMUTABLE_FOR_ENGINE = "public, max-age=86400, immutable";

    /** The engine version as an ETag can carry it: {@code shadowstep 0.1.0} becomes {@code shadowstep-0.1.0}. */
    private static final String ENGINE = CoreRun.ENGINE.replaceAll("[^A-Za-z0-9.]+", "-");

    private HttpCaching() {}

    /** Returns the strong ETag of content {@code id} as this engine makes it. */
    public static String etag(String id) {
        return "\"" + id + "." + ENGINE + "\"";
    }

    /** Returns whether the request's {@code If-None-Match} names {@code etag} (or is {@code *}). */
    public static boolean matches(HttpServletRequest request, String etag) {
        Enumeration<String> headers = request.getHeaders("If-None-Match");
        while (headers != null && headers.hasMoreElements()) {
            for (String tag : headers.nextElement().split(",")) {
                String t = tag.strip();
                if (t.startsWith("W/")) t = t.substring(2);
                if (t.equals(etag) || t.equals("*")) return true;
            }
        }
        return false;
    }
}

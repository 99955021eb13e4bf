package dev.shadowstep.web.share;

import java.util.regex.Pattern;

/**
 * The page a plain Share form came from, so the result page can link back to it. Only a path on
 * this site is taken: never another host, never a scheme.
 */
final class BackLink {

    private static final Pattern LOCAL_PATH = Pattern.compile("/(?!/)[A-Za-z0-9/_.~%=&,?-]{0,500}");

    private BackLink() {}

    /** Returns the path when it is a plain path on this site, else null. */
    static String orNull(String path) {
        return path != null && LOCAL_PATH.matcher(path).matches() ? path : null;
    }
}

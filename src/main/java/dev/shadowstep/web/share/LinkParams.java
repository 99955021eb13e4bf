package dev.shadowstep.web.share;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The query of a shared link: {@code ?step=N} (the step shown first) and an optional
 * {@code &lanes=tf,if,dr6} (the timeline lanes shown, by id or group; read by
 * frontend/src/lane-selection.js). Values from a form are checked here before they go into a URL.
 */
final class LinkParams {

    /** Lane and group ids are short lower-case words: {@code tf}, {@code dr6}, {@code vmcs-int}. */
    private static final Pattern LANES = Pattern.compile("[a-z0-9-]{1,24}(,[a-z0-9-]{1,24}){0,39}");

    private LinkParams() {}

    /** Returns the step as a non-negative number; 0 for anything else (the page clamps it to the run). */
    static int step(String raw) {
        if (raw == null || !raw.strip().matches("\\d{1,9}")) {
            return 0;
        }
        return Integer.parseInt(raw.strip());
    }

    /** Returns the lanes value in lower case when it is a list of lane names, else null (dropped). */
    static String lanes(String raw) {
        if (raw == null) {
            return null;
        }
        String value = raw.strip().toLowerCase(Locale.ROOT);
        return LANES.matcher(value).matches() ? value : null;
    }

    /** Returns {@code ?step=N}, with {@code &lanes=...} when lanes is set. */
    static String query(int step, String lanes) {
        return "?step=" + step + (lanes == null ? "" : "&lanes=" + lanes);
    }
}

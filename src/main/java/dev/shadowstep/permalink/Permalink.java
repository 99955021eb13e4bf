package dev.shadowstep.permalink;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Trace;

/**
 * A permalink opened now: what was stored, the scenario read by the current reader, the current
 * engine's run, and whether that run differs from the stored one. What the scenario page, the
 * embed view and the Share button need ({@link PermalinkService#find}).
 *
 * @param link     as stored: the source exactly as submitted, preview, engine, digest, created_at
 * @param scenario the source read now; null when the current reader refuses it (see {@code drift})
 * @param trace    the current engine's run, its scenario id set to the link's; null when there is none
 * @param drift    NONE, CHANGED (with the first differing step) or UNKNOWN, with a sentence saying so
 */
public record Permalink(StoredLink link, Scenario scenario, Trace trace, Drift drift) {

    /** Returns the link's id. */
    public String id() {
        return link.id();
    }
}

package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;

/**
 * A run the server keeps so that its steps can be streamed and paged.
 *
 * @param id     the run id in {@code /api/runs/{id}/...}
 * @param slug   the library scenario it ran, or null for a scenario sent by a user
 * @param trace  what the run produced
 * @param source the scenario text that was run, or null when not kept
 */
public record StoredRun(String id, String slug, Trace trace, String source) {

    /** Returns a run whose scenario text is not kept. */
    public StoredRun(String id, String slug, Trace trace) {
        this(id, slug, trace, null);
    }

    /** Returns the number of steps. */
    public int total() {
        return trace.steps().size();
    }
}

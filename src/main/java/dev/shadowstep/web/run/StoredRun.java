package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;

/**
 * A run the server keeps so that its steps can be streamed and paged.
 *
 * @param id   the run id in {@code /api/runs/{id}/...}
 * @param slug the library scenario it ran, or null for a scenario sent by a user
 */
public record StoredRun(String id, String slug, Trace trace) {

    /** Returns the number of steps. */
    public int total() {
        return trace.steps().size();
    }
}

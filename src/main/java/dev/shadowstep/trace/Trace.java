package dev.shadowstep.trace;

import java.util.List;
import java.util.Map;

/**
 * One run of a scenario, as the public trace format (version 1, see src/docs/trace-format.md)
 * describes it. Steps are reached through {@link Steps}, so that a run of millions of
 * steps can be written without holding a record per step.
 */
public record Trace(
        int format,
        String engine,
        ScenarioRef scenario,
        Map<String, Long> symbols,
        List<ListingEntry> listing,
        Steps steps,
        List<Event> events,
        Outcome outcome,
        List<ExpectationResult> expectations) {

    public static final int FORMAT = 1;

    /** The scenario this trace ran: its title and, when it has a permalink, the id. */
    public record ScenarioRef(String title, String id) {}
}

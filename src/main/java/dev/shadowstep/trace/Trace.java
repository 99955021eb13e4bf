package dev.shadowstep.trace;

import java.util.List;
import java.util.Map;

/**
 * One run of a scenario, as the public trace format (version 1, see src/docs/trace-format.md)
 * describes it. Steps are reached through {@link Steps}, so that a run of millions of
 * steps can be written without holding a record per step.
 *
 * @param expectations one result per {@code expect} item of the scenario, in item order
 * @param findings     what a reviewer would flag in the run, in step order (whole-run ones last)
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
        List<ExpectationResult> expectations,
        List<Finding> findings) {

    public static final int FORMAT = 1;

    public Trace {
        expectations = List.copyOf(expectations);
        findings = List.copyOf(findings);
    }

    /** Returns this trace with {@code expectations} in place of its expectation results. */
    public Trace withExpectations(List<ExpectationResult> expectations) {
        return new Trace(format, engine, scenario, symbols, listing, steps, events, outcome, expectations, findings);
    }

    /** Returns this trace with {@code findings} in place of its findings. */
    public Trace withFindings(List<Finding> findings) {
        return new Trace(format, engine, scenario, symbols, listing, steps, events, outcome, expectations, findings);
    }

    /** The scenario this trace ran: its title and, when it has a permalink, the id. */
    public record ScenarioRef(String title, String id) {}
}

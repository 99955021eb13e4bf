package dev.shadowstep.web.compare;

import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.web.run.RunPageView;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.Variant;
import java.util.List;

/**
 * One of the two runs on the compare page.
 *
 * @param key        {@code a} or {@code b}: the URL parameter and the element ids
 * @param variant    the switches set for this run
 * @param events     its events, as the scenario page lists them (at most {@link #MAX_LISTED})
 * @param notListed  how many events are left out of the list
 */
public record CompareSide(String key, Variant variant, StoredRun run, Outcome outcome, List<RunPageView.EventRow> events,
                          int notListed, List<ExpectationResult> expectations) {

    /** The events list stops here, as on the scenario page; the timeline still marks every event. */
    static final int MAX_LISTED = 500;

    /** Returns the side for a run. */
    static CompareSide of(String key, Variant variant, StoredRun run) {
        List<RunPageView.EventRow> events = RunPageView.events(run.trace().events());
        return new CompareSide(key, variant, run, run.trace().outcome(), events.subList(0, Math.min(events.size(), MAX_LISTED)),
                Math.max(0, events.size() - MAX_LISTED), run.trace().expectations());
    }

    /** Returns the side's name in sentences: {@code as written}, or {@code with reinject_db_sets_bs off}. */
    public String name() {
        return variant.settings().isEmpty() ? "as written" : "with " + variant.describe();
    }

    /** Returns how many expectations were met. */
    public long met() {
        return expectations.stream().filter(ExpectationResult::ok).count();
    }
}

package dev.shadowstep.web.compare;

import dev.shadowstep.trace.ExpectationResult;
import dev.shadowstep.trace.Outcome;
import dev.shadowstep.web.run.RunPageView;
import dev.shadowstep.web.run.StoredRun;
import dev.shadowstep.web.switches.Variant;
import java.util.List;

/**
 * One of the two runs of a comparison.
 *
 * @param key         {@code a} or {@code b}: the URL parameter and the element ids
 * @param label       the run in words, the same on every compare surface: {@code as written},
 *                    {@code emulated_db_sets_bs off}, {@code under KVM (kvm-vmx)}, a link's title
 * @param variant     the switches set for this run when it is a variant of one scenario, else null
 * @param href        where the run opens on its own ({@code /runs/ID}, {@code /s/ID})
 * @param permalinkId the permalink the run is, or null
 * @param events      its events, as the scenario page lists them (at most {@link #MAX_LISTED})
 * @param notListed   how many events are left out of the list
 */
public record CompareSide(String key, String label, Variant variant, StoredRun run, String href, String permalinkId,
                          Outcome outcome, List<RunPageView.EventRow> events, int notListed,
                          List<ExpectationResult> expectations) {

    /** The events list stops here, as on the scenario page; the timeline still marks every event. */
    static final int MAX_LISTED = 500;

    /** Returns the side for a variant of one scenario. */
    static CompareSide of(String key, Variant variant, StoredRun run) {
        return of(key, variant.describe(), variant, run, "/runs/" + run.id(), null);
    }

    /** Returns a side. */
    static CompareSide of(String key, String label, Variant variant, StoredRun run, String href, String permalinkId) {
        List<RunPageView.EventRow> events = RunPageView.events(run.trace().events());
        return new CompareSide(key, label, variant, run, href, permalinkId, run.trace().outcome(),
                events.subList(0, Math.min(events.size(), MAX_LISTED)), Math.max(0, events.size() - MAX_LISTED),
                run.trace().expectations());
    }

    /** Returns this side under another label. */
    CompareSide withLabel(String other) {
        return new CompareSide(key, other, variant, run, href, permalinkId, outcome, events, notListed, expectations);
    }

    /** Returns the side's name in sentences: {@code A (as written)}. */
    public String name() {
        return key.toUpperCase(java.util.Locale.ROOT) + " (" + label + ")";
    }

    /** Returns the scenario text the run ran. */
    public String source() {
        return run.source();
    }

    /** Returns how many expectations were met. */
    public long met() {
        return expectations.stream().filter(ExpectationResult::ok).count();
    }
}

package dev.shadowstep.findings;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Finding;
import dev.shadowstep.trace.Trace;
import java.util.List;

/**
 * Reviews a run: returns what a reviewer would flag, each finding at the step where it shows.
 * The cost is one pass over the steps' kinds and RIPs, one over the events, and a state rebuilt
 * only at the few steps a finding depends on; {@code entry_needs_fix} re-runs the scenario once
 * per KVM fix that is on (kvm-vmx runs that deliver a #DB only).
 */
public final class Findings {
    private Findings() {}

    /** Returns the findings of {@code trace}, a run of {@code scenario}, without re-running it. */
    public static List<Finding> of(Scenario scenario, Trace trace) {
        return of(scenario, trace, null);
    }

    /**
     * Returns the findings of {@code trace}, a run of {@code scenario}, in step order (whole-run
     * findings last).
     *
     * @param rerun runs a variant of the scenario for {@code entry_needs_fix}; null to skip that check
     */
    public static List<Finding> of(Scenario scenario, Trace trace, Rerun rerun) {
        FindingSink sink = new FindingSink();
        Labels labels = new Labels(trace.symbols(), trace.listing());
        HandlerWalk.walk(trace, scenario.cpu().shadow(), labels, sink);
        StickyDr6.check(trace.events(), sink);
        ApicAtEnd.check(trace, scenario.apic().isr(), sink);
        ExpectChecks.check(scenario, trace, sink);
        HandlerCoverage.check(scenario, trace.events(), sink);
        if (rerun != null) FixProbe.check(scenario, trace, rerun, sink);
        PastedC.check(scenario, sink);
        return sink.findings();
    }
}

package dev.shadowstep.findings;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Trace;

/**
 * Runs a variant of the scenario under review and returns its trace (expectations checked, no
 * findings). {@link FixProbe} uses it to turn one KVM fix off at a time.
 */
@FunctionalInterface
public interface Rerun {
    /** Returns the trace of {@code variant}. */
    Trace run(Scenario variant);
}

package dev.shadowstep.permalink;

import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Trace;

/**
 * Runs a scenario with the current engine. The permalink service needs only this, so that it
 * works with the real runner ({@code dev.shadowstep.run.ScenarioRunner}) and with a fake in tests.
 */
public interface TraceProducer {

    /**
     * Returns the trace of one run. {@code source} is the text the scenario was read from (for the
     * listing's line numbers and the text form).
     *
     * @throws dev.shadowstep.scenario.ScenarioException for problems located in the scenario that only
     *         a run finds (an instruction outside the subset, an unknown label)
     */
    Trace run(Scenario scenario, String source);

    /**
     * Returns the run of a stored link, its scenario id set to the link's. An engine that keeps runs
     * (the web tier's, by content id) answers from its cache; the default runs again.
     */
    default Trace run(Scenario scenario, String source, String permalinkId) {
        return PermalinkService.withId(run(scenario, source), permalinkId);
    }
}

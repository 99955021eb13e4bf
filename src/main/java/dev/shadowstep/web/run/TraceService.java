package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;

/** What the web layer needs from the engine: run a scenario file and return its trace. */
public interface TraceService {

    /**
     * Returns the trace of one run of the scenario (YAML or JSON).
     *
     * @throws ScenarioRejectedException when the scenario is invalid, with every located problem
     */
    Trace run(String scenarioYaml);
}

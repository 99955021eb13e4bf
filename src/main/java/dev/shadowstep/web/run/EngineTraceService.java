package dev.shadowstep.web.run;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Trace;
import org.springframework.stereotype.Service;

/** Runs scenarios on the emulation core: the loader reads the file, the runner returns the trace. */
@Service
class EngineTraceService implements TraceService {

    @Override
    public Trace run(String scenarioYaml) {
        Scenario scenario = null;
        try {
            scenario = ScenarioLoader.load(scenarioYaml);
            return ScenarioRunner.run(scenario, null);
        } catch (ScenarioException e) {
            throw new ScenarioRejectedException(ScenarioProblems.of(e, scenarioYaml, scenario));
        }
    }
}

package dev.shadowstep.web.run;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.scenario.ScenarioLoader;
import dev.shadowstep.trace.Trace;
import org.springframework.stereotype.Service;

/** Runs scenarios on the emulation core: the loader reads the file, the runner returns the trace. */
@Service
class EngineTraceService implements TraceService {

    @Override
    public Trace run(String scenarioYaml) {
        try {
            return ScenarioRunner.run(ScenarioLoader.load(scenarioYaml), null);
        } catch (ScenarioException e) {
            throw new ScenarioRejectedException(e.errors().stream()
                    .map(err -> new ScenarioProblem(err.path(), err.line(), err.column(), err.message()))
                    .toList());
        }
    }
}

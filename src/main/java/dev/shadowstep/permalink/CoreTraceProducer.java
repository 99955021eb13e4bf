package dev.shadowstep.permalink;

import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.trace.Trace;
import org.springframework.stereotype.Component;

/** The real engine behind permalinks: {@link ScenarioRunner}, which assembles and runs the scenario. */
@Component
class CoreTraceProducer implements TraceProducer {

    @Override
    public Trace run(Scenario scenario, String source) {
        // the permalink id is set by PermalinkService once the link is known
        return ScenarioRunner.run(scenario, null);
    }
}

package dev.shadowstep.web.run;

import dev.shadowstep.permalink.PermalinkService;
import dev.shadowstep.permalink.TraceProducer;
import dev.shadowstep.run.ScenarioRunner;
import dev.shadowstep.scenario.Scenario;
import dev.shadowstep.scenario.ScenarioError;
import dev.shadowstep.scenario.ScenarioException;
import dev.shadowstep.trace.Trace;
import java.util.List;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The engine behind permalinks: {@link ScenarioRunner} through the {@link RunGuard}, like every other
 * run, and an opened link's run kept in the {@link RunStore} under its content id, so its page, stream,
 * {@code .txt} and {@code .json} share one run on each instance.
 */
@Component
class GatewayTraceProducer implements TraceProducer {

    private final RunGuard gateway;
    private final RunStore runs;

    GatewayTraceProducer(RunGuard gateway, @Lazy RunStore runs) {
        this.gateway = gateway;
        this.runs = runs;
    }

    @Override
    public Trace run(Scenario scenario, String source) {
        // the permalink id is set by PermalinkService once the link is known
        return gateway.call(scenario.limits().maxSteps(), scenario.hypervisor() != null, () -> ScenarioRunner.run(scenario, null),
                () -> new ScenarioException(List.of(new ScenarioError("limits.max_steps", 0, 0, "the run took longer than "
                        + gateway.limits().timeout().toSeconds() + " s, this server's limit, and was stopped"))));
    }

    @Override
    public Trace run(Scenario scenario, String source, String permalinkId) {
        return runs.forPermalink(permalinkId, source, () -> PermalinkService.withId(run(scenario, source), permalinkId))
                .trace();
    }
}

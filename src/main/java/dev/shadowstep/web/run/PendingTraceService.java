package dev.shadowstep.web.run;

import dev.shadowstep.trace.Trace;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The engine adapter until the scenario loader and runner are merged into this build: every
 * run is refused with a message saying so, rather than a made-up trace.
 */
@Service
class PendingTraceService implements TraceService {

    @Override
    public Trace run(String scenarioYaml) {
        throw new ScenarioRejectedException(List.of(ScenarioProblem.general(
                "This build has no emulation core yet, so scenarios cannot be run. "
                        + "Build a version that includes the runner.")));
    }
}

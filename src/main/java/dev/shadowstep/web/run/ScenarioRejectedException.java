package dev.shadowstep.web.run;

import dev.shadowstep.scenario.ScenarioError;
import java.util.List;

/** Thrown by a {@link TraceService} when the scenario cannot be run; carries every located problem. */
public class ScenarioRejectedException extends RuntimeException {

    private final List<ScenarioError> problems;

    public ScenarioRejectedException(List<ScenarioError> problems) {
        super(problems.size() + " problem(s) in the scenario");
        this.problems = List.copyOf(problems);
    }

    /** Returns the problems in file order. */
    public List<ScenarioError> problems() {
        return problems;
    }
}

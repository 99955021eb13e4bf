package dev.shadowstep.permalink;

import dev.shadowstep.scenario.ScenarioError;
import java.util.List;

/**
 * The JSON body of an API error: {@code {"errors": [{"path", "line", "column", "message"}]}}, each
 * error located in the scenario when it can be (line and column 1-based, 0 when not located).
 */
record ApiProblem(List<ScenarioError> errors) {

    static ApiProblem of(String message) {
        return new ApiProblem(List.of(ScenarioError.general(message)));
    }

    static ApiProblem of(List<ScenarioError> errors) {
        return new ApiProblem(List.copyOf(errors));
    }
}
